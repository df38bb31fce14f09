"""A real worker on the real Redis broker: work is sent only once the transaction commits."""

import uuid

import pytest
from django.conf import settings
from django.db import transaction

from portal.celery import app
from portal.tasks import heartbeat, last_heartbeat
from tests.workers import WorkerProcess, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_mode():
    """Send tasks to the broker instead of running them in-process."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def worker(broker_mode, tmp_path):
    process = WorkerProcess(tmp_path).start()
    yield process
    process.stop()


class Rollback(Exception):
    pass


def test_task_sent_in_a_committed_transaction_runs_and_a_rolled_back_one_never_does(worker):
    committed, rolled_back, sentinel = (f"{name}-{uuid.uuid4().hex}" for name in "abc")

    with transaction.atomic():
        heartbeat.delay_on_commit(source=committed)
        # Not sent yet: the transaction is still open.
        assert last_heartbeat(committed) is None
    with pytest.raises(Rollback), transaction.atomic():
        heartbeat.delay_on_commit(source=rolled_back)
        raise Rollback

    assert wait_for(lambda: last_heartbeat(committed), timeout=30)
    # The worker takes one task at a time in order; once the sentinel ran, anything sent before it ran.
    heartbeat.apply_async(kwargs={"source": sentinel})
    assert wait_for(lambda: last_heartbeat(sentinel), timeout=30)
    assert last_heartbeat(rolled_back) is None


def test_every_named_queue_has_a_consumer(worker):
    sources = {queue: f"queue-{queue}-{uuid.uuid4().hex}" for queue in settings.CELERY_QUEUE_NAMES}

    for queue, source in sources.items():
        heartbeat.apply_async(kwargs={"source": source}, queue=queue)

    for queue, source in sources.items():
        assert wait_for(lambda s=source: last_heartbeat(s), timeout=30), f"no consumer for {queue}"
