"""Rebuild the fact tables with set-based SQL (``INSERT … SELECT … GROUP BY``), then the index.

One transaction: readers keep seeing the previous facts until the new ones commit. On PostgreSQL an
advisory lock makes overlapping runs skip instead of waiting. Every aggregate is an ORM queryset whose
SQL is wrapped in an INSERT, so the same code runs on SQLite (``make run``) and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.fields import CharField, DecimalField
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from satisfaction.models import (
    AgencyMonthFact,
    AgencySatisfactionFact,
    Complaint,
    ComplaintFact,
    DossierFact,
    FactRefresh,
    OpenDossierFact,
    ProcedureFact,
    ProcedureMonthFact,
    SatisfactionFact,
    SurveyAnswer,
    SurveyResponse,
)
from satisfaction.models.facts import DOSSIER_COUNTERS, PROCEDURE_COUNTERS, SATISFACTION_COUNTERS

logger = logging.getLogger(__name__)
LOCK_KEY = 766_2022  # pg advisory lock id of this task
INDEX_MONTHS_RECOMPUTED = 2  # the current and the previous month; older months are kept


def _month(field: str):
    return TruncMonth(field, output_field=DateField())


def insert_select(model, queryset, columns: dict[str, str]) -> int:
    """``INSERT INTO model (columns…) SELECT aliases… FROM (queryset)``; returns the row count.

    ``columns`` maps the model's column name to the alias in the queryset's SELECT.
    """
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    targets = ", ".join(quote(c) for c in columns)
    sources = ", ".join(quote(a) for a in columns.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({targets}) "  # noqa: S608 — names are ours
            f"SELECT {sources} FROM ({sql}) AS src",
            params,
        )
        return cursor.rowcount


def _grouped(queryset, keys: dict, sums: dict):
    return queryset.annotate(**keys).values(*keys).annotate(**sums).order_by()


DOSSIER_KEYS = {
    "k_agency": F("agency_id"),
    "k_procedure": F("procedure_version__procedure_id"),
    "k_sector": F("procedure_version__sector_id"),
    "k_channel": F("channel"),
}
DOSSIER_COLUMNS = {
    "agency_id": "k_agency",
    "procedure_id": "k_procedure",
    "sector_id": "k_sector",
    "channel": "k_channel",
}


def build_dossier_facts() -> int:
    from dossiers.models import Attachment, Dossier, Payment

    # IN (SELECT …) rather than a correlated EXISTS: PostgreSQL hashes the subquery once.
    has_files = Q(pk__in=Attachment.objects.values("dossier_id"))
    has_result_file = Q(pk__in=Attachment.objects.filter(source="result").values("dossier_id"))
    rows = 0
    # Basis 1: the month of receipt.
    received = _grouped(
        Dossier.objects.filter(received_at__isnull=False),
        {"k_month": _month("received_at"), **DOSSIER_KEYS},
        {
            "s_received": Count("pk"),
            "s_digitised": Count("pk", filter=has_files),
            "s_intake_answered": Count(
                "pk", filter=Q(channel="online", intake_due_at__isnull=False)
            ),
            "s_intake_on_time": Count(
                "pk",
                filter=Q(channel="online", intake_due_at__isnull=False)
                & Q(received_at__lte=F("intake_due_at")),
            ),
        },
    )
    rows += insert_select(
        DossierFact,
        received,
        {
            "month": "k_month",
            **DOSSIER_COLUMNS,
            "received": "s_received",
            "digitised": "s_digitised",
            "intake_answered": "s_intake_answered",
            "intake_on_time": "s_intake_on_time",
        },
    )
    # Basis 2: the month the result was ready. Early = before the due date's day; late = after due.
    late = Q(due_at__isnull=False, result_at__gt=F("due_at"))
    early = Q(due_at__isnull=False, result_at__lte=F("due_at"), r_day__lt=F("d_day"))
    resolved = _grouped(
        Dossier.objects.filter(result_at__isnull=False).annotate(
            r_day=TruncDate("result_at"), d_day=TruncDate("due_at")
        ),
        {"k_month": _month("result_at"), **DOSSIER_KEYS},
        {
            "s_resolved": Count("pk"),
            "s_early": Count("pk", filter=early),
            "s_late": Count("pk", filter=late),
            "s_on_time": Count("pk", filter=~late & ~early),
            "s_electronic": Count("pk", filter=has_result_file),
        },
    )
    rows += insert_select(
        DossierFact,
        resolved,
        {
            "month": "k_month",
            **DOSSIER_COLUMNS,
            "resolved": "s_resolved",
            "resolved_early": "s_early",
            "resolved_on_time": "s_on_time",
            "resolved_late": "s_late",
            "results_electronic": "s_electronic",
        },
    )
    # Basis 3: the month of payment.
    offline = settings.OFFLINE_PAYMENT_PROVIDERS
    payments = _grouped(
        Payment.objects.filter(status="paid", paid_at__isnull=False),
        {
            "k_month": _month("paid_at"),
            "k_agency": F("dossier__agency_id"),
            "k_procedure": F("dossier__procedure_version__procedure_id"),
            "k_sector": F("dossier__procedure_version__sector_id"),
            "k_channel": F("dossier__channel"),
        },
        {
            "s_paid": Count("pk"),
            "s_online": Count("pk", filter=~Q(provider__in=offline)),
        },
    )
    rows += insert_select(
        DossierFact,
        payments,
        {
            "month": "k_month",
            **DOSSIER_COLUMNS,
            "payments_paid": "s_paid",
            "payments_online": "s_online",
        },
    )
    return rows


def build_open_facts(now) -> int:
    from dossiers.models import Dossier

    overdue_ids = Dossier.objects.overdue(now=now).values("pk")
    queryset = _grouped(
        Dossier.objects.open(),
        DOSSIER_KEYS,
        {"s_open": Count("pk"), "s_overdue": Count("pk", filter=Q(pk__in=overdue_ids))},
    )
    return insert_select(
        OpenDossierFact, queryset, {**DOSSIER_COLUMNS, "open": "s_open", "overdue": "s_overdue"}
    )


def build_procedure_facts() -> int:
    from procedures.models import DossierComponent, ProcedureVersion

    complete = (
        Exists(DossierComponent.objects.filter(version=OuterRef("procedureversion_id")))
        & ~Q(procedureversion__legal_basis="")
        & ~Q(procedureversion__result="")
    )
    through = ProcedureVersion.agencies.through
    linked = _grouped(
        through.objects.filter(procedureversion__status="published"),
        {
            "k_agency": F("agency_id"),
            "k_sector": F("procedureversion__sector_id"),
            "k_level": F("procedureversion__online_level"),
        },
        {"s_published": Count("pk"), "s_complete": Count("pk", filter=complete)},
    )
    columns = {
        "agency_id": "k_agency",
        "sector_id": "k_sector",
        "online_level": "k_level",
        "published": "s_published",
        "complete": "s_complete",
    }
    rows = insert_select(ProcedureFact, linked, columns)
    complete_own = (
        Exists(DossierComponent.objects.filter(version=OuterRef("pk")))
        & ~Q(legal_basis="")
        & ~Q(result="")
    )
    unlinked = _grouped(
        ProcedureVersion.objects.published().filter(agencies__isnull=True),
        {
            "k_agency": F("owner_agency_id"),
            "k_sector": F("sector_id"),
            "k_level": F("online_level"),
        },
        {"s_published": Count("pk"), "s_complete": Count("pk", filter=complete_own)},
    )
    return rows + insert_select(ProcedureFact, unlinked, columns)


SAT_COLUMNS = {
    "month": "k_month",
    "agency_id": "k_agency",
    "unit_id": "k_unit",
    "procedure_id": "k_procedure",
    "officer_id": "k_officer",
    "aspect": "k_aspect",
    "responses": "s_responses",
    "satisfied": "s_satisfied",
    "dissatisfied": "s_dissatisfied",
    "rating_sum": "s_rating_sum",
}


def build_satisfaction_facts() -> int:
    overall = _grouped(
        SurveyResponse.objects.all(),
        {
            "k_month": _month("submitted_at"),
            "k_agency": F("agency_id"),
            "k_unit": F("unit_id"),
            "k_procedure": F("procedure_id"),
            "k_officer": F("officer_id"),
            "k_aspect": Value("", output_field=CharField()),
        },
        {
            "s_responses": Count("pk"),
            "s_satisfied": Count("pk", filter=Q(is_satisfied=True)),
            "s_dissatisfied": Count("pk", filter=Q(is_dissatisfied=True)),
            "s_rating_sum": Coalesce(Sum("average"), Value(0), output_field=DecimalField()),
        },
    )
    rows = insert_select(SatisfactionFact, overall, SAT_COLUMNS)
    aspects = _grouped(
        SurveyAnswer.objects.all(),
        {
            "k_month": _month("response__submitted_at"),
            "k_agency": F("response__agency_id"),
            "k_unit": F("response__unit_id"),
            "k_procedure": F("response__procedure_id"),
            "k_officer": F("response__officer_id"),
            "k_aspect": F("aspect"),
        },
        {
            "s_responses": Count("pk"),
            "s_satisfied": Count("pk", filter=Q(rating__gte=F("response__form__satisfied_from"))),
            "s_dissatisfied": Count(
                "pk", filter=Q(rating__lte=F("response__form__dissatisfied_up_to"))
            ),
            "s_rating_sum": Coalesce(Sum("rating"), Value(0), output_field=DecimalField()),
        },
    )
    return rows + insert_select(SatisfactionFact, aspects, SAT_COLUMNS)


def build_complaint_facts(now) -> int:
    received = _grouped(
        Complaint.objects.all(),
        {"k_month": _month("submitted_at"), "k_agency": F("agency_id")},
        {"s_received": Count("pk")},
    )
    rows = insert_select(
        ComplaintFact,
        received,
        {"month": "k_month", "agency_id": "k_agency", "received": "s_received"},
    )
    # Counted when due: those whose deadline passed, and those answered already.
    due = _grouped(
        Complaint.objects.filter(Q(due_at__lte=now) | Q(answered_at__isnull=False)),
        {"k_month": _month("due_at"), "k_agency": F("agency_id")},
        {
            "s_due": Count("pk"),
            "s_on_time": Count("pk", filter=Q(answered_at__lte=F("due_at"))),
        },
    )
    return rows + insert_select(
        ComplaintFact,
        due,
        {
            "month": "k_month",
            "agency_id": "k_agency",
            "due": "s_due",
            "answered_on_time": "s_on_time",
        },
    )


# The counters ``AgencyMonthFact`` sums from ``DossierFact`` (the columns of their abstract base).
ROLLUP_COUNTERS = list(DOSSIER_COUNTERS)


def build_rollups() -> int:
    """The small per-agency, per-month tables the pages and the index read."""
    dossiers = _grouped(
        DossierFact.objects.all(),
        {"k_month": F("month"), "k_agency": F("agency_id"), "k_channel": F("channel")},
        {f"s_{name}": Sum(name) for name in ROLLUP_COUNTERS},
    )
    rows = insert_select(
        AgencyMonthFact,
        dossiers,
        {
            "month": "k_month",
            "agency_id": "k_agency",
            "channel": "k_channel",
            **{name: f"s_{name}" for name in ROLLUP_COUNTERS},
        },
    )
    procedures = _grouped(
        DossierFact.objects.all(),
        {
            "k_month": F("month"),
            "k_agency": F("agency_id"),
            "k_procedure": F("procedure_id"),
            "k_sector": F("sector_id"),
        },
        {
            **{f"s_{name}": Sum(name) for name in PROCEDURE_COUNTERS},
            "s_received_online": Coalesce(Sum("received", filter=Q(channel="online")), 0),
        },
    )
    rows += insert_select(
        ProcedureMonthFact,
        procedures,
        {
            "month": "k_month",
            "agency_id": "k_agency",
            "procedure_id": "k_procedure",
            "sector_id": "k_sector",
            "received_online": "s_received_online",
            **{name: f"s_{name}" for name in PROCEDURE_COUNTERS},
        },
    )
    satisfaction = _grouped(
        SatisfactionFact.objects.all(),
        {"k_month": F("month"), "k_agency": F("agency_id"), "k_aspect": F("aspect")},
        {f"s_{name}": Sum(name) for name in SATISFACTION_COUNTERS},
    )
    return rows + insert_select(
        AgencySatisfactionFact,
        satisfaction,
        {
            "month": "k_month",
            "agency_id": "k_agency",
            "aspect": "k_aspect",
            **{name: f"s_{name}" for name in SATISFACTION_COUNTERS},
        },
    )


def _try_lock() -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
        return bool(cursor.fetchone()[0])


def index_months(now) -> list[dt.date]:
    from satisfaction.stats import add_months

    current = timezone.localtime(now).date().replace(day=1)
    return [add_months(current, -k) for k in range(INDEX_MONTHS_RECOMPUTED)]


def refresh(now=None) -> FactRefresh | None:
    """Rebuild every fact table and this and last month's index; None when another run holds the lock."""
    from procedures.models import Agency
    from satisfaction.index import store_scores

    now = now or timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        if not _try_lock():
            logger.info("facts refresh skipped: another run is in progress")
            return None
        counts = {}
        for model in (
            DossierFact,
            OpenDossierFact,
            ProcedureFact,
            SatisfactionFact,
            ComplaintFact,
            AgencyMonthFact,
            AgencySatisfactionFact,
            ProcedureMonthFact,
        ):
            model.objects.all().delete()
        counts["dossiers"] = build_dossier_facts()
        counts["open"] = build_open_facts(now)
        counts["procedures"] = build_procedure_facts()
        counts["satisfaction"] = build_satisfaction_facts()
        counts["complaints"] = build_complaint_facts(now)
        counts["rollups"] = build_rollups()
        agencies = list(Agency.objects.active())
        counts["index"] = sum(store_scores(month, agencies) for month in index_months(now))
        record = FactRefresh.objects.create(
            started_at=now,
            finished_at=timezone.now(),
            duration_ms=int((time.monotonic() - started) * 1000),
            rows=counts,
        )
    from django.core.cache import cache

    cache.delete("satisfaction:last-refresh-id")
    return record
