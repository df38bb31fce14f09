"""Signing a user in for a test: a fresh signed-in client, or an existing client signed in with the
second factor staff need (a confirmed authenticator recorded in the session)."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tests.accounts.factories import add_totp_device


def signed_in(user):
    """A new test client with ``user`` signed in (no second factor)."""
    client = Client()
    client.force_login(user)
    return client


def sign_in(client, user):
    """Sign ``user`` in on ``client``; staff and superusers also pass the second factor."""
    client.force_login(user)
    if user.is_superuser or user.memberships.exists():
        device = add_totp_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
