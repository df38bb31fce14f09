"""Partner systems obtain tokens with client credentials and act within their scopes."""

import base64

import pytest

from tests.accounts.factories import CitizenFactory
from tests.api.factories import (
    PARTNER_SECRET,
    CitizenAppFactory,
    PartnerApplicationFactory,
    PartnerClientFactory,
    bearer,
    issue_token,
)

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/oauth/token/"


def basic(client_id, secret):
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {raw}"}


def test_partner_obtains_a_token_with_client_credentials_and_is_its_service_account(api):
    app = PartnerApplicationFactory()

    response = api.post(
        TOKEN_URL,
        {"grant_type": "client_credentials", "scope": "catalogue:read"},
        **basic(app.client_id, PARTNER_SECRET),
    )

    assert response.status_code == 200, response.content
    token = response.json()
    assert token["token_type"] == "Bearer"
    assert token["scope"] == "catalogue:read"
    me = api.get("/api/v1/me/", **bearer(token["access_token"]))
    assert me.status_code == 200
    assert me.json()["is_partner"] is True
    assert me.json()["username"] == app.user.username
    assert me.json()["scopes"] == ["catalogue:read"]


def test_wrong_client_secret_gets_no_token(api):
    app = PartnerApplicationFactory()

    response = api.post(
        TOKEN_URL, {"grant_type": "client_credentials"}, **basic(app.client_id, "sai")
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_partner_without_a_partner_record_cannot_ask_for_status_scopes(api):
    app = PartnerApplicationFactory()

    response = api.post(
        TOKEN_URL,
        {"grant_type": "client_credentials", "scope": "status:write"},
        **basic(app.client_id, PARTNER_SECRET),
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_an_unknown_or_expired_token_is_refused_not_treated_as_anonymous(api):
    app = PartnerApplicationFactory()
    expired = issue_token(app, ["catalogue:read"], expires_in=-10)

    for headers in ({"HTTP_AUTHORIZATION": "Bearer khong-ton-tai"}, bearer(expired)):
        response = api.get("/api/v1/me/", **headers)
        assert response.status_code == 401
        assert response.json()["code"] == "authentication_failed"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_a_deactivated_service_account_is_refused(api):
    app = PartnerApplicationFactory()
    token = issue_token(app, ["catalogue:read"])
    app.user.is_active = False
    app.user.save()

    response = api.get("/api/v1/me/", **bearer(token))

    assert response.status_code == 401


def test_citizen_app_token_acts_as_the_citizen(api):
    citizen = CitizenFactory()
    token = issue_token(CitizenAppFactory(), ["dossiers:own"], user=citizen)

    me = api.get("/api/v1/me/", **bearer(token)).json()

    assert me["username"] == citizen.username
    assert me["is_partner"] is False
    assert me["scopes"] == ["dossiers:own"]


def test_endpoint_without_declared_scopes_refuses_every_token(rf):
    from rest_framework.permissions import AllowAny
    from rest_framework.response import Response
    from rest_framework.views import APIView

    from portal.api.permissions import ScopedMixin

    class Undeclared(ScopedMixin, APIView):
        permission_classes = [AllowAny]

        def get(self, request):
            return Response({})

    token = issue_token(PartnerApplicationFactory(), ["catalogue:read", "status:read"])
    response = Undeclared.as_view()(rf.get("/x", **bearer(token)))

    assert response.status_code == 403
    assert response.data["code"] == "insufficient_scope"


def test_a_registered_partner_gets_only_the_scopes_on_its_record(api):
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read"])
    auth = basic(partner.application.client_id, PARTNER_SECRET)

    granted = api.post(
        TOKEN_URL, {"grant_type": "client_credentials", "scope": "status:read"}, **auth
    )
    refused = api.post(
        TOKEN_URL, {"grant_type": "client_credentials", "scope": "status:write"}, **auth
    )

    assert granted.status_code == 200 and granted.json()["scope"] == "status:read"
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_scope"


def test_tokens_of_a_suspended_partner_stop_working_at_once(api):
    partner = PartnerClientFactory()
    token = issue_token(partner.application, ["status:read"])
    partner.is_active = False
    partner.save()

    assert api.get("/api/v1/me/", **bearer(token)).status_code == 401
