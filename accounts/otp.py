"""One-time codes: issue, send, verify.

Codes are sent synchronously, not through the notification outbox's queue: the person is waiting on
the page, and a code delivered after a retry back-off is useless (docs/adr/0013). They still use the
portal's channels: email through Django's mail backends, SMS through the outbox's configured SMS
adapter (portal.notifications.channels, settings.NOTIFICATION_CHANNELS["sms"]: the HTTP gateway in
production, the console in development, a fake in tests), with the challenge's token as idempotency key.
"""

import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OneTimeCode
from accounts.models.otp import hash_code

log = logging.getLogger(__name__)


def without_diacritics(text: str) -> str:
    """SMS texts go without diacritics (GSM-7: 160 characters a part instead of 70)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class EmailChannel:
    def send(self, key, destination, subject, body):
        send_mail(subject, body, None, [destination])


class SmsChannel:
    def send(self, key, destination, subject, body):
        from portal.notifications.channels.registry import adapter
        from portal.notifications.channels.sms import normalise_phone

        adapter("sms").deliver(key, normalise_phone(destination), without_diacritics(body))


def channel_for(kind):
    return EmailChannel() if kind == OneTimeCode.Channel.EMAIL else SmsChannel()


class CodeError(Exception):
    """A code that cannot be accepted; ``status`` is the HTTP status the page answers with."""

    def __init__(self, message, status=400, reason="wrong"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason


@dataclass
class Issued:
    challenge: OneTimeCode
    code: str


def sends_in_last_hour(destination: str) -> int:
    since = timezone.now() - dt.timedelta(hours=1)
    return OneTimeCode.objects.filter(destination=destination, created_at__gte=since).count()


def issue(purpose, channel, destination, *, user=None, payload=None) -> Issued:
    """Create a challenge and send its code. Earlier open challenges for the same purpose and
    destination are closed, so only the newest code works."""
    if sends_in_last_hour(destination) >= settings.ACCOUNTS_OTP_MAX_SENDS_PER_HOUR:
        raise CodeError(
            _("Đã gửi quá nhiều mã tới địa chỉ này trong một giờ. Vui lòng thử lại sau."),
            status=429,
            reason="too_many_sends",
        )
    now = timezone.now()
    code = OneTimeCode.new_code()
    with transaction.atomic():
        OneTimeCode.objects.filter(
            purpose=purpose, destination=destination, used_at__isnull=True
        ).update(used_at=now)
        challenge = OneTimeCode(
            purpose=purpose,
            channel=channel,
            destination=destination,
            user=user,
            payload=payload or {},
            created_at=now,
            expires_at=now + dt.timedelta(minutes=settings.ACCOUNTS_OTP_TTL_MINUTES),
        )
        challenge.code_hash = hash_code(code, challenge.token)
        challenge.save()
    _send(challenge, code)
    return Issued(challenge, code)


def _send(challenge, code):
    what = challenge.get_purpose_display()
    minutes = settings.ACCOUNTS_OTP_TTL_MINUTES
    subject = _("%(portal)s: mã xác thực %(what)s") % {
        "portal": settings.PORTAL_NAME,
        "what": what.lower(),
    }
    body = _(
        "Mã xác thực của bạn là %(code)s (%(what)s). Mã có hiệu lực trong %(minutes)s phút và chỉ "
        "dùng được một lần. Không cung cấp mã này cho bất kỳ ai, kể cả cán bộ."
    ) % {"code": code, "what": what.lower(), "minutes": minutes}
    try:
        channel_for(challenge.channel).send(
            f"otp-{challenge.token}", challenge.destination, subject, body
        )
    except Exception as error:
        log.warning("One-time code not delivered to %s: %s", challenge.channel, error)
        raise CodeError(
            _("Chưa gửi được mã xác thực. Vui lòng thử lại sau ít phút."),
            status=503,
            reason="not_delivered",
        ) from error


def verify(token, code, purpose) -> OneTimeCode:
    """Check ``code`` against the challenge; mark it used on success. Raises CodeError otherwise.
    The row is locked, so two simultaneous attempts cannot both succeed or both miss the count."""
    with transaction.atomic():
        challenge = (
            OneTimeCode.objects.select_for_update().filter(token=token, purpose=purpose).first()
        )
        if challenge is None:
            raise CodeError(_("Không tìm thấy yêu cầu xác thực."), status=404, reason="missing")
        if challenge.used_at:
            raise CodeError(
                _("Mã này đã được sử dụng hoặc đã được thay bằng mã mới. Hãy yêu cầu gửi lại mã."),
                status=410,
                reason="used",
            )
        if challenge.is_expired:
            raise CodeError(
                _("Mã xác thực đã hết hạn. Hãy yêu cầu gửi lại mã mới."),
                status=410,
                reason="expired",
            )
        if challenge.attempts >= settings.ACCOUNTS_OTP_MAX_ATTEMPTS:
            raise CodeError(
                _("Bạn đã nhập sai quá số lần cho phép. Hãy yêu cầu gửi lại mã mới."),
                status=429,
                reason="too_many_attempts",
            )
        if not challenge.matches(code):
            challenge.attempts += 1
            challenge.save(update_fields=["attempts"])
            left = challenge.attempts_left
            if left == 0:
                message = _(
                    "Mã xác thực không đúng. Bạn đã hết lượt nhập; hãy yêu cầu gửi lại mã mới."
                )
            else:
                message = _("Mã xác thực không đúng. Bạn còn %(left)s lần thử.") % {"left": left}
            return_error = CodeError(message, status=400, reason="wrong")
        else:
            challenge.used_at = timezone.now()
            challenge.save(update_fields=["used_at"])
            return_error = None
    if return_error:
        raise return_error
    return challenge


def resend(token, purpose) -> Issued:
    """Send a fresh code for the same purpose, destination and payload."""
    old = OneTimeCode.objects.filter(token=token, purpose=purpose).first()
    if old is None:
        raise CodeError(_("Không tìm thấy yêu cầu xác thực."), status=404, reason="missing")
    return issue(purpose, old.channel, old.destination, user=old.user, payload=old.payload)
