"""Reads for the statistics pages: everything is summed from the fact tables, never from dossiers.

``StatsQuery`` is what a shareable URL says (agency, first and last month); ``dossier_summary`` and the
other functions return plain dicts and lists that templates, charts and exports all use, so the XLSX,
the PDF and the page can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from procedures.models import Agency, OnlineLevel
from satisfaction.models import (
    AgencyMonthFact,
    AgencySatisfactionFact,
    Aspect,
    ComplaintFact,
    FactRefresh,
    IndexScore,
    OpenDossierFact,
    ProcedureFact,
    ProcedureMonthFact,
    SatisfactionFact,
)
from satisfaction.models.facts import PROCEDURE_COUNTERS, SATISFACTION_COUNTERS

DEFAULT_MONTHS = 12
MAX_MONTHS = 60


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    out, current = [], first
    while current <= last and len(out) < MAX_MONTHS:
        out.append(current)
        current = add_months(current, 1)
    return out


def parse_month(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        year, month = (int(part) for part in text.split("-", 1))
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        return None


def percent(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(int(numerator or 0) * 100) / Decimal(int(denominator))
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def average(total, count) -> Decimal | None:
    """``total / count`` to two decimals; ``total`` may carry decimals (a sum of responses' averages)."""
    if not count:
        return None
    return (Decimal(str(total or 0)) / Decimal(int(count))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class StatsQuery:
    agency: Agency | None
    first: dt.date
    last: dt.date
    errors: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params, agencies=None, today=None) -> StatsQuery:
        """From GET parameters ``co_quan`` (agency id), ``tu`` and ``den`` (yyyy-mm)."""
        today = today or timezone.localdate()
        errors = []
        last = parse_month(params.get("den"))
        first = parse_month(params.get("tu"))
        if params.get("den") and last is None:
            errors.append(_("Tháng kết thúc không hợp lệ (định dạng yyyy-mm)."))
        if params.get("tu") and first is None:
            errors.append(_("Tháng bắt đầu không hợp lệ (định dạng yyyy-mm)."))
        last = last or month_start(today)
        first = first or add_months(last, -(DEFAULT_MONTHS - 1))
        if first > last:
            errors.append(_("Tháng bắt đầu phải trước tháng kết thúc."))
            first = add_months(last, -(DEFAULT_MONTHS - 1))
        if len(months_between(first, last)) >= MAX_MONTHS and add_months(first, MAX_MONTHS) <= last:
            errors.append(_("Chỉ xem được tối đa %(n)s tháng một lần.") % {"n": MAX_MONTHS})
            first = add_months(last, -(MAX_MONTHS - 1))
        agency = None
        raw = params.get("co_quan")
        if raw:
            queryset = agencies if agencies is not None else Agency.objects.active()
            agency = queryset.filter(pk=raw).first() if str(raw).isdigit() else None
            if agency is None:
                errors.append(_("Không tìm thấy cơ quan đã chọn."))
        return cls(agency, first, last, tuple(errors))

    @property
    def months(self) -> list[dt.date]:
        return months_between(self.first, self.last)

    def scope(self, field="agency") -> Q:
        if self.agency is None:
            return Q()
        return Q(**{f"{field}__path__startswith": self.agency.path})

    def period_q(self) -> Q:
        return Q(month__gte=self.first, month__lte=self.last)

    def params(self) -> dict:
        out = {"tu": f"{self.first:%Y-%m}", "den": f"{self.last:%Y-%m}"}
        if self.agency:
            out["co_quan"] = str(self.agency.pk)
        return out

    def cache_key(self, name: str) -> str:
        agency = self.agency.pk if self.agency else "all"
        return (
            f"satisfaction:{name}:{agency}:{self.first:%Y%m}:{self.last:%Y%m}:{last_refresh_id()}"
        )


def last_refresh() -> FactRefresh | None:
    return FactRefresh.objects.filter(finished_at__isnull=False, error="").first()


def last_refresh_id() -> int:
    """Id of the latest finished refresh (cached briefly): part of every cache key, so a refresh
    makes every cached page figure stale at once."""
    key = "satisfaction:last-refresh-id"
    value = cache.get(key)
    if value is None:
        refresh = last_refresh()
        value = refresh.pk if refresh else 0
        cache.set(key, value, 30)
    return value


def cached(query: StatsQuery, name: str, compute):
    key = query.cache_key(name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 3600)
    return value


DOSSIER_SUMS = {
    f"n_{name}": Sum(field, filter=condition)
    for name, field, condition in [
        ("received", "received", None),
        ("digitised", "digitised", None),
        ("resolved", "resolved", None),
        ("resolved_early", "resolved_early", None),
        ("resolved_on_time", "resolved_on_time", None),
        ("resolved_late", "resolved_late", None),
        ("results_electronic", "results_electronic", None),
        ("payments_paid", "payments_paid", None),
        ("payments_online", "payments_online", None),
        ("received_online", "received", Q(channel="online")),
        ("received_counter", "received", Q(channel="counter")),
        ("received_post", "received", Q(channel="post")),
    ]
}


def _ints(row: dict) -> dict:
    """Sums as ints (None → 0), the "n_" prefix of aggregate aliases removed."""
    return {key.removeprefix("n_"): int(value or 0) for key, value in row.items()}


def _derive(row: dict) -> dict:
    row["online_share"] = percent(row["received_online"], row["received"])
    row["on_time_share"] = percent(row["resolved_early"] + row["resolved_on_time"], row["resolved"])
    row["late_share"] = percent(row["resolved_late"], row["resolved"])
    row["payment_online_share"] = percent(row["payments_online"], row["payments_paid"])
    row["digitised_share"] = percent(row["digitised"], row["received"])
    return row


def dossier_summary(query: StatsQuery) -> dict:
    def compute():
        row = _ints(
            AgencyMonthFact.objects.filter(query.scope(), query.period_q()).aggregate(
                **DOSSIER_SUMS
            )
        )
        row.update(
            _ints(
                OpenDossierFact.objects.filter(query.scope()).aggregate(
                    open=Sum("open"), overdue=Sum("overdue")
                )
            )
        )
        return _derive(row)

    return cached(query, "dossiers", compute)


def dossier_trend(query: StatsQuery) -> list[dict]:
    def compute():
        rows = {
            r["month"]: _derive(_ints({k: v for k, v in r.items() if k != "month"}))
            for r in AgencyMonthFact.objects.filter(query.scope(), query.period_q())
            .values("month")
            .annotate(**DOSSIER_SUMS)
        }
        sat = {
            r["month"]: r
            for r in AgencySatisfactionFact.objects.filter(
                query.scope(), query.period_q(), aspect=""
            )
            .values("month")
            .annotate(responses=Sum("responses"), satisfied=Sum("satisfied"))
        }
        out = []
        for month in query.months:
            row = rows.get(month) or _derive(_ints(dict.fromkeys(DOSSIER_SUMS, 0)))
            s = sat.get(month, {})
            row["month"] = month
            row["responses"] = int(s.get("responses") or 0)
            row["satisfied_share"] = percent(s.get("satisfied"), s.get("responses"))
            out.append(row)
        return out

    return cached(query, "trend", compute)


def satisfaction_sums(prefix: str = "") -> dict:
    """Every rating counter of the satisfaction facts summed, each named ``prefix`` + its field."""
    return {f"{prefix}{name}": Sum(name) for name in SATISFACTION_COUNTERS}


PROCEDURE_SUMS = {f"n_{name}": Sum(name) for name in (*PROCEDURE_COUNTERS, "received_online")}


def _breakdown(query: StatsQuery, group_field: str, label_fields: tuple[str, ...], limit=None):
    rows = (
        ProcedureMonthFact.objects.filter(query.scope(), query.period_q())
        .values(group_field, *label_fields)
        .annotate(**PROCEDURE_SUMS)
        .order_by("-n_received", *label_fields)
    )
    if limit:
        rows = rows[:limit]
    out = []
    for r in rows:
        labels = {k: r[k] for k in (group_field, *label_fields)}
        counts = _ints({k: r[k] for k in PROCEDURE_SUMS})
        counts.update(digitised=0)
        out.append({**labels, **_derive(counts)})
    return out


def by_sector(query: StatsQuery) -> list[dict]:
    return cached(query, "by-sector", lambda: _breakdown(query, "sector_id", ("sector__name",)))


def by_procedure(query: StatsQuery, limit=20) -> list[dict]:
    return cached(
        query,
        "by-procedure",
        lambda: _breakdown(query, "procedure_id", ("procedure__code", "procedure__name"), limit),
    )


def child_agencies(query: StatsQuery):
    if query.agency is None:
        return Agency.objects.active().roots().order_by("name")
    return Agency.objects.active().filter(parent=query.agency).order_by("name")


def by_agency(query: StatsQuery) -> list[dict]:
    """One row per agency directly below the selected one (or per root), each with its subtree:
    one grouped query per fact table, rolled up to the children by their paths."""

    def compute():
        children = list(child_agencies(query).values("pk", "name", "path"))
        if not children:
            return []
        paths = {a["pk"]: a["path"] for a in Agency.objects.values("pk", "path")}

        def child_of(agency_id):
            path = paths.get(agency_id, "")
            for child in children:
                if path.startswith(child["path"]):
                    return child["pk"]
            return None

        period = query.period_q()
        rows = {c["pk"]: _ints(dict.fromkeys(DOSSIER_SUMS, 0)) for c in children}
        extra = {
            c["pk"]: {"open": 0, "overdue": 0, "responses": 0, "satisfied": 0} for c in children
        }
        for r in (
            AgencyMonthFact.objects.filter(query.scope(), period)
            .values("agency_id")
            .annotate(**DOSSIER_SUMS)
        ):
            target = child_of(r["agency_id"])
            if target is not None:
                for key, value in _ints({k: r[k] for k in DOSSIER_SUMS}).items():
                    rows[target][key] += value
        for r in (
            OpenDossierFact.objects.filter(query.scope())
            .values("agency_id")
            .annotate(n_open=Sum("open"), n_overdue=Sum("overdue"))
        ):
            target = child_of(r["agency_id"])
            if target is not None:
                extra[target]["open"] += int(r["n_open"] or 0)
                extra[target]["overdue"] += int(r["n_overdue"] or 0)
        for r in (
            AgencySatisfactionFact.objects.filter(query.scope(), period, aspect="")
            .values("agency_id")
            .annotate(n_responses=Sum("responses"), n_satisfied=Sum("satisfied"))
        ):
            target = child_of(r["agency_id"])
            if target is not None:
                extra[target]["responses"] += int(r["n_responses"] or 0)
                extra[target]["satisfied"] += int(r["n_satisfied"] or 0)
        out = []
        for child in children:
            row = _derive(rows[child["pk"]])
            e = extra[child["pk"]]
            row.update(
                open=e["open"],
                overdue=e["overdue"],
                responses=e["responses"],
                satisfied_share=percent(e["satisfied"], e["responses"]),
                agency_id=child["pk"],
                agency_name=child["name"],
            )
            out.append(row)
        return out

    return cached(query, "by-agency", compute)


def procedure_levels(query: StatsQuery) -> dict:
    """Published procedures by online level (Decree 42/2022; legacy levels 2/3/4 beside them)."""

    def compute():
        rows = (
            ProcedureFact.objects.filter(query.scope())
            .values("online_level")
            .annotate(n=Sum("published"), complete=Sum("complete"))
        )
        counts = {r["online_level"]: int(r["n"] or 0) for r in rows}
        total = sum(counts.values())
        online = counts.get(OnlineLevel.PARTIAL, 0) + counts.get(OnlineLevel.FULL, 0)
        return {
            "total": total,
            "not_online": counts.get(OnlineLevel.NOT_ONLINE, 0),
            "partial": counts.get(OnlineLevel.PARTIAL, 0),
            "full": counts.get(OnlineLevel.FULL, 0),
            "online": online,
            "online_share": percent(online, total),
            "complete": sum(int(r["complete"] or 0) for r in rows),
        }

    return cached(query, "procedures", compute)


def satisfaction_summary(query: StatsQuery) -> dict:
    def compute():
        rows = (
            AgencySatisfactionFact.objects.filter(query.scope(), query.period_q())
            .values("aspect")
            .annotate(**satisfaction_sums())
        )
        by_aspect = {r["aspect"]: r for r in rows}
        overall = by_aspect.get("", {})
        aspects = []
        for value, label in Aspect.choices:
            r = by_aspect.get(value, {})
            aspects.append(
                {
                    "aspect": value,
                    "label": str(label),
                    "responses": int(r.get("responses") or 0),
                    "average": average(r.get("rating_sum"), r.get("responses")),
                    "satisfied_share": percent(r.get("satisfied"), r.get("responses")),
                }
            )
        c = _ints(
            ComplaintFact.objects.filter(query.scope(), query.period_q()).aggregate(
                received=Sum("received"), due=Sum("due"), on_time=Sum("answered_on_time")
            )
        )
        return {
            "responses": int(overall.get("responses") or 0),
            "satisfied": int(overall.get("satisfied") or 0),
            "dissatisfied": int(overall.get("dissatisfied") or 0),
            "satisfied_share": percent(overall.get("satisfied"), overall.get("responses")),
            "average": average(overall.get("rating_sum"), overall.get("responses")),
            "aspects": aspects,
            "complaints_received": c["received"],
            "complaints_due": c["due"],
            "complaints_on_time": c["on_time"],
            "complaints_on_time_share": percent(c["on_time"], c["due"]),
        }

    return cached(query, "satisfaction", compute)


def satisfaction_by(query: StatsQuery, field: str, label_fields: tuple[str, ...], limit=50):
    """Satisfaction per procedure, unit or officer (``field`` is the fact's foreign key); cached per
    refresh like the other figures (one grouped query over the facts of the scope)."""

    def compute():
        rows = (
            SatisfactionFact.objects.filter(query.scope(), query.period_q(), aspect="")
            .exclude(**{f"{field}__isnull": True})
            .values(field, *label_fields)
            .annotate(
                responses=Sum("responses"),
                satisfied=Sum("satisfied"),
                rating_sum=Sum("rating_sum"),
            )
            .order_by("-responses", *label_fields)[:limit]
        )
        return [
            {
                **{k: r[k] for k in (field, *label_fields)},
                "responses": int(r["responses"] or 0),
                "satisfied_share": percent(r["satisfied"], r["responses"]),
                "average": average(r["rating_sum"], r["responses"]),
            }
            for r in rows
        ]

    return cached(query, f"satisfaction-by:{field}:{','.join(label_fields)}:{limit}", compute)


OFFICER_LIMIT = 200


def satisfaction_by_officer(query: StatsQuery, limit: int = OFFICER_LIMIT) -> list[dict]:
    """Satisfaction per officer who settled the dossiers (``Dossier.handled_by``), most rated first.

    For the staff dashboards of the agency's leaders and admins only: officers are personal data and
    the public pages never name them. One grouped query over the facts (officer × aspect), one for
    the names.
    """

    def compute():
        from accounts.models import User

        rows = (
            SatisfactionFact.objects.filter(
                query.scope(), query.period_q(), officer_id__isnull=False
            )
            .values("officer_id", "aspect")
            .annotate(**satisfaction_sums("n_"))
            .order_by()
        )
        per_officer: dict[int, dict[str, dict]] = {}
        for r in rows:
            per_officer.setdefault(r["officer_id"], {})[r["aspect"]] = r
        names = {
            u["pk"]: u["full_name"] or u["username"]
            for u in User.objects.filter(pk__in=list(per_officer)).values(
                "pk", "full_name", "username"
            )
        }
        out = []
        for officer_id, by_aspect in per_officer.items():
            overall = by_aspect.get("", {})
            responses = int(overall.get("n_responses") or 0)
            out.append(
                {
                    "officer_id": officer_id,
                    "name": names.get(officer_id, f"#{officer_id}"),
                    "responses": responses,
                    "satisfied": int(overall.get("n_satisfied") or 0),
                    "dissatisfied": int(overall.get("n_dissatisfied") or 0),
                    "satisfied_share": percent(overall.get("n_satisfied"), responses),
                    "average": _average_of(overall),
                    "aspects": [
                        {
                            "aspect": value,
                            "label": str(label),
                            "average": _average_of(by_aspect.get(value, {})),
                        }
                        for value, label in Aspect.choices
                    ],
                }
            )
        out.sort(key=lambda row: (-row["responses"], row["name"], row["officer_id"]))
        return out[:limit]

    return cached(query, "by-officer", compute)


def _average_of(row: dict) -> Decimal | None:
    return average(row.get("n_rating_sum"), row.get("n_responses"))


def satisfaction_trend(query: StatsQuery) -> list[dict]:
    """Per month of the period: responses, share satisfied (4–5) and average rating."""

    def compute():
        rows = {
            r["month"]: r
            for r in AgencySatisfactionFact.objects.filter(
                query.scope(), query.period_q(), aspect=""
            )
            .values("month")
            .annotate(**satisfaction_sums("n_"))
            .order_by()
        }
        out = []
        for month in query.months:
            r = rows.get(month, {})
            out.append(
                {
                    "month": month,
                    "responses": int(r.get("n_responses") or 0),
                    "satisfied": int(r.get("n_satisfied") or 0),
                    "dissatisfied": int(r.get("n_dissatisfied") or 0),
                    "satisfied_share": percent(r.get("n_satisfied"), r.get("n_responses")),
                    "average": _average_of(r),
                }
            )
        return out

    return cached(query, "satisfaction-trend", compute)


def index_month(query: StatsQuery) -> dt.date:
    """The month the index table shows: the last month of the period."""
    return query.last


def index_scores(query: StatsQuery) -> list[IndexScore]:
    month = index_month(query)
    agencies = child_agencies(query)
    ids = list(agencies.values_list("pk", flat=True))
    if query.agency is not None:
        ids.append(query.agency.pk)
    return list(
        IndexScore.objects.filter(month=month, agency_id__in=ids, scheme__is_active=True)
        .select_related("agency")
        .order_by("-total", "agency__name")
    )
