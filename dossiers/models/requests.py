"""What the agency asks of the applicant during a dossier's life: supplements and payments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SupplementRequest(models.Model):
    """A supplement request (yêu cầu bổ sung, hoàn thiện hồ sơ): one round, with numbered items."""

    class Phase(models.TextChoices):
        INTAKE = "intake", _("Khi tiếp nhận")
        PROCESSING = "processing", _("Trong quá trình xử lý")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang chờ bổ sung")
        ANSWERED = "answered", _("Đã bổ sung")
        CANCELLED = "cancelled", _("Đã hủy")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="supplement_requests"
    )
    round = models.PositiveSmallIntegerField(_("lần"), default=1)
    phase = models.CharField(_("giai đoạn"), max_length=20, choices=Phase.choices)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    message = models.TextField(_("nội dung hướng dẫn"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    reply_by = models.DateField(_("hạn bổ sung"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_note = models.TextField(_("ghi chú của người nộp"), blank=True)
    document = models.ForeignKey(
        "dossiers.IssuedDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")
        ordering = ["dossier", "round"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "round"], name="supplement_round"),
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(status="open"), name="one_open_supplement"
            ),
        ]

    def __str__(self):
        return f"{self.dossier} — {self.round}"


class SupplementItem(models.Model):
    request = models.ForeignKey(SupplementRequest, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    component = models.ForeignKey(
        "procedures.DossierComponent",
        verbose_name=_("thành phần hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.CharField(_("nội dung cần bổ sung"), max_length=500)
    reason = models.TextField(_("lý do"))

    class Meta:
        verbose_name = _("nội dung bổ sung")
        verbose_name_plural = _("nội dung bổ sung")
        ordering = ["request", "order", "pk"]

    def __str__(self):
        return self.content


class Payment(models.Model):
    """A payment owed for a dossier, in whole đồng. Marked paid only on a verified provider callback."""

    class Purpose(models.TextChoices):
        FEE = "fee", _("Phí, lệ phí")
        OBLIGATION = "obligation", _("Nghĩa vụ tài chính")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Không thành công")
        CANCELLED = "cancelled", _("Đã hủy")
        EXPIRED = "expired", _("Hết hạn")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    purpose = models.CharField(
        _("khoản thu"), max_length=20, choices=Purpose.choices, default=Purpose.FEE
    )
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    provider = models.CharField(_("kênh thanh toán"), max_length=40, blank=True)
    provider_reference = models.CharField(
        _("mã giao dịch"), max_length=100, unique=True, null=True, blank=True
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    due_by = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    receipt_number = models.CharField(_("số biên lai"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("khoản thanh toán")
        verbose_name_plural = _("khoản thanh toán")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["dossier", "status"], name="payment_dossier_status")]

    def __str__(self):
        return f"{self.dossier} {self.amount}"


class PaymentCallback(models.Model):
    """Every callback a provider sent, kept raw, whatever its fate (reconciliation and disputes)."""

    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="callbacks"
    )
    provider = models.CharField(max_length=40)
    received_at = models.DateTimeField(default=timezone.now)
    payload = models.JSONField(default=dict)
    headers = models.JSONField(default=dict, blank=True)
    signature_valid = models.BooleanField(default=False)
    processed = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("phản hồi thanh toán")
        verbose_name_plural = _("phản hồi thanh toán")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.provider} {self.received_at:%Y-%m-%d %H:%M}"
