"""Server-rendered SVG charts: accessible, escaped, and compatible with the strict CSP."""

from satisfaction.charts import Series, bar_chart, line_chart


def test_bar_chart_has_a_title_a_description_and_one_bar_per_value():
    svg = bar_chart("kenh", "Hồ sơ theo hình thức nộp", ["Trực tuyến", "Trực tiếp"], [120, 30])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="kenh-title">Hồ sơ theo hình thức nộp</title>' in svg
    assert svg.count("<rect") == 2
    assert "120" in svg and "Trực tuyến" in svg


def test_chart_labels_are_escaped_and_no_inline_style_is_used():
    svg = bar_chart("x", "<b>t</b>", ['<script>alert("x")</script>'], [1])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    line = line_chart("y", "Xu hướng", ["01/2026", "02/2026"], [Series("<i>", [1, None])])
    assert "style=" not in svg + line and "<i>" not in line


def test_line_chart_draws_one_polyline_per_series_with_enough_points():
    svg = line_chart(
        "trend",
        "Tỷ lệ hài lòng",
        ["01/2026", "02/2026", "03/2026"],
        [Series("Hài lòng", [80, 85.5, 90]), Series("Đúng hạn", [70, 75, 72])],
        unit="%",
        maximum=100,
    )
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 6
    assert "100%" in svg


def test_empty_values_draw_nothing_but_still_render():
    svg = bar_chart("empty", "Không có số liệu", ["A"], [0])
    assert 'width="0' in svg
