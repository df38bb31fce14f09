"""Changing the password while signed in: the current password first, other sessions signed out, a
security notice to the owner, and wrong current passwords limited."""

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from portal.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import signed_in

OLD = "Mat-khau-2026!"
NEW = "Mot-mat-khau-moi-2027"
URL = reverse("accounts:password-change")


def _post(client, current=OLD, new=NEW, again=None):
    return client.post(
        URL, {"current_password": current, "password1": new, "password2": again or new}
    )


def test_a_citizen_changes_the_password_and_other_sessions_are_signed_out(db):
    user = UserFactory(phone="0912345678")
    here, elsewhere = signed_in(user), signed_in(user)
    cache.delete(f"accounts:password-change-failures:{user.pk}")

    assert here.get(URL).status_code == 200
    response = _post(here)

    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(OLD)
    # This session stays signed in; the other one is signed out at its next request.
    assert here.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert SESSION_KEY not in elsewhere.session
    notices = Notification.objects.filter(event="password_changed", recipient=user)
    assert {n.channel for n in notices} >= {"email", "in_app"}
    body = notices.get(channel="email").texts["vi"]["body"]
    assert "đổi khi đang đăng nhập" in body and "/tai-khoan/quen-mat-khau/" in body


def test_wrong_current_password_weak_or_mismatched_new_one_change_nothing(db):
    user = UserFactory()
    client = signed_in(user)
    cache.delete(f"accounts:password-change-failures:{user.pk}")
    cases = [
        ({"current": "sai-mat-khau"}, "Mật khẩu hiện tại không đúng."),
        ({"new": "1234567890"}, "Mật khẩu mới"),
        ({"again": "Mot-mat-khau-khac-2027"}, "Hai mật khẩu không khớp."),
        ({"new": OLD}, "Mật khẩu mới phải khác mật khẩu hiện tại."),
    ]
    for arguments, message in cases:
        response = _post(client, **arguments)
        assert response.status_code == 400, arguments
        assert message in response.content.decode()
        assert 'class="error-summary"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)
    assert not Notification.objects.filter(event="password_changed").exists()


def test_too_many_wrong_current_passwords_are_refused_for_a_while(db):
    user = UserFactory()
    client = signed_in(user)
    cache.delete(f"accounts:password-change-failures:{user.pk}")
    for _attempt in range(5):
        assert _post(client, current="doan-mo-mat-khau").status_code == 400
    # Even the right password is refused now, and nothing changes.
    response = _post(client)
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)
    cache.delete(f"accounts:password-change-failures:{user.pk}")


def test_the_page_needs_a_signed_in_user(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_password_reset_also_sends_the_security_notice(db):
    from accounts.services import registration

    user = UserFactory()
    issued = registration.start_password_reset(user.email)
    registration.complete_password_reset(issued.challenge.token, issued.code, NEW)

    notice = Notification.objects.get(event="password_changed", recipient=user, channel="email")
    assert "đặt lại bằng mã xác thực" in notice.texts["vi"]["body"]
    assert "reset with a verification code" in notice.texts["en"]["body"]
