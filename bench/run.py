"""`make bench`: serve the portal under gunicorn on loopback with PostgreSQL, drive load from separate
processes, and write docs/benchmarks.md. See bench/README.md for adding cases.
"""

import datetime as dt
import importlib
import json
import os
import pkgutil
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import HttpCase, Measurement  # noqa: E402

PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "benchmarks.md"
RESULTS_FILE = ROOT / "docs" / "benchmarks.json"

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
ONLY = [c for c in os.environ.get("BENCH_CASES", "").split(",") if c]
# BENCH_PREPARE_ONLY=1 loads the data (migrate, demo data, PREPARE commands) and stops: useful to build a
# large bench database while the machine is busy and measure later, when it is quiet.
PREPARE_ONLY = os.environ.get("BENCH_PREPARE_ONLY", "").lower() in {"1", "true", "yes"}
# BENCH_VARIANT="cache off" files the run's figures under "<module> (cache off)", beside the module's
# ordinary figures: for a run with different server settings passed in the environment.
VARIANT = os.environ.get("BENCH_VARIANT", "").strip()

BASE_ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "PORTAL_DATA_DIR": str(ROOT / "data" / "bench"),
    "LOG_LEVEL": "WARNING",
}
# Commands that load data run with test settings (demo data is refused in production).
TOOL_ENV = {**BASE_ENV, "DJANGO_ENV": "test"}
# The server runs as in production, minus TLS (loopback) and plus the Server-Timing header.
SERVER_ENV = {
    **BASE_ENV,
    "DJANGO_ENV": "production",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SERVER_TIMING_HEADER": "true",
    "DB_CONN_MAX_AGE": "600",
}


