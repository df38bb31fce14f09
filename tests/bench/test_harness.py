"""The benchmark harness computes its figures right (the timings themselves live in docs/benchmarks.md)."""

import shutil
import subprocess

import pytest
from django.conf import settings

from bench import run
from bench.load import percentiles


def test_percentiles_pick_the_nearest_rank():
    values = list(range(1, 101))  # 1..100 ms
    assert percentiles(values) == {"p50": 51, "p95": 96, "p99": 100, "mean": 50.5}
    assert percentiles([]) == {"p50": None, "p95": None, "p99": None, "mean": None}


def test_report_lists_every_case_with_its_target_and_the_ratio(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "REPORT", tmp_path / "benchmarks.md")
    monkeypatch.setattr(run, "RESULTS_FILE", tmp_path / "benchmarks.json")
    stats = {"p50": 1.0, "p95": 2.0, "p99": 3.0, "mean": 1.2}
    slow = {"p50": 4.0, "p95": 8.0, "p99": 9.0, "mean": 4.4}
    http = [
        {"name": "bare", "concurrency": 4, "requests": 100, "errors": 0, "rps": 1000.0,
         "client_ms": stats, "server_ms": stats, "target": ""},
        {"name": "home", "concurrency": 4, "requests": 50, "errors": 1, "rps": 250.0,
         "client_ms": slow, "server_ms": slow, "target": "p95 ≤ 5 ms", "met": False},
    ]  # fmt: skip
    facts = {"date": "2026-11-25 21:00 UTC", "cores": 2, "seconds_per_case": 10}

    run.write_report(
        run.merge_results(
            {"bench.cases.basics": {"facts": facts, "http": http, "measurements": [],
                                    "ratios": [("home", "bare")]}}
        )
    )  # fmt: skip

    text = (tmp_path / "benchmarks.md").read_text()
    assert "## basics" in text
    assert "| home | 4 | 50 | 1 | 250.0 | 4 / 8 / 9 | 4 / 8 / 9 | p95 ≤ 5 ms — NOT met |" in text
    assert "throughput 0.25×, server p50 4.0×" in text


def test_a_partial_run_keeps_the_figures_of_the_modules_it_did_not_run(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "REPORT", tmp_path / "benchmarks.md")
    monkeypatch.setattr(run, "RESULTS_FILE", tmp_path / "benchmarks.json")
    measurement = {"name": "due dates", "value": 250000.0, "unit": "/s", "detail": "",
                   "target": "≥ 100,000/s", "met": True}  # fmt: skip
    first = {"facts": {"date": "2026-11-25 21:00 UTC"}, "http": [], "measurements": [measurement]}
    second = {"facts": {"date": "2026-11-25 22:00 UTC"}, "http": [], "measurements": []}

    run.merge_results({"bench.cases.deadlines": first})
    run.write_report(run.merge_results({"bench.cases.documents": second}))

    text = (tmp_path / "benchmarks.md").read_text()
    assert "## deadlines" in text and "## documents" in text
    assert "| due dates | 250000 /s |  | ≥ 100,000/s — met |" in text


def _compose_command():
    """The first Compose client that answers here: `docker-compose` (Debian's) or the `docker compose`
    plugin. A `docker` binary without the plugin does not count."""
    for command in (["docker-compose"], ["docker", "compose"]):
        if not shutil.which(command[0]):
            continue
        probe = subprocess.run(
            [*command, "version"], capture_output=True, text=True, timeout=60, check=False
        )
        if probe.returncode == 0:
            return command
    return None


COMPOSE = _compose_command()


@pytest.mark.skipif(COMPOSE is None, reason="no Docker Compose client on this machine")
def test_docker_compose_file_is_valid():
    result = subprocess.run(
        [*COMPOSE, "-f", str(settings.BASE_DIR / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
