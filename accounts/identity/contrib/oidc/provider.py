from django.conf import settings
from django.urls import reverse

from accounts.identity.base import IdentityProvider


class OIDCProvider(IdentityProvider):
    """OpenID Connect to a national identity provider (VNeID); the flow is mozilla-django-oidc's."""

    def __init__(self):
        super().__init__(
            name="oidc",
            label=settings.ACCOUNTS_OIDC_PROVIDER_NAME,
            assurance_source="vneid",
        )

    def start_url(self):
        return reverse("accounts:oidc-start")

    def is_configured(self):
        return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
