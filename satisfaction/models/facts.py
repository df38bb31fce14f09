"""Fact tables for statistics pages (STYLE.md: GOV.UK Notify's facts for reports).

Pages never scan dossiers or survey responses: they sum these small tables, which
``satisfaction.tasks.refresh_facts`` rebuilds with set-based ``INSERT … SELECT`` statements, and show
the time of the last refresh (``FactRefresh``).

Rows are additive: a fact table may hold several rows for the same key (one per counting basis, e.g.
dossiers counted in the month they were received and, separately, in the month they were resolved), so
readers always ``SUM`` and never read a row alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class _Fact(models.Model):
    class Meta:
        abstract = True

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class DossierCounters(_Fact):
    """The dossier counters ``DossierFact`` holds per procedure and ``AgencyMonthFact`` sums per agency.

    Counted in the month of receipt: received, digitised, intake answered (on time); in the month the
    result was ready: resolved (early, on time, late), results held electronically; in the month of
    payment: payments paid (online). Abstract: each table keeps its own columns (no schema change).
    """

    received = models.IntegerField(default=0, db_default=0)
    digitised = models.IntegerField(default=0, db_default=0)
    intake_answered = models.IntegerField(default=0, db_default=0)
    intake_on_time = models.IntegerField(default=0, db_default=0)
    resolved = models.IntegerField(default=0, db_default=0)
    resolved_early = models.IntegerField(default=0, db_default=0)
    resolved_on_time = models.IntegerField(default=0, db_default=0)
    resolved_late = models.IntegerField(default=0, db_default=0)
    results_electronic = models.IntegerField(default=0, db_default=0)
    payments_paid = models.IntegerField(default=0, db_default=0)
    payments_online = models.IntegerField(default=0, db_default=0)

    class Meta:
        abstract = True


class SatisfactionCounters(_Fact):
    """The rating counters ``SatisfactionFact`` and ``AgencySatisfactionFact`` share."""

    responses = models.IntegerField(default=0, db_default=0)
    satisfied = models.IntegerField(default=0, db_default=0)
    dissatisfied = models.IntegerField(default=0, db_default=0)
    # Sum of answers' ratings (aspect rows) or of responses' averages (the "" row).
    rating_sum = models.DecimalField(max_digits=14, decimal_places=2, default=0, db_default=0)

    class Meta:
        abstract = True


DOSSIER_COUNTERS = tuple(f.name for f in DossierCounters._meta.local_fields)
SATISFACTION_COUNTERS = tuple(f.name for f in SatisfactionCounters._meta.local_fields)
# The counters ``ProcedureMonthFact`` sums from ``DossierFact`` as they are (its ``received_online`` is
# ``received`` of the online channel).
PROCEDURE_COUNTERS = (
    "received",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "payments_paid",
    "payments_online",
)


class DossierFact(DossierCounters):
    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    sector = models.ForeignKey(
        "procedures.Sector", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    channel = models.CharField(_("hình thức nộp"), max_length=10)

    class Meta:
        verbose_name = _("số liệu hồ sơ theo tháng")
        verbose_name_plural = _("số liệu hồ sơ theo tháng")
        indexes = [
            models.Index(fields=["month", "agency"], name="dossierfact_month_agency"),
            models.Index(fields=["agency", "month"], name="dossierfact_agency_month"),
        ]


class OpenDossierFact(_Fact):
    """A snapshot at refresh time: dossiers still open and how many are overdue."""

    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    sector = models.ForeignKey(
        "procedures.Sector", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    channel = models.CharField(max_length=10)
    open = models.IntegerField(default=0, db_default=0)
    overdue = models.IntegerField(default=0, db_default=0)

    class Meta:
        verbose_name = _("hồ sơ đang giải quyết")
        verbose_name_plural = _("hồ sơ đang giải quyết")
        indexes = [models.Index(fields=["agency"], name="openfact_agency")]


class ProcedureFact(_Fact):
    """A snapshot: published procedures per implementing agency, sector and online level."""

    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    sector = models.ForeignKey(
        "procedures.Sector", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    online_level = models.CharField(max_length=20)
    published = models.IntegerField(default=0, db_default=0)
    complete = models.IntegerField(default=0, db_default=0)

    class Meta:
        verbose_name = _("số liệu thủ tục")
        verbose_name_plural = _("số liệu thủ tục")
        indexes = [models.Index(fields=["agency"], name="procfact_agency")]


class SatisfactionFact(SatisfactionCounters):
    """Ratings per month, agency, unit, procedure and officer; ``aspect`` "" is the whole response."""

    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    unit = models.ForeignKey(
        "procedures.Agency",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    aspect = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("số liệu đánh giá hài lòng")
        verbose_name_plural = _("số liệu đánh giá hài lòng")
        indexes = [
            models.Index(fields=["month", "agency"], name="satfact_month_agency"),
            models.Index(fields=["agency", "month"], name="satfact_agency_month"),
            # The whole-response rows (a sixth of the table) with what the published results per
            # procedure and per agency sum: an index-only scan over a period instead of the table.
            models.Index(
                fields=["month"],
                name="satfact_overall_month",
                condition=models.Q(aspect=""),
                include=["agency", "procedure", "unit", "responses", "satisfied", "rating_sum"],
            ),
        ]


class ComplaintFact(_Fact):
    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    # Counted in the month of submission.
    received = models.IntegerField(default=0, db_default=0)
    # Counted in the month the answer was due (answered or not).
    due = models.IntegerField(default=0, db_default=0)
    answered_on_time = models.IntegerField(default=0, db_default=0)

    class Meta:
        verbose_name = _("số liệu phản ánh, kiến nghị")
        verbose_name_plural = _("số liệu phản ánh, kiến nghị")
        indexes = [models.Index(fields=["agency", "month"], name="complaintfact_agency_month")]


class FactRefresh(models.Model):
    """One run of the refresh task: when, how long, how many rows; the pages show the latest."""

    started_at = models.DateTimeField(_("bắt đầu"))
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)
    rows = models.JSONField(_("số dòng"), default=dict)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("lần làm mới số liệu")
        verbose_name_plural = _("lần làm mới số liệu")
        get_latest_by = "started_at"
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%d/%m/%Y %H:%M}"


class AgencyMonthFact(DossierCounters):
    """``DossierFact`` summed per month, agency and channel (a few thousand rows): what the pages and
    the index read, so they never group the finer table."""

    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    channel = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("số liệu hồ sơ theo cơ quan và tháng")
        verbose_name_plural = _("số liệu hồ sơ theo cơ quan và tháng")
        indexes = [models.Index(fields=["month", "agency"], name="agencymonth_month_agency")]


class AgencySatisfactionFact(SatisfactionCounters):
    """``SatisfactionFact`` summed per month, agency and aspect."""

    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    aspect = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("số liệu hài lòng theo cơ quan và tháng")
        verbose_name_plural = _("số liệu hài lòng theo cơ quan và tháng")
        indexes = [models.Index(fields=["month", "agency"], name="agencysat_month_agency")]


class ProcedureMonthFact(_Fact):
    """``DossierFact`` compacted per month, agency and procedure (channels and counting bases merged):
    the breakdowns by sector and by procedure read it."""

    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    sector = models.ForeignKey(
        "procedures.Sector", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    received = models.IntegerField(default=0, db_default=0)
    received_online = models.IntegerField(default=0, db_default=0)
    resolved = models.IntegerField(default=0, db_default=0)
    resolved_early = models.IntegerField(default=0, db_default=0)
    resolved_on_time = models.IntegerField(default=0, db_default=0)
    resolved_late = models.IntegerField(default=0, db_default=0)
    payments_paid = models.IntegerField(default=0, db_default=0)
    payments_online = models.IntegerField(default=0, db_default=0)

    class Meta:
        verbose_name = _("số liệu hồ sơ theo thủ tục và tháng")
        verbose_name_plural = _("số liệu hồ sơ theo thủ tục và tháng")
        indexes = [models.Index(fields=["month", "agency"], name="procmonth_month_agency")]
