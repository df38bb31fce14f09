"""Statistics benchmarks (issue 8): 1,000,000 dossiers and 300,000 survey responses.

Bounds: the public statistics page p95 ≤ 100 ms server-side; refreshing the fact tables ≤ 60 s.
The pages read the fact tables (and cache their figures per refresh), never the dossiers; the
in-process measurements below also time a page's figures computed with a cold cache.
"""

import time

from bench.harness import HttpCase, Measurement

PREPARE = [
    ["generate_bench_satisfaction", "--dossiers", "1000000", "--responses", "300000"],
    ["refresh_statistics"],
]

HTTP_CASES = [
    HttpCase(
        name="public statistics page (/thong-ke/, agencies and periods)",
        paths_from="statistics_paths",
        target="p95 ≤ 100 ms server-side",
        target_p95_ms=100,
    ),
    HttpCase(
        name="published satisfaction results (/danh-gia/ket-qua/)",
        paths_from="results_paths",
        target="p95 ≤ 100 ms server-side",
        target_p95_ms=100,
    ),
]

PERIODS = ["", "&tu=2025-01&den=2025-12", "&tu=2026-01&den=2026-06"]


def _agencies():
    from procedures.models import Agency

    busy = (
        Agency.objects.filter(dossiers__code__startswith="BENCH-")
        .values_list("pk", flat=True)
        .distinct()[:6]
    )
    roots = Agency.objects.roots().values_list("pk", flat=True)[:2]
    return list(roots) + list(busy)


def statistics_paths():
    paths = [f"/thong-ke/?x=1{period}" for period in PERIODS]
    paths += [f"/thong-ke/?co_quan={pk}{period}" for pk in _agencies() for period in PERIODS]
    return paths


def results_paths():
    return [f"/danh-gia/ket-qua/?co_quan={pk}" for pk in _agencies()] + ["/danh-gia/ket-qua/"]


def measure(env):
    from django.core.cache import cache

    from dossiers.models import Dossier
    from satisfaction.models import SurveyResponse
    from satisfaction.refresh import refresh
    from satisfaction.stats import StatsQuery
    from satisfaction.views.statistics import statistics_context

    dossiers = Dossier.objects.count()
    responses = SurveyResponse.objects.count()
    began = time.perf_counter()
    record = refresh()
    seconds = time.perf_counter() - began
    results = [
        Measurement(
            name="refresh of the fact tables and the index (satisfaction.tasks.refresh_facts)",
            value=round(seconds, 1),
            unit="s",
            detail=f"{dossiers:,} dossiers, {responses:,} responses; rows {record.rows if record else {}}",
            target="≤ 60 s",
            met=seconds <= 60,
        )
    ]
    query = StatsQuery.from_params({})
    cache.clear()
    began = time.perf_counter()
    statistics_context(query)
    cold = (time.perf_counter() - began) * 1000
    results.append(
        Measurement(
            name="public statistics figures, whole province, cold cache (in process)",
            value=round(cold),
            unit="ms",
            detail="every figure of /thong-ke/ summed from the fact tables, no cache",
        )
    )
    return results
