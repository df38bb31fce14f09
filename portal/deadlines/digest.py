"""The leaders' daily digest per unit: received, processed, due soon and overdue (DOMAIN.md §9).

One aggregate query over the dossiers grouped by agency, one notification per leader and day (the key
carries the date, so a second run the same day sends nothing).
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from portal.calendars import engine
from portal.calendars.index import VN_TZ
from portal.notifications.services import Message, notify_many


def send_daily_digest(now: dt.datetime | None = None) -> int:
    """Digest of the previous day for every agency with leaders; returns how many units got one."""
    from dossiers.models import Dossier
    from dossiers.models.states import PAUSED_STATES, RUNNING_STATES
    from portal.deadlines.scan import _leaders

    now = now or timezone.now()
    today = now.astimezone(VN_TZ).date()
    day = today - dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=VN_TZ)
    end = start + dt.timedelta(days=1)
    soon = engine.add_working_hours(engine.default_calendar(), now, 8)
    running = sorted(RUNNING_STATES - PAUSED_STATES)
    rows = (
        Dossier.objects.values("agency_id", "agency__name")
        .annotate(
            received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
            done=Count("pk", filter=Q(result_at__gte=start, result_at__lt=end)),
            due_soon=Count("pk", filter=Q(status__in=running, due_at__gte=now, due_at__lte=soon)),
            overdue=Count("pk", filter=Q(status__in=running, due_at__lt=now)),
        )
        .filter(Q(received__gt=0) | Q(done__gt=0) | Q(due_soon__gt=0) | Q(overdue__gt=0))
        .order_by()
    )
    rows = list(rows)
    leaders = _leaders({row["agency_id"] for row in rows})
    messages = [
        Message(
            leaders[row["agency_id"]],
            key=f"digest:{row['agency_id']}:{day:%Y%m%d}",
            context={
                "date": day,
                "unit": row["agency__name"],
                "received": row["received"],
                "done": row["done"],
                "due_soon": row["due_soon"],
                "overdue": row["overdue"],
            },
            link="/can-bo/",
        )
        for row in rows
        if leaders.get(row["agency_id"])
    ]
    with transaction.atomic():
        notify_many("daily_digest", messages)
    return len(messages)
