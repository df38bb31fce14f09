"""Files of a dossier: what the applicant sent (attachments), what the agency issued (statutory slips
and results), and the citizen's personal data store (kho dữ liệu điện tử, Decree 45/2020).

Files live in the private storage (settings.MEDIA_ROOT, never served): views stream them after checking
access. Names on disk are random; the cleaned original name is kept for display and download.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _private_path(prefix: str, filename: str) -> str:
    ext = ""
    if "." in filename:
        ext = "." + filename.rsplit(".", 1)[1].lower()[:10]
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}{ext}"


def attachment_path(instance, filename):
    return _private_path("dossiers", filename)


def issued_path(instance, filename):
    return _private_path("issued", filename)


def personal_path(instance, filename):
    return _private_path("personal", filename)


class Attachment(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tải lên")
        PERSONAL_STORE = "personal_store", _("Từ kho dữ liệu cá nhân")
        SCAN = "scan", _("Cán bộ số hóa tại quầy")
        RESULT = "result", _("Kết quả giải quyết")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="attachments"
    )
    component = models.ForeignKey(
        "procedures.DossierComponent",
        verbose_name=_("thành phần hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    content_type = models.CharField(_("định dạng"), max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=Source.choices, default=Source.UPLOAD
    )
    personal_document = models.ForeignKey(
        "dossiers.PersonalDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supplement_request = models.ForeignKey(
        "dossiers.SupplementRequest",
        verbose_name=_("lần bổ sung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    replaced_at = models.DateTimeField(
        _("đã được thay thế lúc"), null=True, blank=True, help_text=_("Tệp cũ khi đã bổ sung.")
    )

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["dossier", "component__order", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["dossier", "component"], name="attachment_component")]

    def __str__(self):
        return self.name


class PersonalDocument(models.Model):
    """A document kept in the citizen's data store, reusable in later dossiers (tái sử dụng)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_documents"
    )
    file = models.FileField(_("tệp"), upload_to=personal_path, max_length=255)
    name = models.CharField(_("tên giấy tờ"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    content_type = models.CharField(_("định dạng"), max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("từ hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_result = models.BooleanField(_("là kết quả giải quyết"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ trong kho dữ liệu cá nhân")
        verbose_name_plural = _("kho dữ liệu cá nhân")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="personaldoc_owner")]

    def __str__(self):
        return self.name


class IssuedDocument(models.Model):
    """A document the agency issued: a statutory slip (kinds of dossiers/documents/registry.py) or the
    signed result. The stored bytes are what the officer printed and the citizen downloads."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
        SUPPLEMENT_REQUEST = "supplement_request", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
        REFUSAL = "refusal", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
        APOLOGY = "apology", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
        STOP_NOTICE = "stop_notice", _("Thông báo dừng xử lý")
        CONTROL_SLIP = "control_slip", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")
        TRACKING_BOOK = "tracking_book", _("Sổ theo dõi hồ sơ")
        RESULT = "result", _("Kết quả giải quyết")
        PAYMENT_RECEIPT = "payment_receipt", _("Biên lai thu phí, lệ phí điện tử")

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="issued_documents",
    )
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.PROTECT, related_name="issued_documents"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("số"), max_length=60, blank=True)
    title = models.CharField(_("trích yếu"), max_length=255, blank=True)
    file = models.FileField(_("tệp"), upload_to=issued_path, max_length=255)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), default=timezone.now)
    is_public = models.BooleanField(
        _("công dân xem được"),
        default=True,
        help_text=_("Phiếu kiểm soát và sổ theo dõi là tài liệu nội bộ."),
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")
        ordering = ["issued_at", "pk"]
        indexes = [models.Index(fields=["dossier", "kind"], name="issued_dossier_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()
