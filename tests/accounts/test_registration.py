import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import OneTimeCode, User
from portal.notifications.channels.sms import FakeSmsAdapter
from tests.accounts.factories import CitizenFactory

pytestmark = pytest.mark.django_db

REGISTER = "/tai-khoan/dang-ky/"
PASSWORD = "Hoa-Sen-Trang-2026"


def form(**overrides):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "date_of_birth": "1992-04-15",
        "id_number": "001192004567",
        "email": "lan.nguyen@example.vn",
        "phone": "0912345678",
        "verify_by": "email",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return data


def code_from_mail():
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_a_citizen_registers_verifies_the_emailed_code_and_is_signed_in(client):
    response = client.post(REGISTER, form())
    assert response.status_code == 302
    assert not User.objects.filter(id_number="001192004567").exists()  # nothing before the code
    assert mail.outbox[-1].to == ["lan.nguyen@example.vn"]

    response = client.post(response["Location"], {"code": code_from_mail()})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get(id_number="001192004567")
    assert user.email_verified_at is not None and user.phone_verified_at is None
    assert user.consent_given_at is not None and user.consent_version
    assert user.assurance_level == "unverified"
    assert user.check_password(PASSWORD)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_registration_by_sms_sends_the_code_to_the_phone(client):
    response = client.post(REGISTER, form(verify_by="sms", email=""))
    assert response.status_code == 302
    sms = FakeSmsAdapter.sent[-1]
    assert sms["to"] == "84912345678"
    assert "Ma xac thuc" in sms["text"]  # without diacritics: one GSM-7 part
    code = re.search(r"\b(\d{6})\b", sms["text"]).group(1)
    client.post(response["Location"], {"code": code})
    assert User.objects.get(phone="0912345678").phone_verified_at is not None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "12345"}, "id_number", "12 chữ số"),
        ({"id_number": "003192004567"}, "id_number", "mã tỉnh"),
        ({"id_number": "001190004567"}, "id_number", "không khớp"),  # encodes 1990, born 1992
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", ""),
        ({"password1": "matkhau", "password2": "matkhau"}, "password1", ""),
        ({"password2": "Khac-Mat-Khau-2026"}, "password2", "không khớp"),
        ({"consent": ""}, "consent", "đồng ý"),
        ({"verify_by": "sms", "phone": ""}, "phone", "điện thoại"),
        ({"phone": "0212345678"}, "phone", "không hợp lệ"),
    ],
)
def test_bad_registration_input_is_refused_in_vietnamese_and_nothing_is_saved(
    client, overrides, field, message
):
    response = client.post(REGISTER, form(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not OneTimeCode.objects.exists()
    assert not User.objects.exists()
    assert "Có lỗi cần sửa" in response.content.decode()


def test_an_id_number_that_already_has_an_account_under_another_email_is_a_conflict(client):
    CitizenFactory(id_number="001192004567", email="lan.cu@example.vn", phone="0987654321")
    response = client.post(REGISTER, form())
    assert response.status_code == 409
    assert "đã có tài khoản" in " ".join(response.context["form"].errors["id_number"])
    assert not OneTimeCode.objects.exists()
    assert User.objects.count() == 1


def test_a_wrong_code_entered_six_times_is_refused_and_no_account_is_made(client):
    url = client.post(REGISTER, form())["Location"]
    right = code_from_mail()
    wrong = "000000" if right != "000000" else "111111"
    statuses = [client.post(url, {"code": wrong}).status_code for _ in range(5)]
    assert statuses == [400] * 5
    response = client.post(url, {"code": right})  # the sixth try, even with the right code
    assert response.status_code == 429
    assert "quá số lần" in response.content.decode()
    assert not User.objects.exists()


def test_the_remaining_attempts_are_shown_after_a_wrong_code(client):
    url = client.post(REGISTER, form())["Location"]
    wrong = "000000" if code_from_mail() != "000000" else "111111"
    response = client.post(url, {"code": wrong})
    assert "Bạn còn 4 lần thử" in response.content.decode()


def test_an_expired_code_is_refused(client, travel):
    travel.to("2026-03-02 09:00", tick=True)
    url = client.post(REGISTER, form())["Location"]
    code = code_from_mail()
    travel.to("2026-03-02 09:11", tick=True)
    response = client.post(url, {"code": code})
    assert response.status_code == 410
    assert "hết hạn" in response.content.decode()
    assert not User.objects.exists()


def test_a_code_works_once_and_a_resent_code_replaces_the_old_one(client):
    url = client.post(REGISTER, form())["Location"]
    first = code_from_mail()
    token = url.rstrip("/").split("/")[-1]
    new_url = client.post(reverse("accounts:register-resend", args=[token]))["Location"]
    second = code_from_mail()
    assert client.post(url, {"code": first}).status_code == 410
    assert client.post(new_url, {"code": second}).status_code == 302
    client.logout()
    assert client.post(new_url, {"code": second}).status_code == 410
    assert User.objects.count() == 1


def test_codes_to_one_address_are_limited_per_hour(client, settings):
    settings.ACCOUNTS_OTP_MAX_SENDS_PER_HOUR = 2
    client.post(REGISTER, form())
    client.post(REGISTER, form())
    response = client.post(REGISTER, form())
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_a_code_that_cannot_be_sent_is_reported_and_no_account_waits_on_it(client, monkeypatch):
    from portal.notifications.channels.sms import FakeSmsAdapter as Fake

    Fake.fail_next = 1
    response = client.post(REGISTER, form(verify_by="sms", email=""))
    assert response.status_code == 503
    assert "Chưa gửi được mã" in response.content.decode()


def test_codes_are_stored_hashed():
    from accounts import otp

    issued = otp.issue("registration", "email", "a@example.vn")
    assert issued.code not in issued.challenge.code_hash
    assert issued.challenge.matches(issued.code)
