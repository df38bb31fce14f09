import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.accounts.factories import (
    CitizenFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    add_totp_device,
    current_totp,
)

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
PASSWORD = "Mat-khau-2026!"


def test_passwords_are_hashed_with_argon2_in_every_environment():
    import importlib

    import portal.settings

    assert importlib.reload(portal.settings).PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.LOGIN_URL == "accounts:login"


@pytest.mark.parametrize("which", ["id_number", "email", "phone", "spaced_id"])
def test_a_citizen_signs_in_with_id_number_email_or_phone(client, which):
    person = CitizenFactory()
    identifier = {
        "id_number": person.id_number,
        "email": person.email.upper(),
        "phone": person.phone,
        "spaced_id": f"{person.id_number[:4]} {person.id_number[4:]}",
    }[which]
    response = client.post(LOGIN, {"identifier": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).context["account"] == person


def test_an_organisation_signs_in_with_its_tax_code(client):
    company = OrganisationFactory()
    response = client.post(LOGIN, {"identifier": company.tax_code, "password": PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_is_refused_with_a_vietnamese_message(client):
    person = CitizenFactory()
    response = client.post(LOGIN, {"identifier": person.id_number, "password": "sai-mat-khau"})
    assert response.status_code == 400
    assert "không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_goes_back_to_a_safe_next_page_only(client):
    person = CitizenFactory()
    data = {"identifier": person.id_number, "password": PASSWORD}
    response = client.post(LOGIN + "?next=/thu-tuc/", data)
    assert response["Location"] == "/thu-tuc/"
    client.logout()
    response = client.post(LOGIN + "?next=https://evil.example/", data)
    assert response["Location"] == reverse("accounts:profile")


def test_five_wrong_passwords_lock_the_account_whatever_identifier_is_used(client):
    person = CitizenFactory()
    identifiers = [person.id_number, person.email, person.phone, person.id_number, person.email]
    statuses = [
        client.post(LOGIN, {"identifier": i, "password": "sai-mat-khau"}).status_code
        for i in identifiers
    ]
    assert statuses[:4] == [400] * 4
    assert statuses[4] == 429
    response = client.post(LOGIN, {"identifier": person.phone, "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cool_off(client, travel):
    travel.to("2026-03-02 09:00", tick=True)
    person = CitizenFactory()
    for _ in range(5):
        client.post(LOGIN, {"identifier": person.id_number, "password": "sai"})
    travel.to("2026-03-02 09:16", tick=True)
    response = client.post(LOGIN, {"identifier": person.id_number, "password": PASSWORD})
    assert response.status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client):
    person = CitizenFactory()
    client.force_login(person)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_header_shows_sign_in_links_to_visitors_and_the_name_to_people_signed_in(client):
    page = client.get("/").content.decode()
    assert reverse("accounts:login") in page and reverse("accounts:register") in page
    person = CitizenFactory(full_name="Trần Văn Bình")
    client.force_login(person)
    page = client.get("/").content.decode()
    assert "Trần Văn Bình" in page and reverse("accounts:logout") in page


# --- Staff: second factor --------------------------------------------------------------------------
def test_staff_are_sent_to_the_second_factor_after_their_password(client):
    member = MembershipFactory()
    add_totp_device(member.user)
    response = client.post(LOGIN, {"identifier": member.user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor"))
    # Password alone does not open the staff area.
    response = client.get(reverse("accounts:staff-home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor"))


def test_staff_with_a_totp_code_reach_the_staff_area(client):
    member = MembershipFactory()
    device = add_totp_device(member.user)
    client.post(LOGIN, {"identifier": member.user.username, "password": PASSWORD})
    response = client.post(
        reverse("accounts:two-factor"), {"token": current_totp(device), "next": "/can-bo/"}
    )
    assert response.status_code == 302 and response["Location"] == "/can-bo/"
    response = client.get("/can-bo/")
    assert response.status_code == 200
    assert member.agency.name in response.content.decode()


def test_a_wrong_totp_code_is_refused(client):
    member = MembershipFactory()
    device = add_totp_device(member.user)
    client.force_login(member.user)
    wrong = "000000" if current_totp(device) != "000000" else "111111"
    response = client.post(reverse("accounts:two-factor"), {"token": wrong})
    assert response.status_code == 400
    assert client.get("/can-bo/").status_code == 302


def test_a_recovery_code_works_once(client):
    from accounts.services.two_factor import regenerate_recovery_codes

    member = MembershipFactory()
    add_totp_device(member.user)
    codes = regenerate_recovery_codes(member.user)
    client.force_login(member.user)
    assert client.post(reverse("accounts:two-factor"), {"token": codes[0]}).status_code == 302
    assert client.get("/can-bo/").status_code == 200
    client.logout()
    client.force_login(member.user)
    assert client.post(reverse("accounts:two-factor"), {"token": codes[0]}).status_code == 400


def test_staff_without_a_second_factor_are_refused_the_staff_area_and_told_how(client):
    member = MembershipFactory()
    client.force_login(member.user)
    response = client.get("/can-bo/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "xác thực hai bước" in body
    assert reverse("accounts:two-factor-setup") in body


def test_staff_set_up_an_authenticator_and_receive_recovery_codes(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    member = MembershipFactory()
    client.force_login(member.user)
    response = client.get(reverse("accounts:two-factor-setup"))
    assert response.status_code == 200
    assert response.context["qr_data_uri"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=member.user, confirmed=False)
    response = client.post(reverse("accounts:two-factor-setup"), {"token": current_totp(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/can-bo/").status_code == 200


def test_citizens_are_refused_the_staff_area(client):
    client.force_login(CitizenFactory())
    assert client.get("/can-bo/").status_code == 403


def test_visitors_are_sent_to_sign_in_from_the_staff_area(client):
    response = client.get("/can-bo/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_staff_account_without_membership_still_needs_a_second_factor(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get("/can-bo/").status_code == 403
