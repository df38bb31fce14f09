"""Partner clients, the status feed and webhook deliveries.

The dossier log (``dossiers.DossierEvent``) is written in the same transaction as every status change:
it is the outbox. ``StatusFeedEntry`` gives each public status event a gap-free, commit-ordered
sequence number (assigned by ``portal.integrations.feed.sequence_pending`` under a lock), which is the
cursor partners read the feed with and the order webhooks are delivered in.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class PartnerClient(models.Model):
    """A partner system (the national portal, a specialised processing system): its OAuth2 application
    and what that application may be granted. Which agencies it reaches is decided, like for an
    officer, by the staff memberships of the application's service account (``application.user``)."""

    name = models.CharField(_("tên hệ thống"), max_length=255)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.CASCADE,
        related_name="partner",
        verbose_name=_("ứng dụng OAuth2"),
    )
    scopes = models.JSONField(
        _("phạm vi được cấp"),
        default=list,
        blank=True,
        help_text=_("Một hoặc nhiều trong: catalogue:read, status:read, status:write."),
    )
    rate_per_minute = models.PositiveIntegerField(
        _("giới hạn yêu cầu mỗi phút"),
        null=True,
        blank=True,
        help_text=_("Để trống: theo mức chung của hệ thống."),
    )
    contact = models.CharField(_("đầu mối liên hệ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hệ thống đối tác")
        verbose_name_plural = _("hệ thống đối tác")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def service_account(self):
        return self.application.user


class StatusFeedEntry(models.Model):
    """A public status event of a dossier, numbered in commit order (gap-free, never reused)."""

    seq = models.BigIntegerField(_("số thứ tự"), unique=True)
    event = models.OneToOneField(
        "dossiers.DossierEvent", on_delete=models.CASCADE, related_name="feed_entry"
    )
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    sequenced_at = models.DateTimeField(_("đánh số lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("sự kiện trạng thái")
        verbose_name_plural = _("sự kiện trạng thái")
        ordering = ["seq"]
        indexes = [models.Index(fields=["dossier", "seq"], name="feed_entry_dossier_seq")]

    def __str__(self):
        return f"#{self.seq}"


class WebhookSubscription(models.Model):
    """Where a partner wants status events pushed: one URL, one signing secret."""

    partner = models.ForeignKey(
        PartnerClient, on_delete=models.CASCADE, related_name="subscriptions"
    )
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    secret = models.CharField(
        _("khóa ký HMAC"),
        max_length=128,
        default=new_webhook_secret,
        help_text=_("Đối tác dùng khóa này để kiểm tra chữ ký X-Portal-Signature."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    start_after_seq = models.BigIntegerField(
        _("bắt đầu sau sự kiện số"),
        default=0,
        help_text=_("Chỉ gửi các sự kiện có số thứ tự lớn hơn."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký webhook")
        verbose_name_plural = _("đăng ký webhook")
        ordering = ["partner", "pk"]

    def __str__(self):
        return f"{self.partner} → {self.url}"

    def clean(self):
        """The admin's check (the API's serializer makes the same): no private destinations."""
        from django.core.exceptions import ValidationError

        from portal.integrations import destinations

        super().clean()
        if self.url:
            try:
                destinations.check_url(self.url)
            except destinations.UnsafeDestination as error:
                raise ValidationError({"url": error.message}, code="unsafe_destination") from error


class WebhookDeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=WebhookDelivery.Status.PENDING)

    def due(self, now=None):
        return self.pending().filter(next_attempt_at__lte=now or timezone.now())


class WebhookDelivery(models.Model):
    """One status event to one subscription. Delivered in ``seq`` order per dossier: an event waits
    while an earlier event of the same dossier is still undelivered to that subscription."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        GAVE_UP = "gave_up", _("Ngừng thử lại")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    entry = models.ForeignKey(StatusFeedEntry, on_delete=models.CASCADE, related_name="deliveries")
    seq = models.BigIntegerField(_("số thứ tự sự kiện"))
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi tiếp lúc"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("gửi gần nhất lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("gửi thành công lúc"), null=True, blank=True)
    replays = models.PositiveIntegerField(_("số lần gửi lại theo yêu cầu"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt gửi webhook")
        verbose_name_plural = _("lượt gửi webhook")
        ordering = ["subscription", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "entry"], name="webhook_delivery_once_per_entry"
            )
        ]
        indexes = [
            models.Index(
                fields=["subscription", "next_attempt_at"],
                condition=Q(status="pending"),
                name="webhook_delivery_pending",
            ),
            models.Index(fields=["subscription", "dossier", "seq"], name="webhook_delivery_order"),
        ]

    def __str__(self):
        return f"{self.subscription_id}#{self.seq} {self.status}"


class WebhookAttempt(models.Model):
    """The delivery log: every HTTP attempt, its answer or error, and how long it took."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    response_status = models.PositiveSmallIntegerField(_("mã phản hồi"), null=True, blank=True)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)
    succeeded = models.BooleanField(_("thành công"), default=False)

    class Meta:
        verbose_name = _("nhật ký gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["delivery", "at", "pk"]

    def __str__(self):
        return (
            f"{self.delivery_id} {self.at:%Y-%m-%d %H:%M:%S} {self.response_status or self.error}"
        )
