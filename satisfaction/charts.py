"""Charts as SVG rendered on the server: no JavaScript, no CDN, and a data table beside each one.

The SVG uses presentation attributes only (``fill``, ``stroke``), never ``style=""``, so the strict
Content-Security-Policy holds. Each chart has a <title> and <desc> and ``role="img"``; the template
places the same figures in a table next to it (the accessible form of the chart).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe

PALETTE = ["#0b4f8a", "#17653a", "#a50e24", "#8a4b00", "#5b3f8c", "#4a4f55"]


@dataclass(frozen=True)
class Series:
    label: str
    values: list  # numbers (None = no data)
    color: str = ""


def _number(value) -> float:
    return float(value) if isinstance(value, (int, float, Decimal)) else 0.0


def _fmt(value, unit="") -> str:
    if value is None:
        return "—"
    if isinstance(value, float | Decimal) and value != int(value):
        text = f"{float(value):.1f}".replace(".", ",")
    else:
        text = f"{int(value):,}".replace(",", ".")
    return f"{text}{unit}"


def _n(value: float) -> str:
    return f"{value:.1f}"


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        format_html(
            '<svg class="chart" id="{}" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">',
            chart_id,
            width,
            height,
            chart_id,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, desc),
    ]


def bar_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    values: list,
    *,
    unit: str = "",
    maximum=None,
    desc: str = "",
    color: str = PALETTE[0],
) -> str:
    """Horizontal bars, one per label (long Vietnamese labels fit on a 360 px screen)."""
    row, label_h, width = 34, 16, 600
    height = max(1, len(labels)) * row + 8
    top = max([_number(v) for v in values] + [_number(maximum), 0.0]) or 1.0
    parts = _open(chart_id, title, desc or title, width, height)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = i * row + 4
        bar = (width - 90) * _number(value) / top
        parts.append(
            format_html('<text x="0" y="{}" font-size="13" fill="#1b1b1b">{}</text>', y + 12, label)
        )
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="12" fill="{}" rx="2"></rect>',
                y + label_h,
                _n(max(bar, 0.5 if value else 0)),
                color,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="#1b1b1b">{}</text>',
                _n(bar + 6),
                y + label_h + 11,
                _fmt(value, unit),
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece went through format_html


def line_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[Series],
    *,
    unit: str = "",
    maximum=None,
    desc: str = "",
) -> str:
    """A trend over periods (x: ``labels``), one polyline per series, with a legend."""
    width, height, left, bottom, top_pad = 600, 260, 44, 40, 30
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    values = [_number(v) for s in series for v in s.values if v is not None]
    top = max([*values, _number(maximum), 0.0]) or 1.0
    n = max(1, len(labels))
    step = plot_w / max(1, n - 1) if n > 1 else 0
    parts = _open(chart_id, title, desc or title, width, height)
    for k in range(5):  # gridlines and y labels
        y = top_pad + plot_h - plot_h * k / 4
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d4d9"></line>',
                left,
                _n(y),
                width - 10,
                _n(y),
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#4a4f55">{}</text>',
                left - 4,
                _n(y + 4),
                _fmt(round(top * k / 4, 1), unit),
            )
        )
    every = max(1, n // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == n - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#4a4f55">{}</text>',
                    _n(left + i * step if n > 1 else left + plot_w / 2),
                    height - bottom + 16,
                    label,
                )
            )
    for index, s in enumerate(series):
        color = s.color or PALETTE[index % len(PALETTE)]
        points = []
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x = left + i * step if n > 1 else left + plot_w / 2
            y = top_pad + plot_h - plot_h * _number(v) / top
            points.append((x, y))
        if len(points) > 1:
            parts.append(
                format_html(
                    '<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"></polyline>',
                    color,
                    " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                )
            )
        for x, y in points:
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="3.5" fill="{}"></circle>', _n(x), _n(y), color
                )
            )
        lx = left + index * 190
        parts.append(
            format_html(
                '<rect x="{}" y="6" width="14" height="14" fill="{}"></rect>'
                '<text x="{}" y="18" font-size="12" fill="#1b1b1b">{}</text>',
                lx,
                color,
                lx + 20,
                s.label,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece went through format_html
