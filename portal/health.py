"""Readiness checks for /healthz: the database, the broker and pending migrations.

Each check returns a small dict with ``ok`` and a human-readable detail; the view answers 503 as soon as
one check is not ok, so a load balancer takes the process out of rotation.
"""

from time import perf_counter

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

BROKER_TIMEOUT_SECONDS = 2.0


def _timed(check):
    def run():
        started = perf_counter()
        try:
            result = check()
        except Exception as exc:
            result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        result["ms"] = round((perf_counter() - started) * 1000, 1)
        return result

    run.__name__ = check.__name__
    return run


@_timed
def check_database():
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


@_timed
def check_broker():
    from portal.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager", "detail": "tasks run in-process (embedded defaults)"}
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return {"ok": True, "mode": "broker", "transport": app.conf.broker_url.split("://", 1)[0]}


@_timed
def check_migrations():
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    return {"ok": not pending, "pending": pending}


CHECKS = {"database": check_database, "broker": check_broker, "migrations": check_migrations}


def run_checks() -> tuple[bool, dict]:
    results = {name: check() for name, check in CHECKS.items()}
    return all(result["ok"] for result in results.values()), results
