"""Throttling is per client: each partner application, each account, each address has its own budget."""

import secrets

import pytest
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from tests.accounts.factories import CitizenFactory
from tests.api.factories import PartnerApplicationFactory, bearer, issue_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.API_THROTTLE_RATES = {"anon": 2, "user": 3, "client": 3}


class PublicView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({})


def test_anonymous_callers_are_limited_per_address_with_a_retry_time(rf, low_rates):
    address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    other = f"172.16.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    view = PublicView.as_view()
    for _ in range(2):
        assert view(rf.get("/x", REMOTE_ADDR=address)).status_code == 200

    response = view(rf.get("/x", REMOTE_ADDR=address))

    assert response.status_code == 429
    assert response.data["code"] == "throttled"
    assert response.data["retry_after"] > 0
    assert int(response["Retry-After"]) > 0
    assert view(rf.get("/x", REMOTE_ADDR=other)).status_code == 200


def test_each_partner_application_has_its_own_budget(api, low_rates):
    first = issue_token(PartnerApplicationFactory(), ["catalogue:read"])
    second = issue_token(PartnerApplicationFactory(), ["catalogue:read"])
    for _ in range(3):
        assert api.get("/api/v1/me/", **bearer(first)).status_code == 200

    assert api.get("/api/v1/me/", **bearer(first)).status_code == 429
    assert api.get("/api/v1/me/", **bearer(second)).status_code == 200


def test_tokens_of_one_application_share_its_budget(api, low_rates):
    app = PartnerApplicationFactory()
    tokens = [issue_token(app, ["catalogue:read"]) for _ in range(4)]
    statuses = [api.get("/api/v1/me/", **bearer(t)).status_code for t in tokens]

    assert statuses == [200, 200, 200, 429]


def test_signed_in_accounts_are_limited_per_account(api, low_rates):
    api.force_authenticate(CitizenFactory())
    statuses = [api.get("/api/v1/me/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
