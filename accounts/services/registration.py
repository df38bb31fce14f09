"""Registration and password reset: one write path each, atomic, no account before its code."""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import otp
from accounts.backends import resolve_identifier
from accounts.models import AccountKind, OneTimeCode, User

# Lazy: the notice is rendered in each language of the portal.
HOW_RESET = gettext_lazy("đặt lại bằng mã xác thực")
HOW_CHANGED = gettext_lazy("đổi khi đang đăng nhập")


class AccountExists(Exception):
    pass


def start_registration(data) -> otp.Issued:
    """Keep the registration (password hashed) with a code sent to the chosen channel."""
    channel = data["verify_by"]
    destination = data["email"] if channel == OneTimeCode.Channel.EMAIL else data["phone"]
    payload = {
        "full_name": data["full_name"].strip(),
        "date_of_birth": data["date_of_birth"].isoformat(),
        "id_number": data["id_number"],
        "email": data["email"],
        "phone": data["phone"],
        "password_hash": make_password(data["password1"]),
        "consent_version": settings.ACCOUNTS_CONSENT_VERSION,
    }
    return otp.issue(OneTimeCode.Purpose.REGISTRATION, channel, destination, payload=payload)


def _username_for(payload) -> str:
    return f"cd{payload['id_number']}"


def complete_registration(token, code) -> User:
    """Check the code (its attempt count is committed whatever happens next), then create the account
    in one transaction, recording the verified channel. A race with another registration of the same
    person ends in AccountExists, with nothing saved."""
    challenge = otp.verify(token, code, OneTimeCode.Purpose.REGISTRATION)
    data = challenge.payload
    now = timezone.now()
    user = User(
        username=_username_for(data),
        kind=AccountKind.CITIZEN,
        full_name=data["full_name"],
        date_of_birth=dt.date.fromisoformat(data["date_of_birth"]),
        id_number=data["id_number"],
        email=data["email"],
        phone=data["phone"],
        password=data["password_hash"],
        consent_given_at=now,
        consent_version=data["consent_version"],
    )
    if challenge.channel == OneTimeCode.Channel.EMAIL:
        user.email_verified_at = now
    else:
        user.phone_verified_at = now
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise AccountExists(
            _("Tài khoản cho số định danh, thư điện tử hoặc số điện thoại này đã tồn tại.")
        ) from error
    return user


def start_password_reset(identifier) -> otp.Issued:
    """Send a reset code to the account's verified email (or else phone). When no account matches, a
    challenge that nothing can satisfy is made instead, so the answer never reveals who has an account."""
    user = resolve_identifier(identifier)
    if user and user.is_active and (user.email or user.phone):
        if user.email:
            channel, destination = OneTimeCode.Channel.EMAIL, user.email
        else:
            channel, destination = OneTimeCode.Channel.SMS, user.phone
        return otp.issue(OneTimeCode.Purpose.PASSWORD_RESET, channel, destination, user=user)
    now = timezone.now()
    decoy = OneTimeCode.objects.create(
        purpose=OneTimeCode.Purpose.PASSWORD_RESET,
        channel=OneTimeCode.Channel.EMAIL,
        destination="",
        code_hash=secrets.token_hex(32),
        created_at=now,
        expires_at=now + dt.timedelta(minutes=settings.ACCOUNTS_OTP_TTL_MINUTES),
    )
    return otp.Issued(decoy, "")


def complete_password_reset(token, code, new_password) -> User:
    challenge = otp.verify(token, code, OneTimeCode.Purpose.PASSWORD_RESET)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=challenge.user_id)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        _notify_password_changed(user, HOW_RESET)
    _reset_lockout(user)
    return user


def change_password(user, new_password) -> User:
    """The signed-in user's new password (the view checked the current one). Changing the password
    changes the session hash, so every other session of the account is signed out; the caller keeps
    its own session with ``update_session_auth_hash``."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(new_password)
        locked.save(update_fields=["password"])
        _notify_password_changed(locked, HOW_CHANGED)
    user.password = locked.password
    _reset_lockout(locked)
    return locked


def _notify_password_changed(user, how):
    from django.urls import reverse

    from portal.notifications.services import notify

    now = timezone.now()
    notify(
        "password_changed",
        user,
        key=f"account:{user.pk}:password:{now.isoformat()}",
        context={"at": now, "how": how},
        link=settings.SITE_URL.rstrip("/") + reverse("accounts:password-reset-request"),
    )


def _reset_lockout(user):
    from axes.utils import reset

    reset(username=f"account:{user.pk}")
