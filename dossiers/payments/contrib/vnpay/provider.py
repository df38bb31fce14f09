import datetime as dt
import json
import logging
import urllib.parse
import urllib.request
import uuid
from zoneinfo import ZoneInfo

from django.http import JsonResponse

from dossiers.payments.base import (
    GatewayResult,
    Outcome,
    PaymentOrder,
    PaymentProvider,
    hmac_hex,
    same,
)

logger = logging.getLogger(__name__)
GMT7 = ZoneInfo("Asia/Ho_Chi_Minh")
VERSION = "2.1.0"
DATE_FORMAT = "%Y%m%d%H%M%S"
SIGNATURE_KEYS = {"vnp_SecureHash", "vnp_SecureHashType"}

IPN_ANSWERS = {
    Outcome.CONFIRMED: ("00", "Confirm Success"),
    Outcome.FAILED_RECORDED: ("00", "Confirm Success"),
    Outcome.NOT_FOUND: ("01", "Order not found"),
    Outcome.ALREADY_CONFIRMED: ("02", "Order already confirmed"),
    Outcome.WRONG_AMOUNT: ("04", "Invalid amount"),
    Outcome.BAD_SIGNATURE: ("97", "Invalid signature"),
    Outcome.ERROR: ("99", "Unknown error"),
}


def hash_data(params: dict) -> str:
    """The string VNPay signs: sorted ``vnp_*`` pairs, URL-encoded with ``+`` for spaces."""
    pairs = sorted(
        (k, str(v))
        for k, v in params.items()
        if k.startswith("vnp_") and k not in SIGNATURE_KEYS and v not in (None, "")
    )
    return "&".join(f"{urllib.parse.quote_plus(k)}={urllib.parse.quote_plus(v)}" for k, v in pairs)


def sign_params(params: dict, secret: str) -> str:
    return hmac_hex(secret, hash_data(params))


def _vn_time(value: dt.datetime) -> str:
    return value.astimezone(GMT7).strftime(DATE_FORMAT)


def _parse_time(value: str):
    try:
        return dt.datetime.strptime(value, DATE_FORMAT).replace(tzinfo=GMT7)
    except (TypeError, ValueError):
        return None


class VNPayProvider(PaymentProvider):
    name = "vnpay"
    verbose_name = "VNPAY"

    @property
    def tmn_code(self):
        return self.options["tmn_code"]

    @property
    def secret(self):
        return self.options["hash_secret"]

    def payment_params(self, order: PaymentOrder) -> dict:
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(order.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": order.reference,
            "vnp_OrderInfo": order.description,
            "vnp_OrderType": self.options.get("order_type", "other"),
            "vnp_Locale": "en" if order.locale.startswith("en") else "vn",
            "vnp_ReturnUrl": order.return_url,
            "vnp_IpAddr": order.client_ip or "127.0.0.1",
            "vnp_CreateDate": _vn_time(order.created_at),
            "vnp_ExpireDate": _vn_time(order.expires_at),
        }

    def start(self, order: PaymentOrder) -> str:
        params = self.payment_params(order)
        query = hash_data(params)
        signature = hmac_hex(self.secret, query)
        base = self.options.get("pay_url", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
        return f"{base}?{query}&vnp_SecureHash={signature}"

    def parse_callback(self, params: dict) -> GatewayResult:
        params = {k: v for k, v in params.items() if k.startswith("vnp_")}
        valid = same(params.get("vnp_SecureHash", ""), sign_params(params, self.secret))
        if valid and params.get("vnp_TmnCode") not in (None, self.tmn_code):
            valid = False
        try:
            amount = int(params.get("vnp_Amount", "")) // 100
            if int(params["vnp_Amount"]) % 100:
                amount = None
        except (KeyError, ValueError):
            amount = None
        return GatewayResult(
            signature_valid=valid,
            reference=params.get("vnp_TxnRef", ""),
            amount=amount,
            succeeded=params.get("vnp_ResponseCode") == "00"
            and params.get("vnp_TransactionStatus", "00") == "00",
            transaction_id=params.get("vnp_TransactionNo", ""),
            code=params.get("vnp_ResponseCode", ""),
            paid_at=_parse_time(params.get("vnp_PayDate", "")),
            raw=params,
        )

    def callback_response(self, outcome: Outcome):
        code, message = IPN_ANSWERS[Outcome(outcome)]
        # VNPay reads the JSON body; it retries on anything but a 200 with a known code.
        return JsonResponse({"RspCode": code, "Message": message})

    def query_payload(self, order: PaymentOrder, now: dt.datetime) -> dict:
        request_id = uuid.uuid4().hex
        payload = {
            "vnp_RequestId": request_id,
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": order.reference,
            "vnp_OrderInfo": f"Truy van giao dich {order.reference}",
            "vnp_TransactionDate": _vn_time(order.created_at),
            "vnp_CreateDate": _vn_time(now),
            "vnp_IpAddr": self.options.get("server_ip", "127.0.0.1"),
        }
        data = "|".join(
            payload[k]
            for k in (
                "vnp_RequestId",
                "vnp_Version",
                "vnp_Command",
                "vnp_TmnCode",
                "vnp_TxnRef",
                "vnp_TransactionDate",
                "vnp_CreateDate",
                "vnp_IpAddr",
                "vnp_OrderInfo",
            )
        )
        payload["vnp_SecureHash"] = hmac_hex(self.secret, data)
        return payload

    def query(self, order: PaymentOrder) -> GatewayResult | None:
        api_url = self.options.get("api_url")
        if not api_url:
            return None
        payload = self.query_payload(order, dt.datetime.now(tz=GMT7))
        request = urllib.request.Request(  # noqa: S310 (https URL from settings)
            api_url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                answer = json.loads(response.read())
        except (OSError, ValueError):
            logger.warning("VNPay querydr failed for %s", order.reference, exc_info=True)
            return None
        response_fields = (
            "vnp_ResponseId",
            "vnp_Command",
            "vnp_ResponseCode",
            "vnp_Message",
            "vnp_TmnCode",
            "vnp_TxnRef",
            "vnp_Amount",
            "vnp_BankCode",
            "vnp_PayDate",
            "vnp_TransactionNo",
            "vnp_TransactionType",
            "vnp_TransactionStatus",
            "vnp_OrderInfo",
            "vnp_PromotionCode",
            "vnp_PromotionAmount",
        )
        data = "|".join(str(answer.get(k, "")) for k in response_fields)
        valid = same(answer.get("vnp_SecureHash", ""), hmac_hex(self.secret, data))
        try:
            amount = int(answer.get("vnp_Amount", "")) // 100
        except ValueError:
            amount = None
        return GatewayResult(
            signature_valid=valid,
            reference=answer.get("vnp_TxnRef", ""),
            amount=amount,
            succeeded=answer.get("vnp_ResponseCode") == "00"
            and answer.get("vnp_TransactionStatus") == "00",
            transaction_id=str(answer.get("vnp_TransactionNo", "")),
            code=str(answer.get("vnp_TransactionStatus", "")),
            paid_at=_parse_time(answer.get("vnp_PayDate", "")),
            raw=answer,
        )
