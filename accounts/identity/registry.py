from django.conf import settings

from accounts.identity.base import IdentityProvider

_providers: dict[str, IdentityProvider] = {}


def register(provider: IdentityProvider) -> IdentityProvider:
    _providers[provider.name] = provider
    return provider


def get(name) -> IdentityProvider:
    return _providers[name]


def enabled() -> list[IdentityProvider]:
    """Providers offered on the sign-in page, in the order of ACCOUNTS_IDENTITY_PROVIDERS."""
    return [
        _providers[name]
        for name in settings.ACCOUNTS_IDENTITY_PROVIDERS
        if name in _providers and _providers[name].is_configured()
    ]


def _load_builtin():
    from accounts.identity.contrib.local import provider as local
    from accounts.identity.contrib.oidc import provider as oidc

    register(local.LocalPasswordProvider())
    register(oidc.OIDCProvider())


_load_builtin()
