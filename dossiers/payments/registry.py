"""Payment providers by name, configured in settings::

    PAYMENT_PROVIDERS = {
        "sandbox": {"class": "dossiers.payments.contrib.sandbox.SandboxProvider", "secret": "..."},
        "vnpay": {"class": "dossiers.payments.contrib.vnpay.VNPayProvider", "tmn_code": "...",
                  "hash_secret": "...", "pay_url": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"},
    }
    PAYMENT_DEFAULT_PROVIDER = "sandbox"

Adding a provider is one folder under ``contrib/`` and one settings entry.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from dossiers.payments.base import PaymentProvider


class UnknownProvider(LookupError):
    pass


def _config() -> dict:
    return getattr(settings, "PAYMENT_PROVIDERS", {}) or {}


def names() -> list[str]:
    return list(_config())


def get(name: str) -> PaymentProvider:
    config = _config().get(name)
    if not config:
        raise UnknownProvider(name)
    options = {k: v for k, v in config.items() if k != "class"}
    provider = import_string(config["class"])(**options)
    provider.name = name
    return provider


def default() -> PaymentProvider:
    return get(getattr(settings, "PAYMENT_DEFAULT_PROVIDER", "sandbox"))
