"""Demo data of the satisfaction app: the national survey form and the index scheme (idempotent)."""

from django.apps import apps

from satisfaction import defaults


def seed(log):
    for name in defaults.install(apps):
        log(f"  + {name}")
