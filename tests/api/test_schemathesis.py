"""Property-based testing of the API against its committed OpenAPI document (schemathesis).

On a seeded database (an agency with staff, dossiers in several states, a partner with a webhook, the
status feed numbered), every operation of docs/api/openapi.yaml gets a few generated requests as each
of: an anonymous caller, a partner system with every scope, a citizen's app. No answer may be a 5xx,
and every answer must match the document (status code, content type, headers, body schema).
Bounded: a few examples per operation and identity, derandomised, so the run is short and repeatable.
"""

import datetime as dt

import pytest
import schemathesis
import yaml
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Membership
from dossiers.access import Role
from dossiers.models import State
from dossiers.services import base
from portal.integrations import feed
from portal.integrations.models import WebhookSubscription
from tests.api.factories import CitizenAppFactory, PartnerClientFactory, bearer, issue_token
from tests.dossiers.helpers import dossier_in

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 4
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler without closing the test's database connection after each request
    (what django.test.Client does too)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(world):
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read", "status:write"])
    Membership.objects.create(
        user=partner.service_account,
        agency=world.agency,
        role=Role.RECEIVING_OFFICER,
        started_at=timezone.now() - dt.timedelta(days=30),
    )
    WebhookSubscription.objects.create(partner=partner, url="http://127.0.0.1:9/never")
    for state in (State.SUBMITTED, State.PROCESSING, State.RETURNED):
        dossier = dossier_in(world, state, submitted_at=timezone.now())
        base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT)
    feed.sequence_pending()
    scopes = ["catalogue:read", "status:read", "status:write"]
    return {
        "anonymous": {},
        "partner": bearer(issue_token(partner.application, scopes)),
        "citizen_app": bearer(
            issue_token(CitizenAppFactory(), ["dossiers:own", "catalogue:read"], user=world.citizen)
        ),
    }


def exercise(operation, identity, headers, failures):
    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except AssertionError as exc:  # collect, to report every operation at once
            failures.append(f"{identity} {operation.verbose_name}: {exc}")

    run()


def test_api_answers_generated_requests_without_5xx_and_as_documented(seeded, wsgi_app):
    raw = yaml.safe_load(settings.API_SCHEMA_FILE.read_text(encoding="utf-8"))
    schema = schemathesis.from_dict(raw, app=wsgi_app)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for identity, auth in seeded.items():
        headers = {key.removeprefix("HTTP_").title(): value for key, value in auth.items()}
        for operation in operations:
            exercise(operation, identity, headers, failures)

    assert not failures, "\n\n".join(failures[:10])
