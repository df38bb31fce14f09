"""Adding or changing the account's email address or mobile number after registration.

One write path: the new address receives a one-time code (accounts.otp); only when the code is entered
does it replace the old one, marked verified. The old address, if any, is told of the change (a
security notice: if someone else made it, the owner still hears of it where the intruder cannot hide
it)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import otp
from accounts.models import OneTimeCode, User

FIELDS = {
    OneTimeCode.Channel.EMAIL: ("email", "email_verified_at"),
    OneTimeCode.Channel.SMS: ("phone", "phone_verified_at"),
}
WHAT = {
    OneTimeCode.Channel.EMAIL: gettext_lazy("thư điện tử"),
    OneTimeCode.Channel.SMS: gettext_lazy("số điện thoại"),
}


def _taken(user, channel, value) -> bool:
    others = User.objects.exclude(pk=user.pk)
    if channel == OneTimeCode.Channel.EMAIL:
        return others.annotate(lower=Lower("email")).filter(lower=value.lower()).exists()
    return others.filter(phone=value).exists()


def start_contact_change(user, channel, value) -> otp.Issued:
    """Send a code to the new address. Refused (otp.CodeError with a status) when the address is the
    account's own already verified one, or belongs to another account."""
    field, verified_field = FIELDS[channel]
    if getattr(user, field) == value and getattr(user, verified_field):
        raise otp.CodeError(
            _("Đây đã là địa chỉ đã xác minh của tài khoản."), status=400, reason="unchanged"
        )
    if _taken(user, channel, value):
        raise otp.CodeError(
            _("Địa chỉ này đã được dùng cho một tài khoản khác."), status=409, reason="taken"
        )
    return otp.issue(
        OneTimeCode.Purpose.CONTACT_CHANGE,
        channel,
        value,
        user=user,
        payload={"field": field},
    )


def complete_contact_change(user, token, code) -> User:
    """Check the code (it must be this account's challenge) and apply the change."""
    challenge = OneTimeCode.objects.filter(
        token=token, purpose=OneTimeCode.Purpose.CONTACT_CHANGE, user=user
    ).first()
    if challenge is None:
        raise otp.CodeError(_("Không tìm thấy yêu cầu xác thực."), status=404, reason="missing")
    otp.verify(token, code, OneTimeCode.Purpose.CONTACT_CHANGE)
    field, verified_field = FIELDS[challenge.channel]
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            old = getattr(locked, field)
            setattr(locked, field, challenge.destination)
            setattr(locked, verified_field, timezone.now())
            locked.save(update_fields=[field, verified_field])
            _notify(locked, challenge.channel, old)
    except IntegrityError:
        # Another account took the address between the code and now (the unique constraints).
        raise otp.CodeError(
            _("Địa chỉ này đã được dùng cho một tài khoản khác."), status=409, reason="taken"
        ) from None
    return locked


def _notify(user, channel, old):
    from portal.notifications.models import Channel
    from portal.notifications.services import Contact, notify

    now = timezone.now()
    context = {"at": now, "what": WHAT[channel]}
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:password-reset-request")
    key = f"account:{user.pk}:contact:{channel}:{now.isoformat()}"
    # The bell of the account, and the old address if there was one: the new one just proved itself.
    notify("contact_changed", user, key=key, context=context, link=link, channels=[Channel.IN_APP])
    if old:
        field = "email" if channel == OneTimeCode.Channel.EMAIL else "phone"
        contact = Contact(ref=f"account:{user.pk}:old-{field}", **{field: old})
        notify("contact_changed", contact, key=f"{key}:old", context=context, link=link)
