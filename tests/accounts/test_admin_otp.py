import pytest
from django.contrib import admin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.admin import OTPAdminSite

from tests.accounts.factories import UserFactory, add_totp_device

pytestmark = pytest.mark.django_db


@pytest.fixture
def otp_admin_site():
    original = admin.site.__class__
    admin.site.__class__ = OTPAdminSite
    yield
    admin.site.__class__ = original


def test_the_admin_site_needs_the_second_factor_when_enabled(client, otp_admin_site):
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    assert client.get("/quan-tri/").status_code == 302  # to the admin login, which asks for a code
    device = add_totp_device(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get("/quan-tri/").status_code == 200


def test_production_settings_turn_the_admin_second_factor_on(monkeypatch):
    import importlib

    import portal.settings

    monkeypatch.setenv("DJANGO_ENV", "development")
    try:
        assert importlib.reload(portal.settings).ACCOUNTS_ADMIN_REQUIRES_OTP is True
    finally:
        monkeypatch.setenv("DJANGO_ENV", "test")
        importlib.reload(portal.settings)
