"""Webhooks never reach the portal's own machine or private networks (SSRF): refused when a partner
subscribes (API and admin) and again when sending, down to the address the socket connected to."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Membership
from dossiers.models import State
from dossiers.services import base
from portal.integrations import destinations, feed, webhooks
from portal.integrations.models import WebhookDelivery, WebhookSubscription
from tests.api.factories import PartnerClientFactory, bearer, issue_token
from tests.dossiers.helpers import dossier_in

pytestmark = pytest.mark.django_db

PRIVATE_URLS = [
    "http://127.0.0.1:6379/",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://192.168.1.10/hook",
    "http://172.16.0.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
    "http://100.64.0.1/hook",
]


@pytest.fixture
def guarded(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    return settings


@pytest.fixture
def partner(world):
    partner = PartnerClientFactory(scopes=["catalogue:read", "status:read"])
    Membership.objects.create(
        user=partner.service_account,
        agency=world.agency,
        role="specialist",
        started_at=timezone.now() - dt.timedelta(days=365),
    )
    partner.token = issue_token(partner.application, ["status:read"])
    return partner


def subscribe(api, partner, url, lang="vi"):
    return api.post(
        f"/api/v1/webhooks/?lang={lang}", {"url": url}, **bearer(partner.token), format="json"
    )


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_a_subscription_to_a_private_loopback_or_link_local_address_is_refused(
    api, partner, guarded, url
):
    response = subscribe(api, partner, url)

    assert response.status_code == 400, response.content
    error = response.json()["fields"]["url"][0]
    assert error["code"] == "unsafe_destination"
    assert "nội bộ" in error["message"]
    assert not WebhookSubscription.objects.exists()


def test_the_refusal_is_explained_in_english_when_asked(api, partner, guarded):
    response = subscribe(api, partner, "http://10.0.0.1/", lang="en")

    assert "private" in response.json()["fields"]["url"][0]["message"]


def test_a_public_address_is_accepted(api, partner, guarded):
    response = subscribe(api, partner, "http://93.184.216.34/hook")

    assert response.status_code == 201, response.content


def test_an_unresolvable_host_is_refused(api, partner, guarded):
    response = subscribe(api, partner, "https://khong-ton-tai.invalid/hook")

    assert response.status_code == 400
    assert "khong-ton-tai.invalid" in response.json()["fields"]["url"][0]["message"]


def test_a_listed_private_network_is_allowed_for_a_partner_on_the_government_network(
    api, partner, guarded
):
    guarded.WEBHOOK_ALLOWED_NETWORKS = ["10.20.0.0/16"]

    assert subscribe(api, partner, "http://10.20.3.4/hook").status_code == 201
    assert subscribe(api, partner, "http://10.21.3.4/hook").status_code == 400


def test_development_and_test_allow_local_receivers(api, partner, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True

    assert subscribe(api, partner, "http://127.0.0.1:8001/hook").status_code == 201


def test_the_admin_refuses_a_private_address_too(partner, guarded):
    subscription = WebhookSubscription(partner=partner, url="http://169.254.169.254/")

    with pytest.raises(ValidationError) as caught:
        subscription.full_clean()

    assert "url" in caught.value.message_dict


def _one_event_for(world, partner, url, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True  # subscribed while it was allowed
    subscription = WebhookSubscription.objects.create(partner=partner, url=url)
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT)
    feed.sequence_pending()
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    return subscription


def test_delivery_to_a_private_address_is_refused_and_logged(world, partner, receiver, settings):
    subscription = _one_event_for(world, partner, receiver.url, settings)

    result = webhooks.deliver(subscription.pk)

    assert result == {"sent": 0, "failed": 1}
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    attempt = delivery.log.get()
    assert delivery.status == "pending" and not attempt.succeeded
    assert "127.0.0.1" in attempt.error and attempt.response_status is None


def test_a_name_that_turns_private_after_the_check_is_caught_at_connection(
    world, partner, receiver, settings, monkeypatch
):
    """DNS rebinding: the name passed the check, the connection lands on 127.0.0.1."""
    subscription = _one_event_for(world, partner, receiver.url, settings)
    monkeypatch.setattr(destinations, "check_url", lambda url: None)

    result = webhooks.deliver(subscription.pk)

    assert result["sent"] == 0 and receiver.received == []
    attempt = WebhookDelivery.objects.get(subscription=subscription).log.get()
    assert "127.0.0.1" in attempt.error


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.2", False),
        ("10.0.0.1", False),
        ("fd00::1", False),
        ("fe80::1%eth0", False),
        ("224.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("100.64.1.1", False),
    ],
)
def test_which_addresses_count_as_public(address, public, guarded):
    assert destinations.is_public(address) is public
