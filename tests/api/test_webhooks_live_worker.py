"""A real Celery worker delivers a dossier lifecycle's status events to a partner's HTTP receiver.

Nothing is called by hand here: each service call commits, the commit sends the numbering task to the
real Redis broker, the worker numbers the events, fans them out and POSTs them, signed, to the receiver
(tests/api/receiver.py). The receiver is down for part of the lifecycle; the worker retries with
backoff by itself, and once the receiver is back every event arrives, none twice, in order per dossier.
"""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.utils import timezone

from accounts.models import Membership
from dossiers.services import processing as p
from portal.celery import app
from portal.integrations import webhooks
from portal.integrations.models import (
    StatusFeedEntry,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from satisfaction import defaults
from tests.api.factories import PartnerClientFactory
from tests.dossiers.helpers import signed_result, submitted
from tests.workers import WorkerProcess, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Retries come after 1 s, 2 s, 4 s …: the outage below lasts a few of them.
WORKER_ENV = {"WEBHOOK_FIRST_BACKOFF": "1", "WEBHOOK_MAX_BACKOFF": "2"}


def test_the_worker_knows_every_task_of_the_feed_and_webhooks():
    """Celery's autodiscovery imports only ``<app>.tasks``: the integrations' tasks must be
    registered through portal/tasks.py, or a worker discards every message of the webhooks queue."""
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "from portal.celery import app; import django; django.setup(); "
        "app.loader.import_default_modules(); print(' '.join(sorted(app.tasks)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    registered = set(result.stdout.split())
    expected = {
        "portal.integrations.sequence_feed",
        "portal.integrations.deliver",
        "portal.integrations.sweep",
    }
    expected |= {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert expected <= registered, (expected - registered, result.stderr[-2000:])


@pytest.fixture
def worker(tmp_path, settings):
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False  # this process sends to the broker like the web does
    env = {**WORKER_ENV, "PRIVATE_MEDIA_ROOT": str(settings.MEDIA_ROOT)}  # the same private files
    process = WorkerProcess(tmp_path, env=env, concurrency=2).start()
    yield process
    process.stop()
    app.conf.task_always_eager = previous


@pytest.fixture
def subscription(world, receiver):
    defaults.install(apps)  # returning the result invites to the survey: its form must exist
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read"])
    Membership.objects.create(
        user=partner.service_account,
        agency=world.agency,
        role="specialist",
        started_at=timezone.now() - dt.timedelta(days=365),
    )
    return WebhookSubscription.objects.create(partner=partner, url=receiver.url)


def received_items(receiver, secret):
    items = []
    for headers, body in list(receiver.received):
        assert webhooks.verify_signature(secret, headers["X-Portal-Signature"], body)
        items.append(json.loads(body))
    return items


def all_delivered(subscription):
    entries = StatusFeedEntry.objects.count()
    delivered = WebhookDelivery.objects.filter(
        subscription=subscription, status=WebhookDelivery.Status.DELIVERED
    ).count()
    return entries > 0 and delivered == entries


def test_a_live_worker_delivers_a_lifecycle_in_order_through_an_outage(
    world, subscription, receiver, worker, fast_pdf
):
    first, second = submitted(world), submitted(world)
    p.receive(first, world.receiver)
    assert wait_for(lambda: len(receiver.received) >= 3, timeout=60), worker.log_path.read_text()

    receiver.down = True  # the partner's server goes down in the middle of the lifecycle
    p.refuse(second, world.receiver, ["Không thuộc thẩm quyền"])
    p.transfer(first, world.receiver, world.unit)
    p.assign(first, world.leader, world.specialist)  # internal: not sent
    p.submit_for_approval(first, world.specialist)
    p.approve(first, world.leader)
    failed = WebhookAttempt.objects.filter(delivery__subscription=subscription, succeeded=False)
    assert wait_for(lambda: failed.count() >= 2, timeout=60), worker.log_path.read_text()

    receiver.down = False  # back: the worker's own retries catch up, nobody replays anything
    p.issue_result(first, world.specialist, signed_result(), number="12/STP")
    p.return_result(first, world.receiver)
    assert wait_for(lambda: all_delivered(subscription), timeout=120), worker.log_path.read_text()

    items = received_items(receiver, subscription.secret)
    seqs = [item["seq"] for item in items]
    assert sorted(seqs) == list(
        StatusFeedEntry.objects.order_by("seq").values_list("seq", flat=True)
    )
    assert len(seqs) == len(set(seqs))  # nothing twice
    per_dossier = {}
    for item in items:
        per_dossier.setdefault(item["dossier_code"], []).append(item)
    assert [i["action"] for i in per_dossier[first.code]] == [
        "submit",
        "receive",
        "transfer",
        "approve",
        "issue_result",
        "return_result",
    ]
    assert [i["action"] for i in per_dossier[second.code]] == ["submit", "refuse"]
    assert all(
        [i["seq"] for i in events] == sorted(i["seq"] for i in events)
        for events in per_dossier.values()
    )
    assert failed.count() >= 2  # the outage really happened, and was logged
