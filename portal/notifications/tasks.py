"""Celery tasks of the outbox: idempotent, they take ids, never objects (queue: notifications)."""

from celery import shared_task

from portal.notifications import dispatcher


@shared_task(
    name="portal.notifications.dispatch",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def dispatch(ids: list[int]) -> dict:
    """Send the rows ``ids`` that are still due. Running it twice sends nothing twice."""
    return dispatcher.dispatch(ids)


@shared_task(
    name="portal.notifications.sweep",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def sweep(grace_seconds: int | None = None, stuck_after_seconds: int | None = None) -> dict:
    """On beat: re-queue rows whose message was lost (broker restart) or whose worker died."""
    return dispatcher.sweep(grace_seconds=grace_seconds, stuck_after_seconds=stuck_after_seconds)
