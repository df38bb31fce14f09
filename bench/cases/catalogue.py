"""Catalogue benchmarks (issue 3): search and procedure pages over 20,000 published procedures.

Bounds: catalogue search p95 ≤ 50 ms server-side for a page of 20; the query counts (≤ 6 per search
page, ≤ 8 per procedure page) are asserted in tests/procedures, not here.
"""

from bench.harness import HttpCase, Measurement

PREPARE = [["generate_bench_catalogue", "--procedures", "20000"]]

QUERIES = [
    "dang ky khai sinh",
    "giay phep xay dung",
    "cap lai",
    "Gia hạn giấy phép lao động",
    "ho kinh doanh",
    "chung nhan quyen su dung dat",
    "xac nhan",
    "1.001193",
    "tro cap xa hoi",
    "phuong tien thuy",
]

HTTP_CASES = [
    HttpCase(
        name="catalogue search, page of 20 (/thu-tuc/?q=…)",
        paths_from="search_paths",
        target="p95 ≤ 50 ms server-side",
        target_p95_ms=50,
    ),
    HttpCase(
        name="catalogue search with filters and deep pages",
        paths_from="filtered_paths",
        target="p95 ≤ 50 ms server-side",
        target_p95_ms=50,
    ),
    HttpCase(name="procedure page (/thu-tuc/<code>/)", paths_from="procedure_paths"),
    HttpCase(
        name="API search (/api/v1/procedures/?q=…)",
        paths_from="api_paths",
        target="p95 ≤ 50 ms server-side",
        target_p95_ms=50,
    ),
]


def _quote(text):
    from urllib.parse import quote_plus

    return quote_plus(text)


def search_paths():
    return [f"/thu-tuc/?q={_quote(q)}" for q in QUERIES] + ["/thu-tuc/"]


def filtered_paths():
    from procedures.models import Sector

    sectors = list(Sector.objects.values_list("code", flat=True)[:5])
    paths = [f"/thu-tuc/?q=cap&trang={page}" for page in (2, 10, 50)]
    paths += [f"/thu-tuc/?linh_vuc={code}&muc_do=full" for code in sectors]
    paths += ["/thu-tuc/?cap=commune&phi=co", "/thu-tuc/?q=giay+phep&phi=khong&cap=province"]
    return paths


def procedure_paths():
    from procedures.models import ProcedureVersion

    codes = ProcedureVersion.objects.published().values_list("procedure__code", flat=True)
    return [f"/thu-tuc/{code}/" for code in codes.order_by("?")[:50]]


def api_paths():
    return [f"/api/v1/procedures/?q={_quote(q)}" for q in QUERIES]


def measure(env):
    """Query counts, and the CPU cost of one search page measured in-process: on a shared, loaded
    machine the HTTP percentiles above mostly measure waiting for a core."""
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for path in ["/thu-tuc/?q=giay+phep+xay+dung", "/thu-tuc/?q=cap+lai", "/thu-tuc/9.000123/"]:
        client.get(path)
        cpu, wall, queries = [], [], 0
        for _ in range(30):
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            cpu.append((time.process_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start_wall) * 1000)
            queries = len(ctx.captured_queries)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # keep the connection warm between pages
        results.append(
            Measurement(
                name=f"{path}: Django CPU time per page (median)",
                value=round(statistics.median(cpu), 2),
                unit="ms",
                detail=(
                    f"status {response.status_code}, {queries} SQL queries, wall median "
                    f"{statistics.median(wall):.1f} ms in-process (includes waiting for PostgreSQL "
                    f"and for a core), load average {_load()}"
                ),
            )
        )
    return results


def _load():
    import os

    return "/".join(f"{x:.1f}" for x in os.getloadavg())
