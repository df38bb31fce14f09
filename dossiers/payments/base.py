"""The interface every payment provider implements.

A provider turns a ``PaymentOrder`` into a redirect to its payment page (``start``), reads the signed
server-to-server callback (``parse_callback``) and the browser's return (``parse_return``, same
format for the gateways we know), answers the callback the way its protocol wants
(``callback_response``), and, where the gateway offers it, looks a transaction up for reconciliation
(``query``). Providers never touch dossiers or payments rows.
"""

import dataclasses
import datetime as dt
import enum
import hashlib
import hmac

from django.http import HttpResponse


@dataclasses.dataclass(frozen=True)
class PaymentOrder:
    reference: str  # our transaction reference, unique per attempt
    amount: int  # whole đồng
    description: str
    return_url: str  # where the payer's browser comes back
    notify_url: str  # where the gateway posts its signed callback
    created_at: dt.datetime
    expires_at: dt.datetime
    client_ip: str = "127.0.0.1"
    locale: str = "vi"


@dataclasses.dataclass(frozen=True)
class GatewayResult:
    """What a callback, a return or a query says about one transaction."""

    signature_valid: bool
    reference: str = ""
    amount: int | None = None
    succeeded: bool = False
    transaction_id: str = ""
    code: str = ""
    paid_at: dt.datetime | None = None
    raw: dict = dataclasses.field(default_factory=dict)


class Outcome(enum.StrEnum):
    """How our side handled a callback; each provider maps it to its protocol's answer."""

    CONFIRMED = "confirmed"
    FAILED_RECORDED = "failed_recorded"
    ALREADY_CONFIRMED = "already_confirmed"
    NOT_FOUND = "not_found"
    WRONG_AMOUNT = "wrong_amount"
    BAD_SIGNATURE = "bad_signature"
    ERROR = "error"


class PaymentProvider:
    name = ""
    verbose_name = ""

    def __init__(self, **options):
        self.options = options

    def start(self, order: PaymentOrder) -> str:
        """The URL to send the payer's browser to."""
        raise NotImplementedError

    def parse_callback(self, params: dict) -> GatewayResult:
        raise NotImplementedError

    def parse_return(self, params: dict) -> GatewayResult:
        return self.parse_callback(params)

    def callback_response(self, outcome: Outcome) -> HttpResponse:
        status = 200 if outcome not in (Outcome.BAD_SIGNATURE, Outcome.ERROR) else 400
        return HttpResponse(outcome.value, status=status, content_type="text/plain")

    def query(self, order: PaymentOrder) -> GatewayResult | None:
        """Ask the gateway what happened to ``order``; None when the gateway cannot say."""
        return None


def hmac_hex(secret: str, message: str, digest=hashlib.sha512) -> str:
    return hmac.new(secret.encode(), message.encode("utf-8"), digest).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest((a or "").lower().encode(), (b or "").lower().encode())
