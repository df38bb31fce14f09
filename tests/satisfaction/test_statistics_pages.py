"""Public statistics and results pages, the index detail, the staff dashboard and its exports."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from satisfaction.refresh import refresh
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings
from tests.procedures.factories import AgencyFactory
from tests.satisfaction.factories import ALL_FIVE, returned_dossier
from tests.satisfaction.helpers import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(travel):
    travel.to("2026-11-20 10:00")
    province = AgencyFactory(code="P01", name="Tỉnh Thử", level="province")
    department = AgencyFactory(code="P01.S", name="Sở Thử", parent=province)
    for _ in range(3):
        dossier = returned_dossier(agency=department)
        surveys.submit_response(dossier, Ratings(dict(ALL_FIVE)), channel="link")
    refresh()
    return province, department


def test_public_statistics_page_shows_the_figures_a_chart_and_its_table(
    client, figures, django_assert_max_num_queries
):
    province, _department = figures
    url = reverse("satisfaction:statistics") + f"?co_quan={province.pk}&tu=2026-01&den=2026-11"
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<svg class="chart"' in html and "<table" in html
    assert 'data-figure="received">3<' in html
    assert "Số liệu cập nhật lúc" in html
    assert "style=" not in html.split("<main", 1)[1]
    assert "Sở Thử" in html  # the breakdown per unit below the province


def test_a_cached_page_is_served_again_with_few_queries(
    client, figures, django_assert_max_num_queries
):
    url = reverse("satisfaction:statistics") + f"?co_quan={figures[0].pk}"
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_a_bad_period_is_refused_with_a_message(client, figures):
    response = client.get(reverse("satisfaction:statistics") + "?tu=2026-13&den=abc")
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_published_satisfaction_results_per_agency_and_procedure(client, figures):
    response = client.get(reverse("satisfaction:results") + f"?co_quan={figures[0].pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="responses">3<' in html and 'data-figure="satisfied-share">100,0%' in html


def test_index_detail_shows_each_indicator_with_its_numbers(client, figures):
    _province, department = figures
    response = client.get(reverse("satisfaction:index-detail", args=[department.pk, "2026-11"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "766/QĐ-TTg" in html and "cần xác minh" in html
    assert "Hồ sơ giải quyết trước hạn, đúng hạn" in html
    missing = client.get(reverse("satisfaction:index-detail", args=[department.pk, "2020-01"]))
    assert missing.status_code == 404


def test_staff_dashboard_is_limited_to_the_viewers_agencies_and_exports(client, figures):
    _province, department = figures
    other = AgencyFactory(code="P02", name="Tỉnh Khác", level="province")
    sign_in_staff(client, agency=department, role="leader")
    url = reverse("satisfaction:staff-dashboard")
    page = client.get(url)
    assert page.status_code == 200 and "Sở Thử" in page.content.decode()
    refused = client.get(url + f"?co_quan={other.pk}")
    assert refused.status_code == 400 and "Không tìm thấy cơ quan" in refused.content.decode()

    xlsx = client.get(url + "?xuat=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    overview = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row}
    assert overview["Hồ sơ tiếp nhận"] == 3

    pdf = client.get(url + "?xuat=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_drill_down_lists_the_dossiers_behind_a_number(client, figures):
    _province, department = figures
    sign_in_staff(client, agency=department, role="specialist")
    response = client.get(
        reverse("satisfaction:staff-drill-down") + "?loai=tiep-nhan&tu=2026-01&den=2026-11"
    )
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 4  # header + 3 dossiers
    assert client.get(reverse("satisfaction:staff-drill-down") + "?loai=xyz").status_code == 404


def test_public_pages_need_no_sign_in_and_staff_pages_do(client, figures):
    assert client.get(reverse("satisfaction:statistics")).status_code == 200
    assert client.get(reverse("satisfaction:staff-dashboard")).status_code == 302


def test_statistics_query_defaults_to_the_last_twelve_months():
    from satisfaction.stats import StatsQuery

    query = StatsQuery.from_params({}, today=dt.date(2026, 11, 20))
    assert (query.first, query.last) == (dt.date(2025, 12, 1), dt.date(2026, 11, 1))
    assert len(query.months) == 12


def test_published_results_show_the_trend_per_month_as_a_chart_and_a_table(client, figures):
    province, _department = figures
    url = reverse("satisfaction:results") + f"?co_quan={province.pk}&tu=2026-09&den=2026-11"
    html = client.get(url).content.decode()
    assert 'id="chart-satisfaction-trend"' in html and 'id="xu-huong"' in html
    trend = html.split('id="xu-huong"', 1)[1].split("</section>", 1)[0]
    # Three months, one row each; November: 3 responses, all satisfied, average 5,00.
    assert trend.count("<tr data-month=") == 3
    november = trend.split('data-month="2026-11"', 1)[1].split("</tr>", 1)[0]
    assert ">3<" in november and "100,0%" in november and "5,00" in november
    september = trend.split('data-month="2026-09"', 1)[1].split("</tr>", 1)[0]
    assert ">0<" in september and "—" in september
    assert f"co_quan={province.pk}" in trend and "#xu-huong" in trend  # a shareable link
