"""The deadline scan on beat (queue: deadlines). Idempotent: a second run changes nothing."""

from celery import shared_task

from portal.deadlines import scan as scanner


@shared_task(
    name="portal.deadlines.scan", ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def scan() -> dict:
    return scanner.scan()


@shared_task(
    name="portal.deadlines.daily_digest",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def daily_digest() -> int:
    """Every morning: yesterday's figures per unit to its leaders (once per day and leader)."""
    from portal.deadlines.digest import send_daily_digest

    return send_daily_digest()
