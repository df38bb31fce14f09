"""VNPay (Cổng thanh toán VNPAY) payment gateway adapter, protocol version 2.1.0.

Protocol as documented by VNPay (sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html):
- Payment URL: the ``vnp_*`` parameters sorted by name, each ``key=value`` URL-encoded (spaces as
  ``+``) and joined by ``&``; ``vnp_SecureHash`` = HMAC-SHA512 of that string with the merchant's hash
  secret, appended to the query string. ``vnp_Amount`` is the amount in đồng times 100;
  ``vnp_CreateDate``/``vnp_ExpireDate`` are ``yyyyMMddHHmmss`` in GMT+7.
- IPN (server-to-server, GET) and ReturnUrl carry ``vnp_*`` parameters signed the same way (without
  ``vnp_SecureHash``/``vnp_SecureHashType``). Success is ``vnp_ResponseCode == "00"`` and
  ``vnp_TransactionStatus == "00"``.
- The IPN must be answered with JSON ``{"RspCode": ..., "Message": ...}``: 00 confirmed, 01 order not
  found, 02 already confirmed, 04 invalid amount, 97 invalid signature, 99 other error.
- Query (``querydr``): JSON POST to the API URL, checksum = HMAC-SHA512 of
  ``requestId|version|command|tmnCode|txnRef|transactionDate|createDate|ipAddr|orderInfo``.
"""

from dossiers.payments.contrib.vnpay.provider import VNPayProvider, sign_params

__all__ = ["VNPayProvider", "sign_params"]
