"""Adding or changing the email address or mobile number after registration: a code to the new address
first, the old address told of the change, nothing changed on a wrong code or a taken address."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import OneTimeCode
from portal.notifications.channels.sms import FakeSmsAdapter
from portal.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import signed_in

pytestmark = pytest.mark.django_db
URL = reverse("accounts:contact-change")


def _code(text):
    return re.search(r"\b(\d{6})\b", text).group(1)


def test_a_citizen_registered_by_phone_adds_an_email_address_verified_by_code():
    user = UserFactory(email="", phone="0912345678")
    client = signed_in(user)

    response = client.post(URL, {"email": "Lan.Moi@Example.vn", "phone": ""})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == ""  # nothing before the code
    assert mail.outbox[-1].to == ["lan.moi@example.vn"]
    response = client.post(response["Location"], {"code": _code(mail.outbox[-1].body)})

    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.email == "lan.moi@example.vn" and user.email_verified_at is not None
    # No old address to warn; the bell tells the account.
    assert Notification.objects.filter(event="contact_changed", recipient=user).count() == 1
    assert not Notification.objects.filter(event="contact_changed", recipient=None).exists()


def test_changing_the_phone_number_warns_the_old_number():
    user = UserFactory(phone="0912345678")
    client = signed_in(user)
    FakeSmsAdapter.reset()

    response = client.post(URL, {"email": "", "phone": "+84 987 654 321"})
    assert response.status_code == 302
    sms = FakeSmsAdapter.sent[-1]
    assert sms["to"] == "84987654321"
    client.post(response["Location"], {"code": _code(sms["text"])})

    user.refresh_from_db()
    assert user.phone == "0987654321" and user.phone_verified_at is not None
    warning = Notification.objects.get(event="contact_changed", recipient=None, channel="sms")
    assert warning.address.endswith("912345678")


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"email": "", "phone": ""}, 400, "mỗi lần một loại"),
        ({"email": "a@example.vn", "phone": "0987654321"}, 400, "mỗi lần một loại"),
        ({"email": "", "phone": "0212345678"}, 400, "không hợp lệ"),
        ({"email": "khong-phai-thu", "phone": ""}, 400, "Thư điện tử mới"),
        ({"email": "da.co@example.vn", "phone": ""}, 409, "tài khoản khác"),
    ],
)
def test_bad_or_taken_addresses_are_refused_and_nothing_is_sent(data, status, message):
    UserFactory(email="da.co@example.vn")
    user = UserFactory(email="cua.toi@example.vn")
    client = signed_in(user)
    sent = len(mail.outbox)

    response = client.post(URL, data)

    assert response.status_code == status
    assert message in response.content.decode()
    assert len(mail.outbox) == sent
    assert not OneTimeCode.objects.filter(purpose=OneTimeCode.Purpose.CONTACT_CHANGE).exists()


def test_a_wrong_code_changes_nothing_and_another_account_cannot_use_the_challenge():
    user = UserFactory(email="cu@example.vn")
    client = signed_in(user)
    location = client.post(URL, {"email": "moi@example.vn", "phone": ""})["Location"]
    code = _code(mail.outbox[-1].body)
    wrong = "000000" if code != "000000" else "111111"

    assert client.post(location, {"code": wrong}).status_code == 400
    # Someone else, signed in, cannot even see the challenge.
    intruder = signed_in(UserFactory())
    assert intruder.get(location).status_code == 404
    assert intruder.post(location, {"code": code}).status_code == 404
    user.refresh_from_db()
    assert user.email == "cu@example.vn"

    assert client.post(location, {"code": code}).status_code == 302
    user.refresh_from_db()
    assert user.email == "moi@example.vn"
    # The old address got the security notice by email.
    warning = Notification.objects.get(event="contact_changed", recipient=None, channel="email")
    assert warning.address == "cu@example.vn"
    assert "thư điện tử" in warning.texts["vi"]["body"] and "email" in warning.texts["en"]["body"]


def test_the_pages_need_a_signed_in_user(client):
    assert client.get(URL).status_code == 302
