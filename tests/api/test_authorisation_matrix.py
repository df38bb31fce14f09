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
    url: str  # "{code}", "{draft}", "{payment}", "{attachment}", "{draft_file}" are filled in
    expected: dict
    data: dict = field(default_factory=dict)  # values may be callables of the objects
    format: str = "json"
    marker: str = "{code}"  # what ``sees`` / ``blind`` look for in the answer
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
    # A citizen's writes: only the applicant reaches the service (anyone else: 404, a partner's
    # token lacks dossiers:own). The applicant's answer is the service's own (409: wrong state).
    Row(
        "my attachment",
        "get",
        "/api/v1/my/dossiers/{code}/attachments/{attachment}/",
        statuses(401, 200, 404, 404, 404, 403, 403),
    ),
    Row(
        "answer supplement",
        "post",
        "/api/v1/my/dossiers/{code}/supplement/",
        statuses(401, 409, 404, 404, 404, 403, 403),
        data={"note": "Đã bổ sung"},
    ),
    Row(
        "withdrawal",
        "post",
        "/api/v1/my/dossiers/{code}/withdrawal/",
        statuses(401, 200, 404, 404, 404, 403, 403),
        data={"reason": "Không còn nhu cầu"},
    ),
    Row(
        "start payment",
        "post",
        "/api/v1/my/dossiers/{code}/payments/{payment}/start/",
        statuses(401, 409, 404, 404, 404, 403, 403),
    ),
    Row(
        "survey",
        "get",
        "/api/v1/my/dossiers/{code}/survey/",
        statuses(401, 409, 404, 404, 404, 403, 403),
    ),
    Row(
        "rate",
        "put",
        "/api/v1/my/dossiers/{code}/survey/",
        statuses(401, 409, 404, 404, 404, 403, 403),
        data={"ratings": {"access": 5}},
    ),
    # Public statistics: anyone, with or without a token of any scope.
    Row(
        "dossier statistics",
        "get",
        "/api/v1/statistics/dossiers/",
        statuses(200, 200, 200, 200, 200, 200, 200),
    ),
    Row(
        "satisfaction statistics",
        "get",
        "/api/v1/statistics/satisfaction/",
        statuses(200, 200, 200, 200, 200, 200, 200),
    ),
    Row(
        "my drafts",
        "get",
        "/api/v1/my/drafts/",
        statuses(401, 200, 200, 200, 200, 403, 403),
        marker='"id":{draft},',
        sees=("citizen",),
        blind=("other_citizen", "staff", "other_staff"),
    ),
    Row(
        "start draft",
        "post",
        "/api/v1/my/drafts/",
        statuses(401, 201, 201, 201, 201, 403, 403),
        data={"procedure_code": lambda o: o["version"].procedure.code},
    ),
    Row("draft", "get", "/api/v1/my/drafts/{draft}/", statuses(401, 200, 404, 404, 404, 403, 403)),
    Row(
        "update draft",
        "patch",
        "/api/v1/my/drafts/{draft}/",
        statuses(401, 200, 404, 404, 404, 403, 403),
        data={"delivery": "counter"},
    ),
    Row(
        "delete draft",
        "delete",
        "/api/v1/my/drafts/{draft}/",
        statuses(401, 204, 404, 404, 404, 403, 403),
    ),
    Row(
        "upload to draft",
        "post",
        "/api/v1/my/drafts/{draft}/attachments/",
        statuses(401, 201, 404, 404, 404, 403, 403),
        data={"component": lambda o: o["version"].components.first().pk, "files": lambda o: pdf()},
        format="multipart",
    ),
    Row(
        "draft file",
        "get",
        "/api/v1/my/drafts/{draft}/attachments/{draft_file}/",
        statuses(401, 200, 404, 404, 404, 403, 403),
    ),
    Row(
        "remove draft file",
        "delete",
        "/api/v1/my/drafts/{draft}/attachments/{draft_file}/",
        statuses(401, 204, 404, 404, 404, 403, 403),
    ),
    Row(
        "submit draft",
        "post",
        "/api/v1/my/drafts/{draft}/submit/",
        statuses(401, 400, 404, 404, 404, 403, 403),
    ),
    Row(
        "draft fees",
        "post",
        "/api/v1/my/drafts/{draft}/fee-payment/",
        statuses(401, 409, 404, 404, 404, 403, 403),
    ),
]


def pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.dossiers.helpers import PDF

    return SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def objects(world, settings, tmp_path):
    """The applicant's submitted dossier (a file, an unpaid payment), and a draft with a file."""
    from dossiers.models import Attachment, Payment

    settings.MEDIA_ROOT = tmp_path / "private"
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT)
    draft = dossier_in(world, State.DRAFT, code=None)
    made = {}
    for name, owner in (("attachment", dossier), ("draft_file", draft)):
        attachment = Attachment(
            dossier=owner, component=world.component, name="to-khai.pdf", size=10
        )
        attachment.file.save("tep.pdf", pdf(), save=False)
        attachment.save()
        made[name] = attachment.pk
    payment = Payment.objects.create(
        dossier=dossier, amount=100000, purpose=Payment.Purpose.OBLIGATION, description="Phí"
    )
    return {
        "dossier": dossier,
        "version": world.version,
        "code": dossier.code,
        "draft": draft.pk,
        "payment": payment.pk,
        **made,
    }


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
def test_authorisation_matrix(row, role, world, callers, api, fast_pdf, objects):
    client = callers(role, api)
    data = {k: v(objects) if callable(v) else v for k, v in row.data.items()}

    response = getattr(client, row.method)(
        row.url.format(**objects), data or None, format=row.format
    )

    assert response.status_code == row.expected[role], (row.name, role, response.content[:300])
    if response.status_code >= 400:
        assert set(response.json()) >= {"code", "message", "fields"}
    marker = row.marker.format(**objects)
    if role in row.sees:
        assert marker in response.content.decode()
    if role in row.blind:
        assert marker not in response.content.decode()
