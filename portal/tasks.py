"""Small housekeeping tasks of the project itself."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "celery:heartbeat:{source}"


@shared_task(name="portal.tasks.heartbeat", ignore_result=True)
def heartbeat(source: str = "worker") -> str:
    """Record that a worker ran a task for ``source`` (beat, a health probe, a test).

    Idempotent: running it twice just refreshes the time stamp. The health page reads the beat's
    heartbeat to tell operators whether periodic work is flowing.
    """
    stamp = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY.format(source=source), stamp, timeout=24 * 3600)
    return stamp


def last_heartbeat(source: str) -> str | None:
    return cache.get(HEARTBEAT_KEY.format(source=source))


# Tasks kept in sub-packages of the portal app (autodiscovery only imports portal.tasks).
from portal.deadlines.tasks import scan as deadline_scan  # noqa: E402, F401
from portal.integrations.tasks import deliver as webhook_deliver  # noqa: E402, F401
from portal.notifications.tasks import dispatch, sweep  # noqa: E402, F401
