"""Public statistics (/thong-ke/) and published satisfaction results: figures from the fact tables,
a server-rendered SVG chart with a data table beside each, and URLs that carry every choice."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from procedures.models import Agency
from satisfaction import charts, stats
from satisfaction.models import IndexScore
from satisfaction.stats import StatsQuery, parse_month


def _channel_chart(summary):
    labels = [_("Trực tuyến"), _("Trực tiếp"), _("Bưu chính công ích")]
    values = [summary["received_online"], summary["received_counter"], summary["received_post"]]
    return charts.bar_chart(
        "chart-channel", _("Hồ sơ tiếp nhận theo hình thức nộp"), labels, values
    ), list(zip(labels, values, strict=True))


def _resolution_chart(summary):
    labels = [_("Trước hạn"), _("Đúng hạn"), _("Quá hạn")]
    values = [summary["resolved_early"], summary["resolved_on_time"], summary["resolved_late"]]
    return charts.bar_chart(
        "chart-resolution", _("Hồ sơ đã giải quyết theo tiến độ"), labels, values
    ), list(zip(labels, values, strict=True))


def _trend_chart(trend):
    labels = [f"{row['month']:%m/%Y}" for row in trend]
    return charts.line_chart(
        "chart-trend",
        _("Xu hướng theo tháng (%)"),
        labels,
        [
            charts.Series(_("Nộp trực tuyến"), [row["online_share"] for row in trend]),
            charts.Series(_("Giải quyết đúng hạn"), [row["on_time_share"] for row in trend]),
            charts.Series(_("Hài lòng"), [row["satisfied_share"] for row in trend]),
        ],
        unit="%",
        maximum=100,
    )


def _satisfaction_trend_chart(trend):
    labels = [f"{row['month']:%m/%Y}" for row in trend]
    return charts.line_chart(
        "chart-satisfaction-trend",
        _("Tỷ lệ hài lòng theo tháng (%)"),
        labels,
        [charts.Series(_("Hài lòng (mức 4–5)"), [row["satisfied_share"] for row in trend])],
        unit="%",
        maximum=100,
    )


def _aspect_chart(satisfaction):
    labels = [a["label"] for a in satisfaction["aspects"]]
    values = [a["average"] for a in satisfaction["aspects"]]
    return charts.bar_chart(
        "chart-aspects",
        _("Điểm trung bình theo khía cạnh (thang 5)"),
        labels,
        values,
        maximum=5,
        color=charts.PALETTE[1],
    )


def statistics_context(query: StatsQuery) -> dict:
    summary = stats.dossier_summary(query)
    trend = stats.dossier_trend(query)
    satisfaction = stats.satisfaction_summary(query)
    channel_svg, channel_rows = _channel_chart(summary)
    resolution_svg, resolution_rows = _resolution_chart(summary)
    return {
        "query": query,
        "summary": summary,
        "trend": trend,
        "satisfaction": satisfaction,
        "procedures": stats.procedure_levels(query),
        "by_agency": stats.by_agency(query),
        "by_sector": stats.by_sector(query),
        "by_procedure": stats.by_procedure(query),
        "index_scores": stats.index_scores(query),
        "index_month": stats.index_month(query),
        "channel_svg": channel_svg,
        "channel_rows": channel_rows,
        "resolution_svg": resolution_svg,
        "resolution_rows": resolution_rows,
        "trend_svg": _trend_chart(trend),
        "aspect_svg": _aspect_chart(satisfaction),
        "refresh": stats.last_refresh(),
    }


def agency_choices():
    return Agency.objects.active().only("pk", "name", "depth", "path").order_by("path")


@require_GET
def statistics(request):
    query = StatsQuery.from_params(request.GET)
    context = statistics_context(query)
    context["agencies"] = agency_choices()
    return render(
        request,
        "satisfaction/statistics.html",
        context,
        status=400 if query.errors else 200,
    )


@require_GET
def satisfaction_results(request):
    """Published satisfaction results per agency and procedure for a period, with the trend per
    month. Officers are never named here (personal data; see the staff dashboard)."""
    query = StatsQuery.from_params(request.GET)
    satisfaction = stats.satisfaction_summary(query)
    trend = stats.satisfaction_trend(query)
    return render(
        request,
        "satisfaction/results.html",
        {
            "query": query,
            "satisfaction": satisfaction,
            "aspect_svg": _aspect_chart(satisfaction),
            "trend": trend,
            "trend_svg": _satisfaction_trend_chart(trend),
            "by_agency": stats.by_agency(query),
            "by_procedure": stats.satisfaction_by(
                query, "procedure_id", ("procedure__code", "procedure__name")
            ),
            "agencies": agency_choices(),
            "refresh": stats.last_refresh(),
        },
        status=400 if query.errors else 200,
    )


@require_GET
def index_detail(request, agency_id, month):
    """One agency's index for one month: every indicator with the numbers it was computed from."""
    agency = get_object_or_404(Agency, pk=agency_id)
    day = parse_month(month)
    if day is None:
        raise Http404(_("Tháng không hợp lệ."))
    score = (
        IndexScore.objects.filter(agency=agency, month=day, scheme__is_active=True)
        .select_related("scheme")
        .first()
    )
    lines = []
    if score is not None:
        lines = list(
            score.lines.select_related("indicator__group").order_by(
                "indicator__group__order", "indicator__order"
            )
        )
    groups = []
    for line in lines:
        group = line.indicator.group
        if not groups or groups[-1]["group"].pk != group.pk:
            points = next((g["points"] for g in score.groups if g["code"] == group.code), None)
            groups.append({"group": group, "points": points, "lines": []})
        groups[-1]["lines"].append(line)
    return render(
        request,
        "satisfaction/index_detail.html",
        {
            "agency": agency,
            "month": day,
            "score": score,
            "groups": groups,
            "refresh": stats.last_refresh(),
        },
        status=200 if score else 404,
    )
