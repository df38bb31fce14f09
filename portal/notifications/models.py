"""Outbox rows and each person's channel preferences."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    IN_APP = "in_app", _("Thông báo trên Cổng")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """In-app notifications of ``user`` (the bell); nobody sees anyone else's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user, channel=Channel.IN_APP)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def due_for_dispatch(self, now=None):
        return self.filter(
            status=Notification.Status.PENDING, next_attempt_at__lte=now or timezone.now()
        )


class Notification(models.Model):
    """One message to one person through one channel.

    Written in the same transaction as the change that causes it; ``key`` is unique, so the same
    event can never queue twice, and it is handed to the provider as an idempotency key so a provider
    that de-duplicates never delivers twice (docs/adr/0007).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi không thành công")
        SKIPPED = "skipped", _("Không gửi")

    # Unique through Meta.constraints and indexed through Meta.indexes, not unique=True/db_index=True:
    # on PostgreSQL those add a second, varchar_pattern_ops index for LIKE 'prefix%' that nothing
    # uses, and every outbox row (tens of thousands per deadline scan) paid for both.
    key = models.CharField(_("khóa chống trùng"), max_length=255)
    event = models.CharField(_("sự kiện"), max_length=60)
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.CharField(
        _("địa chỉ nhận"),
        max_length=255,
        blank=True,
        help_text=_("Thư điện tử hoặc số điện thoại lúc gửi."),
    )
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    payload = models.JSONField(_("dữ liệu"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # {"vi": {"subject": ..., "body": ..., "sms": ...}, "en": {...}}
    texts = models.JSONField(_("nội dung"), default=dict)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    provider_id = models.CharField(_("mã của nhà cung cấp"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("gửi lần tới lúc"), default=timezone.now)
    claimed_at = models.DateTimeField(_("bắt đầu gửi lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The dispatcher and the sweeper read only unfinished rows.
            models.Index(
                fields=["status", "next_attempt_at"],
                name="portal_notif_unfinished",
                condition=Q(status__in=["pending", "sending"]),
            ),
            # The bell: unread in-app notifications of one person.
            models.Index(
                fields=["recipient", "-created_at"],
                name="portal_notif_inbox",
                condition=Q(channel="in_app"),
            ),
            models.Index(fields=["event"], name="portal_notif_event"),
        ]
        constraints = [
            # ON CONFLICT (key) DO NOTHING: the same occurrence never queues twice.
            models.UniqueConstraint(fields=["key"], name="portal_notif_key_unique"),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient or self.address} ({self.get_channel_display()})"

    def text(self, part: str, language: str | None = None) -> str:
        language = (language or get_language() or self.language or "vi")[:2]
        texts = (
            self.texts.get(language) or self.texts.get(self.language) or self.texts.get("vi") or {}
        )
        return texts.get(part, "")

    @property
    def subject(self):
        return self.text("subject")

    @property
    def body(self):
        return self.text("body")


class NotificationPreference(models.Model):
    """Which channels a person wants, where both exist (email and/or SMS), and in which language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("nhận qua thư điện tử"), default=True)
    sms = models.BooleanField(_("nhận qua tin nhắn SMS"), default=True)
    language = models.CharField(
        _("ngôn ngữ thông báo"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cài đặt nhận thông báo")
        verbose_name_plural = _("cài đặt nhận thông báo")

    def __str__(self):
        return str(self.user)
