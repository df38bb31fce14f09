"""A partner system records a status change inbound, checked like an officer's action; officers use the
same endpoint with a session and a second factor. Both call the pages' service functions."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Membership
from dossiers.access import Role
from dossiers.models import State
from tests.api.factories import PartnerClientFactory, bearer, issue_token
from tests.dossiers.helpers import dossier_in

pytestmark = pytest.mark.django_db


def partner_token(world, scopes, role=Role.RECEIVING_OFFICER, agency=None):
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read", "status:write"])
    if role:
        Membership.objects.create(
            user=partner.service_account,
            agency=agency or world.agency,
            role=role,
            started_at=timezone.now() - dt.timedelta(days=30),
        )
    return partner, issue_token(partner.application, scopes)


def transition(api, dossier, token, **data):
    return api.post(
        f"/api/v1/dossiers/{dossier.code}/transitions/", data, format="json", **bearer(token)
    )


def test_partner_with_write_scope_receives_a_dossier_as_its_service_account(api, world, fast_pdf):
    partner, token = partner_token(world, ["status:write", "status:read"])
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    response = transition(
        api, dossier, token, action="receive", note="Nhận từ hệ thống chuyên ngành"
    )

    assert response.status_code == 200, response.content
    assert response.json()["status_code"] == 2 and response.json()["due_at"]
    event = dossier.events.get(action="receive")
    assert event.actor == partner.service_account
    status = api.get(f"/api/v1/dossiers/{dossier.code}/status/", **bearer(token))
    assert status.json()["state"] == "received"


def test_partner_without_write_scope_is_refused(api, world):
    _partner, token = partner_token(world, ["status:read"])
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    response = transition(api, dossier, token, action="receive")

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert dossier.events.count() == 0


def test_partner_lacking_the_officer_role_is_refused_like_an_officer(api, world):
    _partner, token = partner_token(world, ["status:write"], role=Role.SPECIALIST)
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    response = transition(api, dossier, token, action="receive")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    dossier.refresh_from_db()
    assert dossier.status == State.SUBMITTED


def test_partner_of_another_agency_does_not_see_the_dossier(api, world):
    _partner, token = partner_token(
        world, ["status:write", "status:read"], agency=world.other_agency
    )
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    assert transition(api, dossier, token, action="receive").status_code == 404
    assert api.get(f"/api/v1/dossiers/{dossier.code}/status/", **bearer(token)).status_code == 404


def test_wrong_state_and_stale_version_are_conflicts(api, world, fast_pdf):
    _partner, token = partner_token(world, ["status:write"])
    returned = dossier_in(world, State.RETURNED, closed_at=timezone.now())
    fresh = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    wrong = transition(api, returned, token, action="receive")
    stale = transition(api, fresh, token, action="receive", expected_version=fresh.version + 5)

    assert (wrong.status_code, wrong.json()["code"]) == (409, "wrong_state")
    assert (stale.status_code, stale.json()["code"]) == (409, "dossier_changed")


def test_missing_reasons_is_a_field_error_and_nothing_changes(api, world):
    _partner, token = partner_token(world, ["status:write"])
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    response = transition(api, dossier, token, action="refuse")

    assert response.status_code == 400
    assert response.json()["fields"]["reasons"][0]["message"]
    dossier.refresh_from_db()
    assert dossier.status == State.SUBMITTED


def test_refusal_reasons_reach_the_log_in_english_when_asked(api, world, fast_pdf):
    _partner, token = partner_token(world, ["status:write"])
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())

    response = api.post(
        f"/api/v1/dossiers/{dossier.code}/transitions/?lang=en",
        {"action": "transfer", "unit": "khong-co"},
        format="json",
        **bearer(token),
    )

    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json()["code"] == "invalid"


def test_staff_session_needs_the_second_factor(api, world, login_staff, fast_pdf):
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    api.force_login(world.receiver)

    refused = api.post(f"/api/v1/dossiers/{dossier.code}/transitions/", {"action": "receive"})
    assert refused.status_code == 403
    assert refused.json()["code"] == "second_factor_required"

    login_staff(world.receiver, api)
    accepted = api.post(
        f"/api/v1/dossiers/{dossier.code}/transitions/", {"action": "receive"}, format="json"
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status_code"] == 2


def test_staff_queue_lists_the_desk_oldest_first(api, world, login_staff):
    older = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now() - dt.timedelta(hours=5))
    newer = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now() - dt.timedelta(hours=1))
    dossier_in(world, State.SUBMITTED, agency=world.other_agency, submitted_at=timezone.now())
    login_staff(world.receiver, api)

    page = api.get("/api/v1/staff/queues/tiep-nhan/?page_size=1").json()
    second = api.get(page["next"]).json()

    assert [page["results"][0]["code"], second["results"][0]["code"]] == [older.code, newer.code]
    assert second["next"] is None
