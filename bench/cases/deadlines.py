"""Due-date computation per second in one process (issue 7: ≥ 100,000 per second)."""

import datetime as dt
import random
import time

from bench.harness import Measurement

COUNT = 200_000
TARGET_PER_SECOND = 100_000


def _rate(function, starts) -> float:
    began = time.perf_counter()
    for start in starts:
        function(start)
    return len(starts) / (time.perf_counter() - began)


def measure(env):
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
        rate = _rate(function, starts)
        results.append(
            Measurement(
                name=name,
                value=round(rate),
                unit="/s",
                detail=f"{COUNT:,} random receipts over 2025-2027, default calendar, one process",
                target="≥ 100,000/s",
                met=rate >= TARGET_PER_SECOND,
            )
        )
    return results
