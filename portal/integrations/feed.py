"""The status feed: every public status event of the dossier log, numbered in commit order.

Why a separate number and not the event's id or time: ids and timestamps are taken when a transaction
*starts writing*, not when it commits. Two officers act at once; the event with id 11 commits before
the one with id 10. A partner that read "everything after 10" at that moment would never see 10.
``sequence_pending`` gives numbers only to committed events, under a transaction-level advisory lock,
so numbers are assigned one batch at a time in commit order: when a partner sees number N, every
number below N is already visible. Within one dossier, events are written under the dossier's row
lock, so their ids follow commit order too and the per-dossier order is kept.

Which events: those of the dossier log with a national status code that the applicant can see
(``is_public``): every change of state, and changes of the due date (extensions), with the national
code (1-10) the dossier had after the change.
"""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger(__name__)

ADVISORY_LOCK_KEY = 0x5EED_F00D  # any constant shared by every process that numbers the feed
# Committed events older than this many ids below the last numbered one are assumed numbered or not
# wanted; bounds the anti-join. A transaction would have to stay open while this many later events
# were written and numbered to be missed (``sequence_pending(full=True)`` rescans everything).
SCAN_WINDOW = 50_000
BATCH = 2_000


def feed_events():
    from dossiers.models import DossierEvent

    return DossierEvent.objects.filter(status_code__isnull=False, is_public=True)


def sequence_pending(full: bool = False) -> int:
    """Number every committed feed event that has no number yet; returns how many were numbered.
    Safe to call from anywhere at any time (the feed view, tasks, a beat schedule)."""
    from portal.integrations.models import StatusFeedEntry

    numbered = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            top = StatusFeedEntry.objects.aggregate(seq=Max("seq"), event=Max("event_id"))
            last_seq = top["seq"] or 0
            candidates = feed_events().filter(feed_entry__isnull=True)
            if not full and top["event"]:
                candidates = candidates.filter(pk__gt=top["event"] - SCAN_WINDOW)
            rows = list(candidates.order_by("pk").values_list("pk", "dossier_id")[:BATCH])
            if not rows:
                return numbered
            now = timezone.now()
            entries = [
                StatusFeedEntry(
                    seq=last_seq + i, event_id=pk, dossier_id=dossier_id, sequenced_at=now
                )
                for i, (pk, dossier_id) in enumerate(rows, start=1)
            ]
            StatusFeedEntry.objects.bulk_create(entries)
            from portal.integrations import webhooks

            webhooks.fan_out(entries)
            numbered += len(entries)
        if len(rows) < BATCH:
            return numbered


def entries_visible_to(user):
    """Feed entries of the dossiers ``user`` (a partner's service account, an officer) may see as
    staff: the same rule as the staff queues (``Dossier.objects.for_staff``)."""
    from dossiers.models import Dossier
    from portal.integrations.models import StatusFeedEntry

    if getattr(user, "is_superuser", False):
        return StatusFeedEntry.objects.all()
    return StatusFeedEntry.objects.filter(dossier__in=Dossier.objects.for_staff(user).values("pk"))
