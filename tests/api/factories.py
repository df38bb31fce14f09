"""OAuth2 applications and tokens for API tests: partner systems (client credentials, acting as a staff
service account) and citizens' apps (authorisation code, acting as the citizen)."""

import datetime as dt
import secrets

import factory
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application, set_token_value

from portal.integrations.models import PartnerClient
from tests.accounts.factories import StaffFactory

PARTNER_SECRET = "bi-mat-doi-tac-0123456789"


class PartnerApplicationFactory(factory.django.DjangoModelFactory):
    """A partner system's OAuth2 client; its plain secret is PARTNER_SECRET."""

    class Meta:
        model = Application

    name = factory.Sequence(lambda n: f"Hệ thống đối tác {n}")
    client_id = factory.Sequence(lambda n: f"doi-tac-{n}-{secrets.token_hex(4)}")
    client_secret = PARTNER_SECRET
    client_type = Application.CLIENT_CONFIDENTIAL
    authorization_grant_type = Application.GRANT_CLIENT_CREDENTIALS
    user = factory.SubFactory(StaffFactory, full_name=factory.SelfAttribute("..name"))


class CitizenAppFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    name = factory.Sequence(lambda n: f"Ứng dụng di động {n}")
    client_id = factory.Sequence(lambda n: f"ung-dung-{n}-{secrets.token_hex(4)}")
    client_type = Application.CLIENT_PUBLIC
    authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
    redirect_uris = "https://app.example.vn/callback"
    user = None


def issue_token(application, scopes, user=None, expires_in=3600) -> AccessToken:
    """A token as the token endpoint would issue it (for tests that are not about the endpoint).
    Only a checksum is stored (RFC 9700); the raw value is kept on ``.raw`` for ``bearer()``."""
    raw = secrets.token_urlsafe(30)
    token = AccessToken(
        application=application,
        user=user,
        scope=" ".join(scopes),
        expires=timezone.now() + dt.timedelta(seconds=expires_in),
    )
    set_token_value(token, raw)
    token.save()
    token.raw = raw
    return token


def bearer(token) -> dict:
    value = getattr(token, "raw", token)
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


class PartnerClientFactory(factory.django.DjangoModelFactory):
    """A registered partner: its application (secret PARTNER_SECRET) and the scopes it may get."""

    class Meta:
        model = PartnerClient

    name = factory.Sequence(lambda n: f"Đối tác {n}")
    application = factory.SubFactory(PartnerApplicationFactory)
    scopes = ["catalogue:read", "status:read"]
