"""Celery tasks of the status feed and webhooks: idempotent, they take ids (queue: webhooks)."""

from celery import shared_task

from portal.integrations import feed, webhooks


@shared_task(name="portal.integrations.sequence_feed", ignore_result=True, acks_late=True)
def sequence_feed() -> int:
    """Number committed status events (after every event's commit, and on beat as a safety net)."""
    return feed.sequence_pending()


@shared_task(name="portal.integrations.deliver", ignore_result=True, acks_late=True)
def deliver(subscription_id: int) -> dict:
    return webhooks.deliver(subscription_id)


@shared_task(name="portal.integrations.sweep", ignore_result=True, acks_late=True)
def sweep() -> int:
    """On beat: number anything left unnumbered, then start senders for due deliveries."""
    feed.sequence_pending()
    return webhooks.sweep()
