"""Done-when of the partner synchronisation: a partner obtains a token, reads the catalogue, follows
the status feed through a whole dossier lifecycle, receives the same events by signed webhook (also
after an outage, in order per dossier, nothing missing), and can replay from a point."""

import base64
import datetime as dt
import json

import pytest
from django.utils import timezone

from accounts.models import Membership
from dossiers.models import State
from dossiers.services import base
from dossiers.services import processing as p
from portal.integrations import feed, webhooks
from portal.integrations.models import StatusFeedEntry, WebhookDelivery
from tests.api.factories import PARTNER_SECRET, PartnerClientFactory, bearer
from tests.dossiers.helpers import dossier_in, signed_result, submitted

pytestmark = pytest.mark.django_db


def walk_to_returned(world, dossier):
    p.receive(dossier, world.receiver)
    p.transfer(dossier, world.receiver, world.unit)
    p.assign(dossier, world.leader, world.specialist)
    p.submit_for_approval(dossier, world.specialist)
    p.approve(dossier, world.leader)
    p.issue_result(dossier, world.specialist, signed_result(), number="12/STP")
    p.return_result(dossier, world.receiver)


@pytest.fixture
def partner(world):
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read", "status:write"])
    Membership.objects.create(
        user=partner.service_account,
        agency=world.agency,
        role="specialist",
        started_at=timezone.now() - dt.timedelta(days=365),
    )
    return partner


def token_for(api, partner, scope):
    raw = base64.b64encode(f"{partner.application.client_id}:{PARTNER_SECRET}".encode()).decode()
    response = api.post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=f"Basic {raw}",
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def read_feed(api, token, after=0):
    items, url = [], f"/api/v1/status-events/?after={after}&limit=3"
    while True:
        page = api.get(url, **bearer(token)).json()
        items += page["results"]
        url = page["next"]
        if not page["has_more"]:
            return items, page


def test_partner_follows_a_whole_lifecycle_by_feed_and_by_signed_webhook(
    api, world, partner, receiver, fast_pdf, django_capture_on_commit_callbacks
):
    from django.apps import apps

    from satisfaction import defaults

    # Returning the result invites the applicant to the survey after commit: the survey form of the
    # data migration must exist (a transactional test elsewhere may have flushed it).
    defaults.install(apps)
    token = token_for(api, partner, "catalogue:read status:read")
    catalogue = api.get("/api/v1/procedures/", **bearer(token))
    assert catalogue.status_code == 200
    assert world.version.procedure.code in [item["code"] for item in catalogue.json()["results"]]
    created = api.post("/api/v1/webhooks/", {"url": receiver.url}, **bearer(token), format="json")
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]

    with django_capture_on_commit_callbacks(execute=True):
        dossier = submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        walk_to_returned(world, dossier)

    items, last_page = read_feed(api, token)
    mine = [i for i in items if i["dossier_code"] == dossier.code]
    # Internal moves (assignment, submission for approval) are not public and not in the feed.
    assert [i["action"] for i in mine] == [
        "submit",
        "receive",
        "transfer",
        "approve",
        "issue_result",
        "return_result",
    ]
    assert [i["status_code"] for i in mine] == [1, 2, 4, 4, 9, 10]
    assert [i["seq"] for i in items] == sorted(i["seq"] for i in items)
    assert mine[0]["due_at"] is None and mine[1]["due_at"]  # the appointment from the receipt on
    # Polling the last `next` link later returns nothing new, and the link stays usable.
    again = api.get(last_page["next"], **bearer(token)).json()
    assert again["results"] == [] and again["last_seq"] == items[-1]["seq"]

    # Webhooks carried the same events, in the same order, each signed with the secret.
    bodies = []
    for headers, body in receiver.received:
        assert webhooks.verify_signature(secret, headers["X-Portal-Signature"], body)
        assert not webhooks.verify_signature("khac", headers["X-Portal-Signature"], body)
        bodies.append(json.loads(body))
    assert bodies == items


