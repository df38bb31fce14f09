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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from procedures.selectors import search_catalogue

    results = []
    with CaptureQueriesContext(connection) as ctx:
        page = list(search_catalogue("giay phep")[:20])
        total = search_catalogue("giay phep").count()
    results.append(
        Measurement(
            name="search 'giay phep': matches, SQL queries for count + page",
            value=len(ctx.captured_queries),
            unit="queries",
            detail=f"{total} matches, {len(page)} on the page",
        )
    )
    return results
