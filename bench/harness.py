"""What a benchmark case module declares, and the results the harness writes.

A case module in ``bench/cases/`` may define:

- ``PREPARE``: a list of management commands (each a list of arguments) run against the bench database
  before the server starts, e.g. ``[["generate_bench_catalogue", "--procedures", "20000"]]``. Each must be
  idempotent: the harness runs them on every ``make bench``.
- ``HTTP_CASES``: a list of ``HttpCase``; each is driven by the load generator against gunicorn (GETs
  in a closed loop, or with ``items_from`` paced write operations such as multipart POSTs).
- ``def measure(env) -> list[Measurement]``: in-process measurements that are not HTTP requests
  (due dates per second, PDF render time...). It runs in a subprocess with Django set up on the bench
  database; ``env`` is a dict with the bench settings.
"""

from dataclasses import dataclass, field


@dataclass
class HttpCase:
    name: str
    # Paths requested in turn (round-robin) by every client; or a module-level function name that
    # returns such a list, called in a Django-enabled subprocess after PREPARE (for ids from the data).
    paths: list[str] = field(default_factory=list)
    paths_from: str | None = None
    concurrency: int = 4
    # Cookies or headers a client sends (e.g. a session for a signed-in page), from a function name
    # in the module called like paths_from; returns a dict of headers.
    headers_from: str | None = None
    expect_status: int = 200
    # Write scenarios (paced, open loop): a function name in the module, called like paths_from, that
    # returns items, each a list of requests ({"method", "path", "headers", "fields", "files",
    # "expect_status"}) making one operation; each item is sent once, ``rate`` items per second
    # started whatever the earlier ones are doing, spread over ``concurrency`` client processes. The
    # first ``warmup_items`` run one by one before and are not counted. See bench/load.py.
    items_from: str | None = None
    rate: float | None = None
    warmup_items: int = 0
    target: str = ""  # the bound the issue sets, e.g. "p95 ≤ 50 ms server-side"
    target_p95_ms: float | None = None  # server-side p95 bound; the report marks met / not met


@dataclass
class Measurement:
    name: str
    value: float
    unit: str
    detail: str = ""
    target: str = ""
    met: bool | None = None
