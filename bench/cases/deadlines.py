"""Deadlines (issue 7): due dates per second in one process (≥ 100,000/s); the deadline scan over
1,000,000 open dossiers of which 10,000 have just become overdue (≤ 5 s), and a scan that finds
nothing (≤ 100 ms). ``BENCH_OPEN_DOSSIERS`` / ``BENCH_OVERDUE_DOSSIERS`` scale it down."""

import datetime as dt
import os
import random
import time

from bench.harness import Measurement

COUNT = 200_000
TARGET_PER_SECOND = 100_000
OPEN_DOSSIERS = int(os.environ.get("BENCH_OPEN_DOSSIERS", "1000000"))
OVERDUE_DOSSIERS = int(os.environ.get("BENCH_OVERDUE_DOSSIERS", "10000"))

PREPARE = [["generate_bench_dossiers", "--open", str(OPEN_DOSSIERS)]]


def _rate(function, starts) -> tuple[float, float]:
    """Computations per second, by the wall clock and by this process's CPU time."""
    began, cpu = time.perf_counter(), time.process_time()
    for start in starts:
        function(start)
    return len(starts) / (time.perf_counter() - began), len(starts) / (time.process_time() - cpu)


def measure(env):
    return measure_due_dates() + measure_scan()


def measure_scan():
    """Make OVERDUE_DOSSIERS of the generated dossiers overdue "just now" (new due times, so new
    notification keys), then time one scan that marks them and writes their notifications, and a
    second scan that finds nothing. Dispatch is enqueued to the bench Redis, not run.

    A first, untimed scan settles anything pending and warms the process as a long-running worker is
    warm (URLconf for the staff link). Both timed scans run at the same moment ``now``, taken after
    the dossiers were made overdue: other dossiers (demo data) keep crossing their real due times as
    the wall clock moves, so a second scan at a later moment would find those; at the same moment it
    must find nothing at all."""
    from django.db import connection, transaction
    from django.utils import timezone

    from dossiers.models import Dossier
    from portal.celery import app
    from portal.deadlines.scan import scan

    app.conf.task_always_eager = False
    ids = list(
        Dossier.objects.filter(code__startswith="BENCH-")
        .order_by("code")
        .values_list("pk", flat=True)[:OVERDUE_DOSSIERS]
    )
    if len(ids) < OVERDUE_DOSSIERS:
        return [
            Measurement(name="deadline scan", value=0, unit="s", detail="bench dossiers missing")
        ]
    scan()  # settle watermarks and anything pending first, so the timed run does only this work
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dossiers_dossier SET overdue_notified_at = NULL, due_soon_notified_at = NULL, "
            "due_at = now() - (id %% 600) * interval '1 second' - interval '1 minute' "
            "WHERE id = ANY(%s)",
            [ids],
        )
    now = timezone.now()
    began, cpu = time.perf_counter(), time.process_time()
    result = scan(now)
    busy, busy_cpu = time.perf_counter() - began, time.process_time() - cpu
    began = time.perf_counter()
    empty = scan(now)
    idle = time.perf_counter() - began
    ours = Dossier.objects.filter(pk__in=ids, overdue_notified_at=now).count()
    total = Dossier.objects.filter(code__startswith="BENCH-").count()
    load = os.getloadavg()[0]
    others = result.get("overdue", 0) - ours
    detail = (
        f"{total:,} open dossiers; marked {ours:,} of the {OVERDUE_DOSSIERS:,} made overdue"
        + (f" (and {others} other dossiers that fell due since the settling run)" if others else "")
        + f" and wrote their notifications; {busy_cpu:.2f} s CPU in the scanning process; "
        f"load average {load:.1f}"
    )
    return [
        Measurement(
            name=f"deadline scan, {OVERDUE_DOSSIERS:,} just overdue",
            value=round(busy, 3),
            unit="s",
            detail=detail,
            target="≤ 5 s",
            met=busy <= 5 and ours == OVERDUE_DOSSIERS,
        ),
        Measurement(
            name="deadline scan finding nothing",
            value=round(idle * 1000, 1),
            unit="ms",
            detail=(
                f"{total:,} open dossiers; second run at the same moment marked "
                f"{empty.get('overdue')} overdue, {empty.get('due_soon')} due soon"
            ),
            target="≤ 100 ms",
            met=idle <= 0.1 and "skipped" not in empty and not any(empty.values()),
        ),
    ]


def measure_due_dates():
    from portal.calendars.engine import Pause, Unit, default_calendar, due_at
    from portal.calendars.index import VN_TZ, index_for

    index = index_for(default_calendar())
    rng = random.Random(7)
    origin = dt.datetime(2025, 1, 1, tzinfo=VN_TZ)
    starts = [origin + dt.timedelta(seconds=rng.randint(0, 3 * 365 * 86400)) for _ in range(COUNT)]
    cases = {
        "due dates per second (working days)": lambda s: due_at(index, s, 15),
        "due dates per second (working hours)": lambda s: due_at(index, s, 8, Unit.WORKING_HOURS),
        "due dates per second (days, one pause)": lambda s: due_at(
            index, s, 15, pauses=(Pause(s + dt.timedelta(days=3), s + dt.timedelta(days=6)),)
        ),
    }
    results = []
    for name, function in cases.items():
        rate, cpu_rate = _rate(function, starts)
        results.append(
            Measurement(
                name=name,
                value=round(rate),
                unit="/s",
                detail=(
                    f"{COUNT:,} random receipts over 2025-2027, default calendar, one process; "
                    f"{cpu_rate:,.0f}/s of CPU time; load average {os.getloadavg()[0]:.1f}"
                ),
                target="≥ 100,000/s",
                met=rate >= TARGET_PER_SECOND,
            )
        )
    return results
