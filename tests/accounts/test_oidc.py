"""OpenID Connect sign-in end to end against a provider the tests run (tests/accounts/oidc_provider.py)."""

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from accounts.models import User
from tests.accounts.factories import CitizenFactory
from tests.accounts.oidc_provider import Provider

pytestmark = pytest.mark.django_db

CLAIMS = {
    "citizen_id": "079085001234",
    "name": "Lê Minh Tuấn",
    "birthdate": "1985-07-20",
    "email": "tuan.le@example.vn",
    "phone_number": "+84901234567",
    "acr": "level2",
}


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        running.claims = dict(CLAIMS)
        yield running


def sign_in_through(client, provider):
    """Browser steps: the portal sends us to the provider, the provider sends us back with a code."""
    start = client.get("/tai-khoan/oidc/bat-dau/")
    assert start.status_code == 302 and start["Location"].startswith(provider.url)
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = back.headers["Location"].replace("http://testserver", "")
    return client.get(callback)


def test_the_sign_in_page_offers_the_national_identity_provider(client, provider):
    body = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "Đăng nhập bằng VNeID" in body


def test_a_first_sign_in_creates_the_account_from_the_claims_with_level_2(client, provider):
    response = sign_in_through(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/ho-so-ca-nhan/"
    user = User.objects.get(id_number="079085001234")
    assert user.full_name == "Lê Minh Tuấn"
    assert str(user.date_of_birth) == "1985-07-20"
    assert user.phone == "0901234567"
    assert (user.assurance_level, user.assurance_source) == ("level2", "vneid")
    assert not user.has_usable_password()
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_person_with_a_local_account_keeps_one_account_matched_on_the_id_number(client, provider):
    local = CitizenFactory(id_number="079085001234", email="tuan.khac@example.vn")
    sign_in_through(client, provider)
    assert User.objects.count() == 1
    local.refresh_from_db()
    assert local.assurance_level == "level2"
    assert (
        local.email == "tuan.khac@example.vn"
    )  # contact data is the person's own, not overwritten
    assert int(client.session["_auth_user_id"]) == local.pk


def test_a_local_account_with_the_same_email_and_no_id_number_is_linked(client, provider):
    local = CitizenFactory(id_number="", email="tuan.le@example.vn")
    sign_in_through(client, provider)
    local.refresh_from_db()
    assert local.id_number == "079085001234"
    assert User.objects.count() == 1


def test_the_provider_level_is_recorded_and_never_lowers_an_account(client, provider):
    CitizenFactory(id_number="079085001234", assurance_level="level2", assurance_source="counter")
    provider.claims["acr"] = "level1"
    sign_in_through(client, provider)
    user = User.objects.get(id_number="079085001234")
    assert (user.assurance_level, user.assurance_source) == ("level2", "counter")


def test_a_token_signed_with_another_key_is_refused(client, provider):
    provider.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    response = sign_in_through(client, provider)
    assert response.status_code == 302
    assert "loi=oidc" in response["Location"]
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_token_for_another_client_is_refused(client, provider):
    provider.audience = "ung-dung-khac"
    response = sign_in_through(client, provider)
    assert "loi=oidc" in response["Location"]
    assert not User.objects.exists()


def test_claims_without_a_valid_id_number_are_refused(client, provider):
    provider.claims["citizen_id"] = "123"
    response = sign_in_through(client, provider)
    assert "loi=oidc" in response["Location"]
    assert not User.objects.exists()


def test_a_closed_account_cannot_come_back_through_the_provider(client, provider):
    CitizenFactory(id_number="079085001234", is_active=False)
    response = sign_in_through(client, provider)
    assert "loi=oidc" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_without_configuration_the_provider_is_not_offered(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    settings.ACCOUNTS_IDENTITY_PROVIDERS = ["local", "oidc"]
    assert "VNeID" not in client.get("/tai-khoan/dang-nhap/").content.decode()
    assert client.get("/tai-khoan/oidc/bat-dau/").status_code == 404
