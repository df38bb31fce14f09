from django.conf import settings
from django.core.management.base import BaseCommand

from portal.api.openapi import generate_schema_yaml


class Command(BaseCommand):
    help = (
        "Write the OpenAPI document of /api/v1/ to docs/api/openapi.yaml (the contract tests read)."
    )

    def handle(self, *args, **options):
        path = settings.API_SCHEMA_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_schema_yaml(), encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
