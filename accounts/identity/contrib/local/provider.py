from django.utils.translation import gettext_lazy as _

from accounts.identity.base import IdentityProvider


class LocalPasswordProvider(IdentityProvider):
    """Identifier (ID number, tax code, email, phone) and password; accounts/backends.py."""

    def __init__(self):
        super().__init__(name="local", label=_("Tài khoản của Cổng"), assurance_source="self")
