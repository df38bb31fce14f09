"""Procedures (thủ tục hành chính), their versions and what a version holds.

A ``Procedure`` is the stable identity (national code). Everything the public reads lives on a
``ProcedureVersion``: draft → published (with an effective date) → superseded by the next published
version, or withdrawn (bãi bỏ). At most one version of a procedure is published at a time; a dossier
keeps a foreign key to the version it was submitted under, so later versions never change it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models.user import AssuranceLevel
from procedures.search import normalize

HOURS_PER_WORKING_DAY = 8


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã công bố")
    SUPERSEDED = "superseded", _("Đã được thay thế")
    WITHDRAWN = "withdrawn", _("Đã bãi bỏ")


class OnlineLevel(models.TextChoices):
    """Decree 42/2022 classification; the legacy Decree 43/2011 level (2/3/4) is derived for display."""

    NOT_ONLINE = "not_online", _("Cung cấp thông tin")
    PARTIAL = "partial", _("Trực tuyến một phần")
    FULL = "full", _("Trực tuyến toàn trình")


LEGACY_LEVEL = {OnlineLevel.NOT_ONLINE: 2, OnlineLevel.PARTIAL: 3, OnlineLevel.FULL: 4}


class GovernmentLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class ProcessingTimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    SAME_DAY = "same_day", _("trong ngày")


class Procedure(models.Model):
    """The stable identity of an administrative procedure: its national code (e.g. ``1.001234``)."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    name = models.CharField(
        _("tên thủ tục"),
        max_length=500,
        help_text=_(
            "Tên theo phiên bản mới nhất; trang công khai đọc tên của phiên bản đã công bố."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"


class ProcedureVersionQuerySet(models.QuerySet):
    def published(self):
        """What the public and the API may see: the live version of each procedure, nothing else."""
        return self.filter(status=VersionStatus.PUBLISHED)

    @staticmethod
    def fee_exists():
        """A version charges something: one of its fee lines is above zero."""
        return Exists(Fee.objects.filter(version=OuterRef("pk"), amount__gt=0))

    def with_has_fee(self):
        return self.annotate(has_fee=self.fee_exists())

    def with_fee(self, has_fee: bool):
        """Versions that charge something (``True``) or nothing (``False``)."""
        return self.filter(self.fee_exists() if has_fee else ~self.fee_exists())

    def at_government_level(self, level):
        field = {
            GovernmentLevel.PROVINCE: "at_province_level",
            GovernmentLevel.DISTRICT: "at_district_level",
            GovernmentLevel.COMMUNE: "at_commune_level",
        }[level]
        return self.filter(**{field: True})


class ProcedureVersion(models.Model):
    """One version of a procedure record (DOMAIN.md §3): all that citizens read and dossiers follow."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    decision_reference = models.CharField(
        _("quyết định công bố"),
        max_length=255,
        blank=True,
        help_text=_(
            "Số, ngày quyết định công bố của Chủ tịch UBND, ví dụ 1234/QĐ-UBND ngày 01/07/2025."
        ),
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("bãi bỏ lúc"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("lý do bãi bỏ"), blank=True)

    # The record itself.
    name = models.CharField(_("tên thủ tục"), max_length=500)
    sector = models.ForeignKey(
        "procedures.Sector", verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan quản lý danh mục"),
        on_delete=models.PROTECT,
        related_name="owned_procedure_versions",
        help_text=_("Quản trị của cơ quan này được công bố, bãi bỏ phiên bản."),
    )
    agencies = models.ManyToManyField(
        "procedures.Agency",
        verbose_name=_("cơ quan thực hiện"),
        related_name="procedure_versions",
        blank=True,
    )
    at_province_level = models.BooleanField(_("cấp tỉnh"), default=False)
    at_district_level = models.BooleanField(_("cấp huyện"), default=False)
    at_commune_level = models.BooleanField(_("cấp xã"), default=False)
    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    channel_in_person = models.BooleanField(_("nộp trực tiếp"), default=True)
    channel_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    channel_postal = models.BooleanField(_("nộp qua bưu chính công ích"), default=False)
    processing_time = models.PositiveIntegerField(
        _("thời hạn giải quyết"),
        default=0,
        help_text=_("Số ngày hoặc giờ làm việc; 0 khi trong ngày."),
    )
    processing_time_unit = models.CharField(
        _("đơn vị thời hạn"),
        max_length=20,
        choices=ProcessingTimeUnit.choices,
        default=ProcessingTimeUnit.WORKING_DAYS,
    )
    processing_time_note = models.CharField(_("ghi chú thời hạn"), max_length=500, blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    for_citizens = models.BooleanField(_("công dân"), default=True)
    for_organisations = models.BooleanField(_("tổ chức, doanh nghiệp"), default=False)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    fee_note = models.TextField(_("ghi chú phí, lệ phí"), blank=True)
    online_level = models.CharField(
        _("mức độ trực tuyến"),
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NOT_ONLINE,
    )
    online_eligible = models.BooleanField(
        _("đủ điều kiện cung cấp trực tuyến"),
        default=True,
        help_text=_("Thủ tục đủ điều kiện cung cấp dịch vụ công trực tuyến (số liệu thống kê)."),
    )
    required_assurance = models.CharField(
        _("mức định danh tài khoản yêu cầu"),
        max_length=20,
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.UNVERIFIED,
        help_text=_("Tài khoản của người nộp phải đạt mức này để nộp hồ sơ trực tuyến."),
    )
    form_schema = models.JSONField(
        _("biểu mẫu điện tử"),
        default=dict,
        blank=True,
        help_text=_(
            "Định nghĩa tờ khai điện tử: các trường, kiểu, nhãn, bắt buộc, ràng buộc, lựa chọn."
        ),
    )

    search_text = models.TextField(editable=False, default="")
    search_name = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure__code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="procedure_version_number"
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published"),
                name="one_published_version_per_procedure",
            ),
        ]
        indexes = [models.Index(fields=["status", "search_name"], name="procver_status_name")]

    def __str__(self):
        return f"{self.procedure.code} v{self.number} — {self.name}"

    def save(self, *args, **kwargs):
        code = self.procedure.code if self.procedure_id else ""
        self.search_name = normalize(self.name)
        self.search_text = f"{normalize(code)} {self.search_name}".strip()
        super().save(*args, **kwargs)

    @property
    def code(self):
        return self.procedure.code

    @property
    def legacy_level(self) -> int:
        """Decree 43/2011 level shown beside the current classification ("mức độ 3, 4")."""
        return LEGACY_LEVEL[self.online_level]

    @property
    def is_online(self) -> bool:
        return self.online_level != OnlineLevel.NOT_ONLINE

    @property
    def government_levels(self) -> list[str]:
        levels = []
        if self.at_province_level:
            levels.append(GovernmentLevel.PROVINCE)
        if self.at_district_level:
            levels.append(GovernmentLevel.DISTRICT)
        if self.at_commune_level:
            levels.append(GovernmentLevel.COMMUNE)
        return levels

    @property
    def processing_time_text(self) -> str:
        from procedures.wording import processing_time_text

        return processing_time_text(self.processing_time, self.processing_time_unit)

    @property
    def processing_hours(self) -> Decimal:
        """The legal processing time in working hours (a working day counts 8 hours)."""
        if self.processing_time_unit == ProcessingTimeUnit.WORKING_DAYS:
            return Decimal(self.processing_time * HOURS_PER_WORKING_DAY)
        if self.processing_time_unit == ProcessingTimeUnit.WORKING_HOURS:
            return Decimal(self.processing_time)
        return Decimal(HOURS_PER_WORKING_DAY)  # same day: at most one working day


class DossierComponent(models.Model):
    """A document of the dossier (thành phần hồ sơ): one row per item the applicant must provide."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("Bản chính")
        COPY = "copy", _("Bản sao")
        CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
        ORIGINAL_OR_COPY = "original_or_copy", _("Bản chính hoặc bản sao")

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="components",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    form = models.CharField(
        _("loại bản"), max_length=20, choices=Form.choices, default=Form.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    is_mandatory = models.BooleanField(_("bắt buộc"), default=True)
    condition = models.CharField(
        _("điều kiện nộp"),
        max_length=500,
        blank=True,
        help_text=_("Khi không bắt buộc: trường hợp nào phải nộp giấy tờ này."),
    )
    template = models.FileField(
        _("mẫu đơn, tờ khai"), upload_to="procedure-templates/%Y/", blank=True
    )
    template_name = models.CharField(_("tên mẫu"), max_length=255, blank=True)
    accepted_types = models.CharField(
        _("định dạng tệp chấp nhận"), max_length=100, default="pdf,jpg,jpeg,png"
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("dung lượng tối đa (MB)"), default=10, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "order", "pk"]

    def __str__(self):
        return self.name

    @property
    def accepted_type_list(self) -> list[str]:
        return [t.strip().lower().lstrip(".") for t in self.accepted_types.split(",") if t.strip()]

    @property
    def max_size_bytes(self) -> int:
        return self.max_size_mb * 1024 * 1024


class Fee(models.Model):
    """A line of fees or charges (phí, lệ phí), in whole đồng, possibly conditional."""

    class Kind(models.TextChoices):
        CHARGE = "charge", _("Lệ phí")
        FEE = "fee", _("Phí")

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="fees",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CHARGE)
    description = models.CharField(_("nội dung"), max_length=500)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    condition = models.CharField(_("điều kiện áp dụng"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["version", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="fee_not_negative")]

    def __str__(self):
        return f"{self.description}: {self.amount}"


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ) with its time budget in working hours."""

    class Role(models.TextChoices):
        RECEIVING_OFFICER = "receiving_officer", _("Cán bộ tiếp nhận")
        SPECIALIST = "specialist", _("Chuyên viên xử lý")
        LEADER = "leader", _("Lãnh đạo")
        AGENCY_ADMIN = "agency_admin", _("Quản trị đơn vị")

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("nội dung công việc"), max_length=500)
    unit = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_name = models.CharField(
        _("bộ phận thực hiện"), max_length=255, blank=True, help_text=_("Ví dụ: Bộ phận Một cửa.")
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    budget_hours = models.DecimalField(
        _("thời gian (giờ làm việc)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("bước quy trình nội bộ")
        ordering = ["version", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_hours__gte=0), name="process_step_budget_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"


class CatalogueChange(models.Model):
    """Every change to the catalogue: who, when, what (the publishing audit trail)."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    version = models.ForeignKey(
        ProcedureVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    action = models.CharField(_("thao tác"), max_length=40)
    summary = models.CharField(_("nội dung"), max_length=500)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi danh mục")
        verbose_name_plural = _("nhật ký thay đổi danh mục")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}: {self.summary}"
