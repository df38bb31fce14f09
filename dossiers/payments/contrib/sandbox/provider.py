import datetime as dt
import hashlib
import secrets
import urllib.parse

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from dossiers.payments.base import GatewayResult, PaymentOrder, PaymentProvider, hmac_hex, same

TOKEN_SALT = "dossiers.payments.sandbox.order"  # noqa: S105 (a namespace, not a secret)
LEDGER_TTL = 60 * 60 * 24 * 35
PARAM_PREFIX = "sb_"


def _message(params: dict) -> str:
    pairs = sorted(
        (k, str(v)) for k, v in params.items() if k.startswith(PARAM_PREFIX) and k != "sb_signature"
    )
    return "&".join(f"{k}={v}" for k, v in pairs)


class SandboxProvider(PaymentProvider):
    name = "sandbox"
    verbose_name = "Cổng thanh toán thử nghiệm"

    @property
    def secret(self) -> str:
        return (
            self.options.get("secret")
            or hashlib.sha256(f"sandbox-gateway:{settings.SECRET_KEY}".encode()).hexdigest()
        )

    def sign(self, params: dict) -> dict:
        return {**params, "sb_signature": hmac_hex(self.secret, _message(params), hashlib.sha256)}

    # --- merchant side ---------------------------------------------------------------------------
    def start(self, order: PaymentOrder) -> str:
        token = signing.dumps(
            {
                "ref": order.reference,
                "amount": order.amount,
                "desc": order.description,
                "return": order.return_url,
                "notify": order.notify_url,
                "expires": order.expires_at.isoformat(),
                "provider": self.name,
            },
            salt=TOKEN_SALT,
            compress=True,
        )
        return reverse("dossiers:sandbox-gateway", args=[token])

    def parse_callback(self, params: dict) -> GatewayResult:
        params = {k: v for k, v in params.items() if k.startswith(PARAM_PREFIX)}
        expected = hmac_hex(self.secret, _message(params), hashlib.sha256)
        try:
            amount = int(params.get("sb_amount", ""))
        except ValueError:
            amount = None
        paid_at = None
        if params.get("sb_paid_at"):
            try:
                paid_at = dt.datetime.fromisoformat(params["sb_paid_at"])
            except ValueError:
                paid_at = None
        return GatewayResult(
            signature_valid=same(params.get("sb_signature", ""), expected),
            reference=params.get("sb_reference", ""),
            amount=amount,
            succeeded=params.get("sb_status") == "success",
            transaction_id=params.get("sb_transaction", ""),
            code=params.get("sb_status", ""),
            paid_at=paid_at,
            raw=params,
        )

    def query(self, order: PaymentOrder) -> GatewayResult | None:
        entry = cache.get(self.ledger_key(order.reference))
        if entry is None:
            return None
        return self.parse_callback(self.sign(entry))

    # --- gateway side (the sandbox's own page) ---------------------------------------------------
    @staticmethod
    def ledger_key(reference: str) -> str:
        return f"sandbox-gateway:txn:{reference}"

    @staticmethod
    def read_token(token: str) -> dict:
        return signing.loads(token, salt=TOKEN_SALT)

    def settle(self, order: dict, paid: bool) -> dict:
        """The payer acted on the gateway page: book it and return the signed result parameters."""
        params = {
            "sb_reference": order["ref"],
            "sb_amount": str(order["amount"]),
            "sb_status": "success" if paid else "cancelled",
            "sb_transaction": f"SB{secrets.token_hex(6).upper()}",
            "sb_paid_at": timezone.now().isoformat(timespec="seconds"),
        }
        cache.set(self.ledger_key(order["ref"]), params, LEDGER_TTL)
        return self.sign(params)

    @staticmethod
    def with_params(url: str, params: dict) -> str:
        joiner = "&" if "?" in url else "?"
        return f"{url}{joiner}{urllib.parse.urlencode(params)}"
