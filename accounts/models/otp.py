import hashlib
import hmac
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_code(code: str, token) -> str:
    """Codes are stored as an HMAC keyed with SECRET_KEY and the challenge's token, never in clear."""
    key = f"{settings.SECRET_KEY}:{token}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


class OneTimeCode(models.Model):
    """A six-digit code sent by email or SMS to prove control of an address or number.

    Single-use, expires after ACCOUNTS_OTP_TTL_MINUTES, refused after ACCOUNTS_OTP_MAX_ATTEMPTS wrong
    entries. A registration is kept here (``payload``, with the password already hashed) until its code
    is confirmed, so no account exists before its contact is verified.
    """

    class Purpose(models.TextChoices):
        REGISTRATION = "registration", _("Đăng ký tài khoản")
        PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")
        CONTACT_CHANGE = "contact_change", _("Xác minh thư điện tử hoặc số điện thoại")

    class Channel(models.TextChoices):
        EMAIL = "email", _("Thư điện tử")
        SMS = "sms", _("Tin nhắn SMS")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(max_length=30, choices=Purpose)
    channel = models.CharField(max_length=10, choices=Channel)
    destination = models.CharField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác thực một lần")
        verbose_name_plural = _("mã xác thực một lần")
        indexes = [models.Index(fields=["destination", "created_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} → {self.destination}"

    @staticmethod
    def new_code() -> str:
        return f"{secrets.randbelow(10**6):06d}"

    def matches(self, code: str) -> bool:
        return hmac.compare_digest(self.code_hash, hash_code((code or "").strip(), self.token))

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def attempts_left(self):
        return max(settings.ACCOUNTS_OTP_MAX_ATTEMPTS - self.attempts, 0)
