"""Versions of the parts under test, read from the running stack (called by bench/run.py)."""

import django
import redis
from django.conf import settings
from django.db import connection


def versions() -> dict:
    import gunicorn

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    redis_version = redis.Redis.from_url(settings.REDIS_URL).info("server")["redis_version"]
    return {
        "django": django.get_version(),
        "postgresql": postgres,
        "redis": redis_version,
        "gunicorn": gunicorn.__version__,
    }