def manage(*args, env=TOOL_ENV, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def case_modules():
    import bench.cases

    for info in pkgutil.iter_modules(bench.cases.__path__):
        name = f"bench.cases.{info.name}"
        if ONLY and info.name not in ONLY:
            continue
        yield name, importlib.import_module(name)


def django_call(module: str, function: str):
    """Call module.function() in a subprocess with Django set up on the bench database."""
    code = (
        "import json, django; django.setup(); import importlib; "
        f"print(json.dumps(importlib.import_module({module!r}).{function}()))"
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env={**TOOL_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    gunicorn = Path(PYTHON).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "portal.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=SERVER_ENV,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


def run_paced_case(base: str, case: HttpCase, module: str) -> dict:
    items = django_call(module, case.items_from)
    RESULTS.mkdir(parents=True, exist_ok=True)
    spec_file = RESULTS / "items.json"
    spec_file.write_text(json.dumps({"items": items}))
    out = subprocess.run(
        [
            PYTHON,
            str(ROOT / "bench" / "load.py"),
            base,
            f"--items-file={spec_file}",
            f"--rate={case.rate}",
            f"--warmup-items={case.warmup_items}",
            f"--concurrency={case.concurrency}",
        ],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    result = json.loads(out)
    lag = result["lag_ms"]["p95"]
    result.update(
        name=case.name,
        target=f"{case.target} (paced {case.rate:g}/s; start lag p95 {fmt(lag)} ms)",
        paths=len(items),
    )
    if case.target_p95_ms is not None and result["server_ms"]["p95"] is not None:
        # Paced at a rate, the bound holds only if the server kept up: Django's own time within the
        # bound is not enough when items queued in front of it, so the client's p95 (which includes
        # that queue) must be within the bound too.
        result["met"] = (
            result["server_ms"]["p95"] <= case.target_p95_ms
            and result["client_ms"]["p95"] <= case.target_p95_ms
        )
    return result


def run_http_case(base: str, case: HttpCase, module: str) -> dict:
    if case.items_from:
        return run_paced_case(base, case, module)
    paths = list(case.paths)
    if case.paths_from:
        paths = django_call(module, case.paths_from)
    headers = django_call(module, case.headers_from) if case.headers_from else {}
    RESULTS.mkdir(parents=True, exist_ok=True)
    spec_file = RESULTS / "paths.json"
    spec_file.write_text(json.dumps({"paths": paths, "headers": headers}))
    out = subprocess.run(
        [
            PYTHON,
            str(ROOT / "bench" / "load.py"),
            base,
            f"--paths-file={spec_file}",
            f"--seconds={SECONDS}",
            f"--concurrency={case.concurrency}",
            f"--expect-status={case.expect_status}",
        ],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    result = json.loads(out)
    result.update(name=case.name, target=case.target, paths=len(paths))
    if case.target_p95_ms is not None and result["server_ms"]["p95"] is not None:
        result["met"] = result["server_ms"]["p95"] <= case.target_p95_ms
    return result


def run_measurements(module: str) -> list[dict]:
    code = (
        "import json, django, dataclasses; django.setup(); import importlib; "
        f"m = importlib.import_module({module!r}); "
        "print(json.dumps([dataclasses.asdict(x) for x in m.measure({})]))"
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env={**TOOL_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    return [Measurement(**m).__dict__ for m in json.loads(out.strip().splitlines()[-1])]


def machine_facts() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except OSError:
        memory_kb = 0
    versions = django_call("bench.facts", "versions")
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "gunicorn_workers": WORKERS,
        "seconds_per_case": SECONDS,
        "load average at start (1/5/15 min)": " / ".join(f"{v:.2f}" for v in LOAD_AT_START),
        **versions,
    }


def fmt(value):
    return "–" if value is None else f"{value:g}"


def http_rows(http: list[dict]) -> list[str]:
    rows = [
        "| case | clients | requests | errors | req/s | client p50 / p95 / p99 ms | server p50 / p95 / p99 ms | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in http:
        c, s = r["client_ms"], r["server_ms"]
        target = r.get("target", "")
        if "met" in r:
            target += " — met" if r["met"] else " — NOT met"
        rows.append(
            f"| {r['name']} | {r['concurrency']} | {r['requests']} | {r['errors']} | {r['rps']} | "
            f"{fmt(c['p50'])} / {fmt(c['p95'])} / {fmt(c['p99'])} | "
            f"{fmt(s['p50'])} / {fmt(s['p95'])} / {fmt(s['p99'])} | {target} |"
        )
    return rows


def ratio_rows(http: list[dict], ratios) -> list[str]:
    by_name = {r["name"]: r for r in http}
    rows = []
    for numerator, denominator in ratios:
        if numerator in by_name and denominator in by_name:
            a, b = by_name[numerator], by_name[denominator]
            rows.append(
                f"- {numerator} vs {denominator}: throughput {a['rps'] / b['rps']:.2f}×, "
                f"server p50 {a['server_ms']['p50'] / b['server_ms']['p50']:.1f}×, "
                f"client p50 {a['client_ms']['p50'] / b['client_ms']['p50']:.1f}×"
            )
    return rows


def measurement_rows(measurements: list[dict]) -> list[str]:
    rows = ["| measurement | value | detail | target |", "|---|---|---|---|"]
    for m in measurements:
        target = m["target"]
        if m["met"] is not None:
            target += " — met" if m["met"] else " — NOT met"
        rows.append(f"| {m['name']} | {m['value']:g} {m['unit']} | {m['detail']} | {target} |")
    return rows


def write_report(sections: dict) -> None:
    """Render docs/benchmarks.md from every case module's latest results (one section each)."""
    latest = max(sections.values(), key=lambda section: section["facts"]["date"])["facts"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py) from `docs/benchmarks.json`; do not edit by hand. Each",
        "case module keeps the figures of its latest run (`BENCH_CASES=name make bench` re-measures one).",
        "Server: gunicorn (sync workers) with production settings on loopback, PostgreSQL and Redis on",
        "this machine; load from separate client processes with keep-alive connections. *Client* latency",
        "is measured by the load generator; *server* latency is Django's own time (`Server-Timing`).",
        "",
        "## Machine and versions (latest run)",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {key} | {value} |" for key, value in latest.items()]
    for module, section in sorted(sections.items()):
        facts = section["facts"]
        lines += [
            "",
            f"## {module.removeprefix('bench.cases.')}",
            "",
            f"Measured {facts['date']}, {fmt(facts.get('seconds_per_case'))} s per HTTP case, "
            f"load average at start {facts.get('load average at start (1/5/15 min)', '–')}.",
        ]
        if section["http"]:
            lines += ["", *http_rows(section["http"])]
            if ratios := ratio_rows(section["http"], section.get("ratios", [])):
                lines += ["", "Ratios:", "", *ratios]
        if section["measurements"]:
            lines += ["", *measurement_rows(section["measurements"])]
    lines.append("")
    REPORT.write_text("\n".join(lines))


def merge_results(run_sections: dict) -> dict:
    """Keep other modules' latest figures; replace those of the modules run now."""
    sections = json.loads(RESULTS_FILE.read_text()) if RESULTS_FILE.exists() else {}
    sections.update(run_sections)
    RESULTS_FILE.write_text(json.dumps(sections, indent=1, ensure_ascii=False) + "\n")
    return sections


LOAD_AT_START = os.getloadavg()


def main():
    print(f"Bench database {DATABASE_URL}, Redis {REDIS_URL}, {SECONDS:g} s per case")
    manage("check_services")
    manage("migrate", "--noinput", capture=True)
    manage("seed_demo", capture=True)
    modules = list(case_modules())
    for name, module in modules:
        for command in getattr(module, "PREPARE", []):
            print(f"prepare ({name}): {' '.join(command)}")
            manage(*command)
    if PREPARE_ONLY:
        print("Data prepared (BENCH_PREPARE_ONLY); nothing measured.")
        return
    manage("collectstatic", "--noinput", env=SERVER_ENV, capture=True)

    port = free_port()
    server = start_server(port)
    runs = {name: {"http": [], "measurements": [], "ratios": []} for name, _module in modules}
    try:
        for name, module in modules:
            runs[name]["ratios"] = getattr(module, "RATIOS", [])
            for case in getattr(module, "HTTP_CASES", []):
                print(f"http: {case.name} ...", flush=True)
                result = run_http_case(f"http://127.0.0.1:{port}", case, name)
                print(
                    f"  {result['rps']} req/s, server p95 {result['server_ms']['p95']} ms, "
                    f"errors {result['errors']}"
                )
                runs[name]["http"].append(result)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, module in modules:
        if hasattr(module, "measure"):
            print(f"measure: {name} ...", flush=True)
            runs[name]["measurements"] = run_measurements(name)

    facts = machine_facts()
    if VARIANT:
        facts["variant"] = VARIANT
        runs = {f"{name} ({VARIANT})": section for name, section in runs.items()}
    for section in runs.values():
        section["facts"] = facts
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(runs, indent=2, ensure_ascii=False))
    write_report(merge_results(runs))
    print(f"Wrote {REPORT.relative_to(ROOT)} and {RESULTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
