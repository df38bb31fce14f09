"""The outbox under failure, with real workers and a real (private) Redis (docs/adr/0007).

- a worker SIGKILLed in the middle of a dispatch batch: another one finishes, every notification is
  delivered, none twice;
- Redis stopped and restarted while changes keep being committed: nothing is lost, the sweeper sends
  everything once Redis is back.

The fake SMS provider writes to a shared file and de-duplicates by the row's key, like a real provider
given an idempotency key; its attempts file shows how often a key was handed over.
"""

import json
import uuid

import pytest
from django.conf import settings
from django.db import transaction

from accounts.models import User
from portal.celery import app
from portal.notifications.models import Notification
from portal.notifications.services import notify
from portal.notifications.tasks import sweep
from tests.workers import RedisServer, WorkerProcess, use_broker, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
Status = Notification.Status


@pytest.fixture
def broker(tmp_path):
    """A private redis-server as the broker of this process and of the workers started here."""
    server = RedisServer(tmp_path).start()
    previous_eager, previous_url = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    use_broker(server.url)
    yield server
    use_broker(previous_url)
    app.conf.task_always_eager = previous_eager
    server.stop()


@pytest.fixture
def provider_log(tmp_path):
    return tmp_path / "sms-provider.jsonl"


@pytest.fixture
def start_worker(broker, provider_log, tmp_path):
    workers = []

    def start(delay="0"):
        worker = WorkerProcess(
            tmp_path,
            queues=settings.CELERY_QUEUE_NAMES,
            env={
                "CELERY_BROKER_URL": broker.url,
                "SMS_ADAPTER": "fake",
                "NOTIFICATION_FAKE_PROVIDER_LOG": str(provider_log),
                "NOTIFICATION_FAKE_PROVIDER_DELAY": delay,
            },
        ).start(timeout=60)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def make_people(count: int) -> list[User]:
    tag = uuid.uuid4().hex[:6]
    return User.objects.bulk_create(
        User(username=f"sms-{tag}-{n}", phone=f"09{n:08d}", password="!") for n in range(count)
    )


def submit(people, key: str):
    """What a dossier submission does: the change and its notifications, in one transaction."""
    with transaction.atomic():
        notify(
            "dossier_submitted",
            people,
            key=key,
            context={"code": key, "procedure": "Đăng ký khai sinh", "at": "08:00 02/03/2026"},
            link="/ho-so/",
            channels=["sms"],
        )


def delivered(provider_log) -> list[str]:
    if not provider_log.exists():
        return []
    return [json.loads(line)["key"] for line in provider_log.read_text().splitlines() if line]


def sent_count() -> int:
    return Notification.objects.filter(status=Status.SENT).count()


def test_killing_a_worker_mid_batch_loses_nothing_and_sends_nothing_twice(
    start_worker, provider_log
):
    people = make_people(40)
    first = start_worker(delay="0.1")  # 0.1 s per SMS: the batch of 40 takes about 4 s
    submit(people, "kill-test")
    assert wait_for(lambda: sent_count() >= 5, timeout=60)
    first.kill()
    assert 5 <= sent_count() < 40, "the worker must die in the middle of its batch"

    start_worker()
    # What beat runs every minute; "stuck" shortened so the row the dead worker held is retried now.
    sweep.apply_async(kwargs={"grace_seconds": 0, "stuck_after_seconds": 0})

    assert wait_for(lambda: sent_count() == 40, timeout=90), Notification.objects.exclude(
        status=Status.SENT
    ).values_list("id", "status")
    keys = list(Notification.objects.values_list("key", flat=True))
    assert sorted(delivered(provider_log)) == sorted(keys)  # every one delivered, none twice
    assert Notification.objects.filter(status=Status.SENT, attempts__gte=1).count() == 40


def test_redis_restart_while_submitting_loses_nothing_and_the_sweeper_sends_all(
    broker, start_worker, provider_log
):
    people = make_people(3)
    start_worker()
    for n in range(3):
        submit(people, f"before-{n}")
    assert wait_for(lambda: sent_count() == 9, timeout=60)

    broker.stop()
    for n in range(5):  # submissions keep committing while the broker is down
        submit(people, f"during-{n}")
    assert Notification.objects.filter(status=Status.PENDING).count() == 15

    broker.start()
    assert wait_for(lambda: _enqueue_sweep(), timeout=60)  # beat's next tick, once Redis answers
    assert wait_for(lambda: sent_count() == 24, timeout=90), list(
        Notification.objects.exclude(status=Status.SENT).values_list("key", "status")
    )
    keys = list(Notification.objects.values_list("key", flat=True))
    assert sorted(delivered(provider_log)) == sorted(keys)


def _enqueue_sweep() -> bool:
    try:
        sweep.apply_async(kwargs={"grace_seconds": 0}, retry=False)
    except Exception:
        use_broker(app.conf.broker_url)  # drop the stale pooled connection and try again
        return False
    return True
