"""The demo partner system of seed_demo: idempotent, and usable at once with the documented client id
and secret (development only)."""

import base64

import pytest
from oauth2_provider.models import Application

from accounts.models import Membership
from portal.integrations import demo
from portal.integrations.models import PartnerClient

pytestmark = pytest.mark.django_db


def test_the_demo_partner_gets_a_token_with_the_documented_credentials(api):
    demo.seed(lambda *_: None)
    demo.seed(lambda *_: None)  # a second run changes nothing
    raw = base64.b64encode(f"{demo.DEMO_CLIENT_ID}:{demo.DEMO_CLIENT_SECRET}".encode()).decode()

    token = api.post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials", "scope": "status:read status:write"},
        HTTP_AUTHORIZATION=f"Basic {raw}",
    )
    feed = api.get(
        "/api/v1/status-events/", HTTP_AUTHORIZATION=f"Bearer {token.json()['access_token']}"
    )

    assert token.status_code == 200, token.content
    assert feed.status_code == 200
    application = Application.objects.get(client_id=demo.DEMO_CLIENT_ID)
    assert application.client_secret != demo.DEMO_CLIENT_SECRET  # only a hash is stored
    assert PartnerClient.objects.get().scopes == demo.DEMO_SCOPES
    memberships = Membership.objects.filter(user=application.user)
    assert memberships.count() >= 1
    assert not application.user.has_usable_password()
