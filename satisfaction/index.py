"""The service index from the database: definitions → specs, fact tables → inputs, results → rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import get_language

from procedures.models import Agency
from satisfaction.models import (
    AgencyMonthFact,
    AgencySatisfactionFact,
    ComplaintFact,
    IndexIndicator,
    IndexScheme,
    IndexScore,
    IndexScoreLine,
    Metric,
    OpenDossierFact,
    ProcedureFact,
)
from satisfaction.scoring import Band, GroupSpec, IndexResult, IndicatorSpec, compute_index


def active_scheme() -> IndexScheme | None:
    return IndexScheme.objects.active().first()


def scheme_specs(scheme: IndexScheme) -> tuple[list[GroupSpec], list[Band]]:
    english = get_language() == "en"
    indicators = (
        IndexIndicator.objects.filter(group__scheme=scheme, is_active=True)
        .select_related("group")
        .order_by("group__order", "order")
    )
    by_group: dict[int, list[IndicatorSpec]] = {}
    for ind in indicators:
        by_group.setdefault(ind.group_id, []).append(
            IndicatorSpec(
                code=ind.code,
                metric=ind.metric,
                max_points=ind.max_points,
                when_no_data=ind.when_no_data,
                name=(english and ind.name_en) or ind.name_vi,
                pk=ind.pk,
            )
        )
    groups = [
        GroupSpec(
            code=g.code,
            max_points=g.max_points,
            indicators=tuple(by_group.get(g.pk, ())),
            name=(english and g.name_en) or g.name_vi,
        )
        for g in scheme.groups.order_by("order")
    ]
    bands = [
        Band(Decimal(str(b["from"])), (english and b.get("en")) or b.get("vi", ""))
        for b in scheme.bands
    ]
    return groups, bands


def subtree_q(agency: Agency | None, field: str = "agency") -> Q:
    """Rows of ``agency`` and every unit below it (materialised path); everything when None."""
    if agency is None:
        return Q()
    return Q(**{f"{field}__path__startswith": agency.path})


def _pair(row: dict, num: str, den: str) -> tuple[int, int]:
    return int(row.get(num) or 0), int(row.get(den) or 0)


def inputs_for(agency: Agency | None, month: dt.date) -> dict[str, tuple[int, int]]:
    """Metric → (numerator, denominator) for ``agency``'s subtree in ``month``, from the fact tables."""
    scope = subtree_q(agency)
    d = AgencyMonthFact.objects.filter(scope, month=month).aggregate(
        received=Sum("received"),
        digitised=Sum("digitised"),
        intake_answered=Sum("intake_answered"),
        intake_on_time=Sum("intake_on_time"),
        resolved=Sum("resolved"),
        resolved_early=Sum("resolved_early"),
        resolved_on_time=Sum("resolved_on_time"),
        results_electronic=Sum("results_electronic"),
        payments_paid=Sum("payments_paid"),
        payments_online=Sum("payments_online"),
    )
    online = AgencyMonthFact.objects.filter(scope, month=month, channel="online").aggregate(
        n=Sum("received")
    )
    o = OpenDossierFact.objects.filter(scope).aggregate(
        n_open=Sum("open"), n_overdue=Sum("overdue")
    )
    p = ProcedureFact.objects.filter(scope).aggregate(
        n_published=Sum("published"),
        n_complete=Sum("complete"),
        n_online=Sum("published", filter=~Q(online_level="not_online")),
    )
    c = ComplaintFact.objects.filter(scope, month=month).aggregate(
        n_due=Sum("due"), n_on_time=Sum("answered_on_time")
    )
    s = AgencySatisfactionFact.objects.filter(scope, month=month, aspect="").aggregate(
        n_responses=Sum("responses"), n_satisfied=Sum("satisfied")
    )
    open_total = int(o["n_open"] or 0)
    return {
        Metric.PROCEDURES_COMPLETE: _pair(p, "n_complete", "n_published"),
        Metric.INTAKE_ON_TIME: _pair(d, "intake_on_time", "intake_answered"),
        Metric.RESOLVED_ON_TIME: (
            int(d["resolved_early"] or 0) + int(d["resolved_on_time"] or 0),
            int(d["resolved"] or 0),
        ),
        Metric.OPEN_NOT_OVERDUE: (open_total - int(o["n_overdue"] or 0), open_total),
        Metric.DOSSIERS_DIGITISED: _pair(d, "digitised", "received"),
        Metric.RESULTS_ELECTRONIC: _pair(d, "results_electronic", "resolved"),
        Metric.PROCEDURES_ONLINE: _pair(p, "n_online", "n_published"),
        Metric.DOSSIERS_ONLINE: (int(online["n"] or 0), int(d["received"] or 0)),
        Metric.PAYMENTS_ONLINE: _pair(d, "payments_online", "payments_paid"),
        Metric.COMPLAINTS_ON_TIME: _pair(c, "n_on_time", "n_due"),
        Metric.SATISFIED: _pair(s, "n_satisfied", "n_responses"),
    }


def compute_for(agency: Agency | None, month: dt.date, scheme: IndexScheme) -> IndexResult:
    groups, bands = scheme_specs(scheme)
    return compute_index(groups, inputs_for(agency, month), bands)


@transaction.atomic
def store_scores(month: dt.date, agencies, scheme: IndexScheme | None = None) -> int:
    """Compute and save the index of each agency (its subtree) for ``month``; replaces old rows."""
    scheme = scheme or active_scheme()
    if scheme is None:
        return 0
    groups, bands = scheme_specs(scheme)
    now = timezone.now()
    count = 0
    for agency in agencies:
        result = compute_index(groups, inputs_for(agency, month), bands)
        IndexScore.objects.filter(scheme=scheme, agency=agency, month=month).delete()
        score = IndexScore.objects.create(
            scheme=scheme,
            agency=agency,
            month=month,
            total=result.total,
            band=result.band,
            groups=[
                {"code": g.group.code, "points": str(g.points), "max": str(g.group.max_points)}
                for g in result.groups
            ],
            computed_at=now,
        )
        IndexScoreLine.objects.bulk_create(
            IndexScoreLine(
                score=score,
                indicator_id=line.indicator.pk,
                numerator=line.numerator,
                denominator=line.denominator,
                points=line.points,
                no_data=line.no_data,
            )
            for g in result.groups
            for line in g.lines
        )
        count += 1
    return count
