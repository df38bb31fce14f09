"""The service index (Bộ chỉ số phục vụ người dân, doanh nghiệp), in the spirit of Decision 766/QĐ-TTg.

Everything that a new decision could change is data: the scheme (with its legal source and rating
bands), its groups with their maximum points, and each indicator with its points, the metric it reads
and what it scores when there is nothing to measure. Admins edit them; what could not be verified
against the decision's text is marked "(cần xác minh)" in the source note.

Each computed score keeps the numbers it was computed from (``IndexScoreLine``), so a page can show
"412 of 430 dossiers on time → 19.16 of 20 points" under every figure.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """The measurable ratios the engine knows how to read from the fact tables (numerator/denominator)."""

    PROCEDURES_COMPLETE = (
        "procedures_complete",
        _("Thủ tục công bố có hồ sơ đầy đủ / thủ tục công bố"),
    )
    INTAKE_ON_TIME = (
        "intake_on_time",
        _("Hồ sơ trực tuyến được trả lời tiếp nhận đúng hạn / hồ sơ trực tuyến đã trả lời"),
    )
    RESOLVED_ON_TIME = (
        "resolved_on_time",
        _("Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết"),
    )
    OPEN_NOT_OVERDUE = (
        "open_not_overdue",
        _("Hồ sơ đang giải quyết chưa quá hạn / hồ sơ đang giải quyết"),
    )
    DOSSIERS_DIGITISED = (
        "dossiers_digitised",
        _("Hồ sơ tiếp nhận có thành phần điện tử / hồ sơ tiếp nhận"),
    )
    RESULTS_ELECTRONIC = "results_electronic", _("Hồ sơ có kết quả điện tử / hồ sơ đã có kết quả")
    PROCEDURES_ONLINE = (
        "procedures_online",
        _("Thủ tục cung cấp dịch vụ công trực tuyến / thủ tục công bố"),
    )
    DOSSIERS_ONLINE = "dossiers_online", _("Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận")
    PAYMENTS_ONLINE = "payments_online", _("Khoản thanh toán trực tuyến / khoản đã thanh toán")
    COMPLAINTS_ON_TIME = (
        "complaints_on_time",
        _("Phản ánh, kiến nghị trả lời đúng hạn / phản ánh, kiến nghị đến hạn"),
    )
    SATISFIED = "satisfied", _("Đánh giá hài lòng / lượt đánh giá")


class NoData(models.TextChoices):
    FULL = "full", _("Đạt điểm tối đa")
    ZERO = "zero", _("Không có điểm")


class IndexSchemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class IndexScheme(models.Model):
    code = models.CharField(_("mã bộ chỉ số"), max_length=40, unique=True)
    name = models.CharField(_("tên bộ chỉ số"), max_length=255)
    legal_source = models.TextField(_("căn cứ pháp lý"))
    source_note = models.TextField(
        _("ghi chú nguồn"),
        blank=True,
        help_text=_("Điều gì đã đối chiếu với văn bản, điều gì còn cần xác minh."),
    )
    bands = models.JSONField(
        _("xếp loại"),
        default=list,
        help_text=_('[{"from": 90, "vi": "Xuất sắc", "en": "Excellent"}, …] theo điểm giảm dần.'),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=False)

    objects = IndexSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ chỉ số")
        verbose_name_plural = _("bộ chỉ số")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_index_scheme"
            )
        ]

    def __str__(self):
        return self.name


class IndexGroup(models.Model):
    scheme = models.ForeignKey(
        IndexScheme, verbose_name=_("bộ chỉ số"), on_delete=models.CASCADE, related_name="groups"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã nhóm"), max_length=40)
    name_vi = models.CharField(_("tên nhóm (tiếng Việt)"), max_length=255)
    name_en = models.CharField(_("tên nhóm (tiếng Anh)"), max_length=255, blank=True)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    source_note = models.TextField(_("ghi chú nguồn"), blank=True)

    class Meta:
        verbose_name = _("nhóm chỉ số")
        verbose_name_plural = _("nhóm chỉ số")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="index_group_code"),
        ]

    def __str__(self):
        return self.name_vi


class IndexIndicator(models.Model):
    group = models.ForeignKey(
        IndexGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã chỉ tiêu"), max_length=40)
    name_vi = models.CharField(_("tên chỉ tiêu (tiếng Việt)"), max_length=500)
    name_en = models.CharField(_("tên chỉ tiêu (tiếng Anh)"), max_length=500, blank=True)
    metric = models.CharField(_("cách đo"), max_length=40, choices=Metric.choices)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    when_no_data = models.CharField(
        _("khi không có số liệu"), max_length=10, choices=NoData.choices, default=NoData.FULL
    )
    source_note = models.TextField(_("ghi chú nguồn"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], name="index_indicator_code"),
            models.CheckConstraint(
                condition=Q(max_points__gte=0), name="indicator_points_positive"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name_vi}"


class IndexScore(models.Model):
    """The computed index of one agency (its whole subtree) for one month."""

    scheme = models.ForeignKey(IndexScheme, on_delete=models.CASCADE, related_name="scores")
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.CASCADE, related_name="index_scores"
    )
    month = models.DateField(_("tháng"))
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2)
    band = models.CharField(_("xếp loại"), max_length=100, blank=True)
    groups = models.JSONField(_("điểm theo nhóm"), default=list)
    computed_at = models.DateTimeField(_("tính lúc"))

    class Meta:
        verbose_name = _("điểm chỉ số")
        verbose_name_plural = _("điểm chỉ số")
        ordering = ["-month", "-total"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "agency", "month"], name="index_score_agency_month"
            ),
        ]
        indexes = [models.Index(fields=["month", "agency"], name="index_score_month_agency")]

    def __str__(self):
        return f"{self.agency_id} {self.month:%m/%Y}: {self.total}"


class IndexScoreLine(models.Model):
    """One indicator's points and the numbers behind them."""

    score = models.ForeignKey(IndexScore, on_delete=models.CASCADE, related_name="lines")
    indicator = models.ForeignKey(IndexIndicator, on_delete=models.CASCADE, related_name="+")
    numerator = models.BigIntegerField(_("tử số"))
    denominator = models.BigIntegerField(_("mẫu số"))
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    no_data = models.BooleanField(_("không có số liệu"), default=False)

    class Meta:
        verbose_name = _("điểm chỉ tiêu")
        verbose_name_plural = _("điểm chỉ tiêu")
        ordering = ["score", "indicator__group__order", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["score", "indicator"], name="index_line_indicator"),
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.numerator}/{self.denominator} → {self.points}"
