"""A citizen's app reads the citizen's own dossiers, their public log and documents, nobody else's."""

import pytest
from django.utils import timezone

from dossiers.models import State
from dossiers.services import base
from dossiers.services import processing as p
from tests.accounts.factories import CitizenFactory
from tests.api.factories import CitizenAppFactory, bearer, issue_token
from tests.dossiers.helpers import dossier_in

pytestmark = pytest.mark.django_db


def test_citizen_app_reads_own_dossier_log_and_downloads_the_receipt(api, world, fast_pdf):
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT)
    p.receive(dossier, world.receiver)
    p.transfer(dossier, world.receiver, world.unit)
    p.assign(dossier, world.leader, world.specialist)  # internal: not in the citizen's log
    token = issue_token(CitizenAppFactory(), ["dossiers:own"], user=world.citizen)

    listing = api.get("/api/v1/my/dossiers/", **bearer(token)).json()
    detail = api.get(f"/api/v1/my/dossiers/{dossier.code}/", **bearer(token)).json()

    assert [d["code"] for d in listing["results"]] == [dossier.code]
    assert [e["action"] for e in detail["events"]] == ["submit", "receive", "transfer"]
    receipt = detail["documents"][0]
    download = api.get(receipt["download_url"], **bearer(token))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_another_citizen_neither_lists_nor_opens_nor_downloads_it(api, world, fast_pdf):
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    p.receive(dossier, world.receiver)
    document = dossier.issued_documents.get()
    token = issue_token(CitizenAppFactory(), ["dossiers:own"], user=CitizenFactory())

    assert api.get("/api/v1/my/dossiers/", **bearer(token)).json()["results"] == []
    assert api.get(f"/api/v1/my/dossiers/{dossier.code}/", **bearer(token)).status_code == 404
    url = f"/api/v1/my/dossiers/{dossier.code}/documents/{document.pk}/"
    assert api.get(url, **bearer(token)).status_code == 404


def test_a_token_without_dossiers_scope_cannot_read_them(api, world):
    token = issue_token(CitizenAppFactory(), ["catalogue:read"], user=world.citizen)

    response = api.get("/api/v1/my/dossiers/", **bearer(token))

    assert response.status_code == 403 and response.json()["code"] == "insufficient_scope"
