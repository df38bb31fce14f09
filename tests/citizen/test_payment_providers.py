import datetime as dt
import hashlib
import hmac
import urllib.parse
from zoneinfo import ZoneInfo

import pytest

from dossiers.payments import registry
from dossiers.payments.base import Outcome, PaymentOrder
from dossiers.payments.contrib.sandbox import SandboxProvider
from dossiers.payments.contrib.vnpay import VNPayProvider, sign_params
from dossiers.payments.contrib.vnpay.provider import hash_data

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SECRET = "TESTSECRETTESTSECRETTESTSECRET12"


def order(**overrides):
    values = {
        "reference": "TT2611250001",
        "amount": 150000,
        "description": "Le phi ho so 000.00.12.H26-261125-0001",
        "return_url": "https://dvc.example.vn/thanh-toan/vnpay/ve/",
        "notify_url": "https://dvc.example.vn/thanh-toan/vnpay/ipn/",
        "created_at": dt.datetime(2026, 11, 25, 9, 30, tzinfo=VN),
        "expires_at": dt.datetime(2026, 11, 25, 9, 45, tzinfo=VN),
        "client_ip": "203.0.113.7",
    }
    values.update(overrides)
    return PaymentOrder(**values)


@pytest.fixture
def vnpay():
    return VNPayProvider(
        tmn_code="DVCTEST1", hash_secret=SECRET, pay_url="https://pay.example/vpcpay.html"
    )


def test_vnpay_hash_data_sorts_parameters_and_encodes_spaces_as_plus():
    params = {"vnp_TxnRef": "A1", "vnp_Amount": "100", "vnp_OrderInfo": "Le phi: ho so/1", "x": "y"}
    assert hash_data(params) == "vnp_Amount=100&vnp_OrderInfo=Le+phi%3A+ho+so%2F1&vnp_TxnRef=A1"


def test_vnpay_payment_url_is_signed_with_hmac_sha512_over_the_sorted_query(vnpay):
    url = vnpay.start(order())
    base, query = url.split("?", 1)
    assert base == "https://pay.example/vpcpay.html"
    signed_part, signature = query.rsplit("&vnp_SecureHash=", 1)
    expected = hmac.new(SECRET.encode(), signed_part.encode(), hashlib.sha512).hexdigest()
    assert signature == expected
    params = dict(urllib.parse.parse_qsl(signed_part))
    assert params["vnp_Amount"] == "15000000"  # đồng × 100
    assert params["vnp_CreateDate"] == "20261125093000"  # GMT+7
    assert params["vnp_ExpireDate"] == "20261125094500"
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_CurrCode"] == "VND" and params["vnp_Locale"] == "vn"


def ipn(**overrides):
    params = {
        "vnp_Amount": "15000000",
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": "Le phi ho so",
        "vnp_PayDate": "20261125093512",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "DVCTEST1",
        "vnp_TransactionNo": "14226112",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": "TT2611250001",
    }
    params.update(overrides)
    params["vnp_SecureHashType"] = "HmacSHA512"
    params["vnp_SecureHash"] = sign_params(params, SECRET)
    return params


def test_vnpay_ipn_with_a_good_signature_is_read(vnpay):
    result = vnpay.parse_callback(ipn())
    assert result.signature_valid and result.succeeded
    assert result.amount == 150000
    assert result.reference == "TT2611250001"
    assert result.transaction_id == "14226112"
    assert result.paid_at == dt.datetime(2026, 11, 25, 9, 35, 12, tzinfo=VN)


def test_vnpay_ipn_tampered_after_signing_is_invalid(vnpay):
    params = ipn()
    params["vnp_Amount"] = "100"
    assert not vnpay.parse_callback(params).signature_valid


def test_vnpay_ipn_signed_with_another_secret_is_invalid(vnpay):
    params = ipn()
    params["vnp_SecureHash"] = sign_params(params, "another-secret")
    assert not vnpay.parse_callback(params).signature_valid


def test_vnpay_ipn_for_another_merchant_is_invalid(vnpay):
    assert not vnpay.parse_callback(ipn(vnp_TmnCode="OTHER")).signature_valid


def test_vnpay_failed_transaction_is_not_success(vnpay):
    result = vnpay.parse_callback(ipn(vnp_ResponseCode="24", vnp_TransactionStatus="02"))
    assert result.signature_valid and not result.succeeded


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        (Outcome.CONFIRMED, "00"),
        (Outcome.NOT_FOUND, "01"),
        (Outcome.ALREADY_CONFIRMED, "02"),
        (Outcome.WRONG_AMOUNT, "04"),
        (Outcome.BAD_SIGNATURE, "97"),
        (Outcome.ERROR, "99"),
    ],
)
def test_vnpay_ipn_answers_follow_the_protocol(vnpay, outcome, code):
    import json

    response = vnpay.callback_response(outcome)
    assert response.status_code == 200
    assert json.loads(response.content)["RspCode"] == code


def test_vnpay_query_request_is_checksummed_over_the_pipe_joined_fields(vnpay):
    payload = vnpay.query_payload(order(), dt.datetime(2026, 11, 25, 10, 0, tzinfo=VN))
    data = "|".join(
        payload[k]
        for k in ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef",
                  "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
    )  # fmt: skip
    assert (
        payload["vnp_SecureHash"]
        == hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
    )
    assert (
        payload["vnp_Command"] == "querydr" and payload["vnp_TransactionDate"] == "20261125093000"
    )


def test_sandbox_signs_and_verifies_its_callbacks():
    provider = SandboxProvider(secret="s3cret")
    params = provider.sign({"sb_reference": "R1", "sb_amount": "5000", "sb_status": "success"})
    result = provider.parse_callback(params)
    assert result.signature_valid and result.succeeded and result.amount == 5000
    forged = {**params, "sb_amount": "1"}
    assert not provider.parse_callback(forged).signature_valid
    other = SandboxProvider(secret="other")
    assert not other.parse_callback(params).signature_valid


def test_sandbox_start_redirects_to_its_own_page_with_a_signed_order():
    provider = SandboxProvider(secret="s3cret")
    url = provider.start(order())
    assert url.startswith("/thanh-toan/sandbox/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert provider.read_token(token)["amount"] == 150000


def test_sandbox_ledger_answers_reconciliation_queries(settings):
    provider = SandboxProvider(secret="s3cret")
    assert provider.query(order(reference="NONE")) is None
    provider.settle({"ref": "LEDGER1", "amount": 7000}, paid=True)
    result = provider.query(order(reference="LEDGER1"))
    assert result.signature_valid and result.succeeded and result.amount == 7000


def test_registry_builds_providers_from_settings(settings):
    settings.PAYMENT_PROVIDERS = {
        "sandbox": {"class": "dossiers.payments.contrib.sandbox.SandboxProvider", "secret": "x"},
        "vnpay": {"class": "dossiers.payments.contrib.vnpay.VNPayProvider", "tmn_code": "T",
                  "hash_secret": "S"},
    }  # fmt: skip
    assert isinstance(registry.get("vnpay"), VNPayProvider)
    assert registry.get("sandbox").name == "sandbox"
    with pytest.raises(registry.UnknownProvider):
        registry.get("keypay")
