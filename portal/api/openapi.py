"""The committed OpenAPI document and the generated one (tests/api/test_schema_contract.py compares
them; ``make schema`` rewrites the file)."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer


def generate_schema_yaml() -> str:
    """The schema as the running code describes it, always in Vietnamese (the source language)."""
    with translation.override(settings.LANGUAGE_CODE):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def committed_schema_yaml() -> str:
    path = settings.API_SCHEMA_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""
