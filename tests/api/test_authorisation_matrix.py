"""The authorisation matrix: every endpoint × anonymous / citizen (the applicant) / another citizen /
staff of the dossier's agency / staff of another agency / partner with the scope / partner without.

Each row says what each caller gets; a new endpoint adds a row. Staff sign in with the second factor
(as the pages require); partners use client-credentials tokens whose service account is a receiving
officer of the dossier's agency (``with``: every partner scope; ``without``: catalogue only).
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from accounts.models import Membership
from dossiers.access import Role
from dossiers.models import State
from dossiers.services import base
from tests.accounts.factories import CitizenFactory
from tests.api.factories import PartnerClientFactory, bearer, issue_token
from tests.dossiers.helpers import dossier_in

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "citizen",
    "other_citizen",
    "staff",
    "other_staff",
    "partner_with_scope",
    "partner_without_scope",
)


@dataclass
class Row:
    name: str
    method: str
    url: str  # "{code}" is replaced by the dossier's code
    expected: dict
    data: dict = field(default_factory=dict)
    # Callers that get 200 and must (``sees``) or must not (``blind``) find the dossier in it.
    sees: tuple = ()
    blind: tuple = ()


def statuses(*codes):
    return dict(zip(ROLES, codes, strict=True))


#                       anon citizen other staff other-staff partner+ partner-
MATRIX = [
    Row("catalogue", "get", "/api/v1/procedures/", statuses(200, 200, 200, 200, 200, 200, 200)),
    Row("me", "get", "/api/v1/me/", statuses(401, 200, 200, 200, 200, 200, 200)),
    Row(
        "status feed",
        "get",
        "/api/v1/status-events/",
        statuses(401, 403, 403, 200, 200, 200, 403),
        sees=("staff", "partner_with_scope"),
        blind=("other_staff",),
    ),
    Row(
        "dossier status",
        "get",
        "/api/v1/dossiers/{code}/status/",
        statuses(401, 403, 403, 200, 404, 200, 403),
    ),
    Row(
        "transition (receive)",
        "post",
        "/api/v1/dossiers/{code}/transitions/",
        statuses(401, 403, 403, 200, 404, 200, 403),
        data={"action": "receive"},
    ),
    Row(
        "staff queue",
        "get",
        "/api/v1/staff/queues/tiep-nhan/",
        statuses(401, 403, 403, 200, 200, 403, 403),
        sees=("staff",),
        blind=("other_staff",),
    ),
    Row(
        "my dossiers",
        "get",
        "/api/v1/my/dossiers/",
        statuses(401, 200, 200, 200, 200, 403, 403),
        sees=("citizen",),
        blind=("other_citizen", "staff", "other_staff"),
    ),
    Row(
        "my dossier",
        "get",
        "/api/v1/my/dossiers/{code}/",
        statuses(401, 200, 404, 404, 404, 403, 403),
        sees=("citizen",),
    ),
    Row("webhooks", "get", "/api/v1/webhooks/", statuses(401, 403, 403, 403, 403, 200, 403)),
]


@pytest.fixture
def callers(world, login_staff, api):
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read", "status:write"])
    Membership.objects.create(
        user=partner.service_account,
        agency=world.agency,
        role=Role.RECEIVING_OFFICER,
        started_at=timezone.now() - dt.timedelta(days=30),
    )
    with_scope = issue_token(partner.application, ["catalogue:read", "status:read", "status:write"])
    without_scope = issue_token(partner.application, ["catalogue:read"])

    def sign_in(role, client):
        if role == "citizen":
            client.force_login(world.citizen)
        elif role == "other_citizen":
            client.force_login(CitizenFactory())
        elif role == "staff":
            login_staff(world.receiver, client)
        elif role == "other_staff":
            login_staff(world.stranger_receiver, client)
        elif role == "partner_with_scope":
            client.credentials(**bearer(with_scope))
        elif role == "partner_without_scope":
            client.credentials(**bearer(without_scope))
        return client

    return sign_in


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=lambda row: row.name)
def test_authorisation_matrix(row, role, world, callers, api, fast_pdf):
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT)
    client = callers(role, api)

    response = getattr(client, row.method)(
        row.url.format(code=dossier.code), row.data or None, format="json"
    )

    assert response.status_code == row.expected[role], (row.name, role, response.content[:300])
    if response.status_code >= 400:
        assert set(response.json()) >= {"code", "message", "fields"}
    if role in row.sees:
        assert dossier.code in response.content.decode()
    if role in row.blind:
        assert dossier.code not in response.content.decode()
