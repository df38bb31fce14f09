"""Sending outbox rows: claim one row at a time, send, record; retry with backoff; sweep what got stuck.

Reliability (docs/adr/0007):
- a row is claimed by an atomic UPDATE (pending → sending), so two workers never send the same row at
  the same time, whichever duplicate of a task message reaches them;
- a worker killed mid-batch leaves at most one row in "sending"; the rest stay pending. The unacked
  task is redelivered by the broker (acks_late) and the sweeper re-queues pending rows and rows stuck in
  "sending" longer than NOTIFICATION_STUCK_AFTER_SECONDS (far longer than any adapter's timeout);
- the adapter receives the row's key, so a row re-sent after a crash is delivered once by providers
  that de-duplicate;
- retry countdowns grow exponentially and stay below the broker's visibility timeout, so Redis never
  redelivers a message that is merely waiting for its countdown.
"""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.notifications.channels.base import DeliveryError
from portal.notifications.channels.registry import adapter
from portal.notifications.models import Notification

logger = logging.getLogger(__name__)
Status = Notification.Status


def max_retry_delay() -> int:
    """The longest countdown: the configured cap, and always below the visibility timeout."""
    visibility = settings.CELERY_BROKER_VISIBILITY_TIMEOUT
    return max(
        1, min(settings.NOTIFICATION_RETRY_MAX_DELAY, visibility - 60, int(visibility * 0.9))
    )


def retry_delay(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: base × 2^(attempt-1), ±10 % jitter, capped."""
    base = settings.NOTIFICATION_RETRY_BASE_DELAY * 2 ** max(0, attempt - 1)
    jittered = base * random.uniform(0.9, 1.1)  # noqa: S311 - jitter, not security
    return max(1, min(int(jittered), max_retry_delay()))


def claim(notification_id: int) -> Notification | None:
    now = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, status=Status.PENDING, next_attempt_at__lte=now
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return Notification.objects.get(pk=notification_id)


def send_one(notification_id: int) -> str:
    """Send one row if it is still due; returns the row's status afterwards (or "skipped")."""
    row = claim(notification_id)
    if row is None:
        return "skipped"
    try:
        provider_id = adapter(row.channel).send(row)
    except DeliveryError as error:
        return _failed(row, error, permanent=error.permanent)
    except Exception as error:  # an adapter bug or an unexpected provider answer: retry, loudly
        logger.exception("notification %s: unexpected error", row.pk)
        return _failed(row, error, permanent=False)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.SENT, sent_at=timezone.now(), provider_id=provider_id or "", last_error=""
    )
    return Status.SENT


def _failed(row, error, permanent: bool) -> str:
    message = f"{type(error).__name__}: {error}"[:2000]
    if permanent or row.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        Notification.objects.filter(pk=row.pk).update(status=Status.FAILED, last_error=message)
        logger.warning("notification %s failed for good: %s", row.pk, message)
        return Status.FAILED
    delay = retry_delay(row.attempts)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.PENDING,
        last_error=message,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    from portal.notifications.services import enqueue_dispatch

    enqueue_dispatch([row.pk], countdown=delay)
    return Status.PENDING


def dispatch(ids) -> dict:
    """Send every row of a batch that is still due; returns counts per outcome."""
    outcome: dict[str, int] = {}
    for notification_id in ids:
        status = send_one(notification_id)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def sweep(grace_seconds=None, stuck_after_seconds=None, limit=None) -> dict:
    """Re-queue rows the broker lost: pending past their time, or stuck in "sending" (a dead worker)."""
    grace = settings.NOTIFICATION_SWEEP_GRACE_SECONDS if grace_seconds is None else grace_seconds
    stuck_after = (
        settings.NOTIFICATION_STUCK_AFTER_SECONDS
        if stuck_after_seconds is None
        else stuck_after_seconds
    )
    limit = limit or settings.NOTIFICATION_SWEEP_LIMIT
    now = timezone.now()
    with transaction.atomic():
        stuck = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=stuck_after))
            .values_list("id", "attempts")[:limit]
        )
        exhausted = [pk for pk, attempts in stuck if attempts >= settings.NOTIFICATION_MAX_ATTEMPTS]
        revived = [pk for pk, attempts in stuck if attempts < settings.NOTIFICATION_MAX_ATTEMPTS]
        Notification.objects.filter(pk__in=exhausted).update(
            status=Status.FAILED, last_error="worker lost while sending, attempts exhausted"
        )
        Notification.objects.filter(pk__in=revived).update(
            status=Status.PENDING,
            next_attempt_at=now,
            last_error="re-queued: worker lost while sending",
        )
    overdue = list(
        Notification.objects.filter(
            status=Status.PENDING, next_attempt_at__lte=now - timedelta(seconds=grace)
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
    ids = list(dict.fromkeys([*revived, *overdue]))
    if ids:
        from portal.notifications.services import enqueue_dispatch

        enqueue_dispatch(ids)
        logger.info(
            "sweeper re-queued %d notifications (%d were stuck sending)", len(ids), len(revived)
        )
    return {"requeued": len(ids), "stuck": len(revived), "failed": len(exhausted)}