def test_a_partner_down_for_a_day_catches_up_with_nothing_missing_or_out_of_order(
    api, world, partner, receiver, fast_pdf, travel, django_capture_on_commit_callbacks
):
    travel.to("2026-03-02 08:30", tick=True)
    token = token_for(api, partner, "status:read")
    api.post("/api/v1/webhooks/", {"url": receiver.url}, **bearer(token), format="json")
    first, second = submitted(world), submitted(world)
    feed.sequence_pending()
    subscription = partner.subscriptions.get()
    assert webhooks.deliver(subscription.pk)["sent"] == 2

    receiver.down = True  # the partner's server is down for a day
    p.receive(first, world.receiver)
    p.refuse(second, world.receiver, ["Không thuộc thẩm quyền"])
    p.transfer(first, world.receiver, world.unit)
    feed.sequence_pending()
    result = webhooks.deliver(subscription.pk)
    assert result["sent"] == 0 and result["failed"] == 2  # one try per dossier, the rest wait
    pending = WebhookDelivery.objects.filter(subscription=subscription, status="pending")
    assert pending.count() == 3
    blocked = pending.get(entry__event__action="transfer")
    assert blocked.attempts == 0  # never sent before the dossier's earlier event

    for _hour in range(24):  # retries with backoff through the day, all refused
        travel.to(timezone.now() + dt.timedelta(hours=1), tick=True)
        webhooks.deliver(subscription.pk)
    failed = WebhookDelivery.objects.get(subscription=subscription, entry__event__action="receive")
    assert failed.attempts > 3 and failed.status == "pending"
    assert failed.log.count() == failed.attempts and not failed.log.filter(succeeded=True)

    receiver.down = False
    travel.to(timezone.now() + dt.timedelta(hours=1), tick=True)
    webhooks.deliver(subscription.pk)

    seqs = [json.loads(body)["seq"] for _headers, body in receiver.received]
    everything = list(StatusFeedEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert sorted(seqs) == everything  # nothing missing, nothing twice
    per_dossier = {}
    for _headers, body in receiver.received:
        item = json.loads(body)
        per_dossier.setdefault(item["dossier_code"], []).append(item["seq"])
    assert all(s == sorted(s) for s in per_dossier.values())
    assert len(per_dossier[first.code]) == 3
    assert WebhookDelivery.objects.filter(status="pending").count() == 0

    token = token_for(api, partner, "status:read")  # a day later: the first token has expired
    log = api.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/", **bearer(token)).json()
    receive_row = next(r for r in log["results"] if r["seq"] == failed.seq)
    assert receive_row["status"] == "delivered" and receive_row["log"][-1]["succeeded"]


def test_replay_from_a_point_resends_in_order(api, world, partner, receiver, fast_pdf):
    token = token_for(api, partner, "status:read")
    api.post("/api/v1/webhooks/", {"url": receiver.url}, **bearer(token), format="json")
    dossier = submitted(world)
    p.receive(dossier, world.receiver)
    p.transfer(dossier, world.receiver, world.unit)
    feed.sequence_pending()
    subscription = partner.subscriptions.get()
    webhooks.deliver(subscription.pk)
    seqs = [json.loads(b)["seq"] for _h, b in receiver.received]
    receiver.received.clear()

    response = api.post(
        f"/api/v1/webhooks/{subscription.pk}/replay/",
        {"after_seq": seqs[0]},
        **bearer(token),
        format="json",
    )
    assert response.status_code == 202
    webhooks.deliver(subscription.pk)

    assert [json.loads(b)["seq"] for _h, b in receiver.received] == seqs[1:]


def test_feed_numbers_events_in_commit_order_not_id_order(world):
    """An event written earlier (lower id) but committed later gets the later number."""
    first = submitted(world)
    feed.sequence_pending()
    late = base.append_event(first, "late_commit_stand_in", world.receiver, from_state="submitted")
    StatusFeedEntry.objects.filter(event=late).delete()
    second = submitted(world)
    StatusFeedEntry.objects.filter(event__dossier=second).delete()
    feed.sequence_pending()

    numbered = list(StatusFeedEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert numbered == list(range(1, len(numbered) + 1))  # gap-free


def test_feed_shows_only_dossiers_the_partner_may_see(api, world, partner):
    other = dossier_in(
        world, State.SUBMITTED, agency=world.other_agency, submitted_at=timezone.now()
    )
    base.append_event(other, "submit", world.citizen, from_state=State.DRAFT)
    mine = submitted(world)
    token = token_for(api, partner, "status:read")

    items, _page = read_feed(api, token)

    assert {i["dossier_code"] for i in items} == {mine.code}


def test_feed_refuses_a_token_without_status_read(api, world, partner):
    token = token_for(api, partner, "catalogue:read")

    response = api.get("/api/v1/status-events/", **bearer(token))

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"


def test_admin_lists_partners_and_the_delivery_log(client, world, partner, receiver, login_staff):
    from tests.accounts.factories import UserFactory

    login_staff(UserFactory(is_superuser=True, is_staff=True), client)
    subscription = partner.subscriptions.create(url=receiver.url)
    for url in (
        "/quan-tri/portal/partnerclient/",
        f"/quan-tri/portal/partnerclient/{partner.pk}/change/",
        "/quan-tri/portal/webhookdelivery/",
        "/quan-tri/portal/statusfeedentry/",
        f"/quan-tri/portal/webhooksubscription/{subscription.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_feed_page_costs_the_same_queries_for_3_or_30_events(
    api, world, partner, django_assert_max_num_queries
):
    for _ in range(30):
        submitted(world)
    feed.sequence_pending()
    token = token_for(api, partner, "status:read")

    with django_assert_max_num_queries(12):
        small = api.get("/api/v1/status-events/?limit=3", **bearer(token))
    with django_assert_max_num_queries(12):
        large = api.get("/api/v1/status-events/?limit=30", **bearer(token))

    assert len(small.json()["results"]) == 3 and len(large.json()["results"]) == 30
