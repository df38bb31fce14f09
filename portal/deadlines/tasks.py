"""The deadline scan on beat (queue: deadlines). Idempotent: a second run changes nothing."""

from celery import shared_task

from portal.deadlines import scan as scanner


@shared_task(
    name="portal.deadlines.scan", ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def scan() -> dict:
    return scanner.scan()
