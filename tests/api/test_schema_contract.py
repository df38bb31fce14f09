"""The API's contract: the committed OpenAPI document is the one the code generates."""

import difflib
import os
import subprocess
import sys

import pytest
import yaml
from django.conf import settings

from portal.api.openapi import committed_schema_yaml, generate_schema_yaml


def test_committed_openapi_document_matches_the_generated_one():
    generated = generate_schema_yaml()
    committed = committed_schema_yaml()
    if generated != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "docs/api/openapi.yaml (committed)",
                    "generated",
                )
            )[:80]
        )
        pytest.fail(
            "The API changed but docs/api/openapi.yaml did not: run `make schema`, review the "
            f"difference and commit it.\n{diff}"
        )


def test_every_operation_documents_the_shared_error_shape():
    schema = yaml.safe_load(settings.API_SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "429"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (method, path)


@pytest.mark.django_db
def test_schema_is_served_as_openapi_3(client):
    response = client.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.django_db
def test_interactive_docs_use_local_assets_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "<script>" not in html and "style=" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200


def test_schema_does_not_depend_on_the_language_active_when_the_api_is_first_imported():
    """A worker whose first request is in English must still describe the API in Vietnamese."""
    code = (
        "import django; django.setup(); from django.utils import translation; "
        "translation.activate('en'); import portal.urls; translation.deactivate(); "
        "from portal.api.openapi import generate_schema_yaml, committed_schema_yaml; "
        "print(generate_schema_yaml() == committed_schema_yaml())"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1:] == ["True"], result.stderr[-2000:]
