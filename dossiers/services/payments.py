"""Paying fees and financial obligations online (DOMAIN.md §8).

- ``fee_payment_for(dossier)``: the fee payment of a full-process draft (created once, reused).
- ``start(payment, actor, ...)``: a new attempt with a fresh transaction reference; returns the
  provider's redirect URL.
- ``handle_callback(provider, params)``: the provider's signed server-to-server callback. Every
  callback is kept (``PaymentCallback``) whatever its fate. A payment is marked paid only when the
  signature is valid, the reference is the payment's current attempt, the amount is exactly the
  amount owed and the payment is not settled yet; anything else changes nothing and is logged. A
  verified payment of an obligation (status 6) resumes the dossier's clock.
- ``reconcile_pending()``: attempts whose callback never came are asked of the gateway.
- The electronic receipt (biên lai điện tử) is a statutory document of the documents engine
  (kind ``payment_receipt``): rendered once when the payment is confirmed and stored with the dossier;
  ``receipt_document(payment)`` returns that stored file (the one the citizen downloads).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_act_for
from dossiers import slips
from dossiers.citizen import notices
from dossiers.models import IssuedDocument, Payment, PaymentCallback, State
from dossiers.payments import registry
from dossiers.payments.base import GatewayResult, Outcome, PaymentOrder
from dossiers.services.base import (
    ActionForbidden,
    WrongState,
    append_event,
    lock,
    require,
    resume_clock,
    save_dossier,
)
from dossiers.services.submission import fees_total, needs_online_payment

logger = logging.getLogger(__name__)

PAYABLE = (Payment.Status.PENDING, Payment.Status.FAILED, Payment.Status.EXPIRED)


def new_reference() -> str:
    return f"TT{timezone.localtime():%y%m%d%H%M%S}{secrets.token_hex(3).upper()}"


def receipt_number(payment) -> str:
    return f"BL{timezone.localtime(payment.paid_at):%y%m%d}-{payment.pk:07d}"


def fee_payment_for(dossier, actor) -> Payment:
    """The fee payment of a draft under a full-process procedure (one per dossier)."""
    version = dossier.procedure_version
    if dossier.status != State.DRAFT or not needs_online_payment(version):
        raise WrongState(_("Hồ sơ này không có khoản phí cần nộp trực tuyến lúc này."))
    with transaction.atomic():
        dossier = lock(dossier)
        payment = dossier.payments.filter(purpose=Payment.Purpose.FEE).first()
        amount = fees_total(version)
        if payment is None:
            payment = Payment.objects.create(
                dossier=dossier,
                amount=amount,
                purpose=Payment.Purpose.FEE,
                description=_("Phí, lệ phí thủ tục %(code)s") % {"code": version.procedure.code},
                requested_by=actor,
            )
        elif payment.status in PAYABLE and payment.amount != amount:
            payment.amount = amount  # the version's fees are what is owed at submission
            payment.save(update_fields=["amount", "updated_at"])
    return payment


def order_for(payment, *, return_url="", notify_url="", client_ip="", locale="vi"):
    created = payment.updated_at or timezone.now()
    return PaymentOrder(
        reference=payment.provider_reference or "",
        amount=int(payment.amount),
        description=payment.description[:255] or _("Thanh toán hồ sơ"),
        return_url=return_url,
        notify_url=notify_url,
        created_at=created,
        expires_at=created + dt.timedelta(minutes=settings.PAYMENT_ATTEMPT_MINUTES),
        client_ip=client_ip or "127.0.0.1",
        locale=locale,
    )


def start(payment, actor, *, provider_name=None, build_urls, client_ip="", locale="vi") -> str:
    """Begin a new attempt for ``payment``: a fresh reference, the provider's redirect URL.
    ``build_urls(payment, provider_name)`` returns (return_url, notify_url), absolute."""
    provider = registry.get(provider_name) if provider_name else registry.default()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("dossier").get(pk=payment.pk)
        dossier = payment.dossier
        if actor is None or not can_act_for(actor, dossier.applicant_id):
            raise ActionForbidden()
        if payment.status == Payment.Status.PAID:
            raise WrongState(_("Khoản này đã được thanh toán."))
        if payment.status not in PAYABLE:
            raise WrongState(_("Khoản này không còn cần thanh toán."))
        if payment.purpose == Payment.Purpose.OBLIGATION and dossier.status != (
            State.PAYMENT_REQUESTED
        ):
            raise WrongState(_("Hồ sơ hiện không chờ thực hiện nghĩa vụ tài chính."))
        payment.provider = provider.name
        payment.provider_reference = new_reference()
        payment.status = Payment.Status.PENDING
        payment.save()
        return_url, notify_url = build_urls(payment, provider.name)
        order = order_for(
            payment,
            return_url=return_url,
            notify_url=notify_url,
            client_ip=client_ip,
            locale=locale,
        )
    return provider.start(order)


def _record(provider_name, params, headers, result: GatewayResult | None, payment=None, error=""):
    return PaymentCallback.objects.create(
        payment=payment,
        provider=provider_name,
        payload={k: str(v) for k, v in params.items()},
        headers=headers or {},
        signature_valid=bool(result and result.signature_valid),
        processed=False,
        error=error,
    )


def handle_callback(provider_name, params, headers=None, *, source="callback") -> Outcome:
    """Verify and apply a provider's callback (or a reconciliation answer)."""
    try:
        provider = registry.get(provider_name)
    except registry.UnknownProvider:
        _record(provider_name, params, headers, None, error="unknown provider")
        return Outcome.NOT_FOUND
    result = provider.parse_callback(params)
    if not result.signature_valid:
        _record(provider_name, params, headers, result, error="bad signature")
        logger.warning("Payment callback with a bad signature from %s", provider_name)
        return Outcome.BAD_SIGNATURE
    return apply_result(provider_name, result, params, headers, source=source)


def apply_result(provider_name, result: GatewayResult, params, headers=None, *, source="callback"):
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(provider=provider_name, provider_reference=result.reference)
            .first()
            if result.reference
            else None
        )
        log = _record(provider_name, params, headers, result, payment=payment)
        if payment is None:
            log.error = "unknown or superseded reference"
            log.save(update_fields=["error"])
            logger.warning("Payment callback for unknown reference %s", result.reference)
            return Outcome.NOT_FOUND
        if payment.status == Payment.Status.PAID:
            log.error = "already confirmed"
            log.save(update_fields=["error"])
            return Outcome.ALREADY_CONFIRMED
        if result.amount != payment.amount:
            log.error = f"amount {result.amount} differs from {payment.amount}"
            log.save(update_fields=["error"])
            logger.warning("Payment %s: callback amount %s", payment.pk, result.amount)
            return Outcome.WRONG_AMOUNT
        if payment.status not in PAYABLE:
            log.error = f"payment is {payment.status}"
            log.save(update_fields=["error"])
            return Outcome.ALREADY_CONFIRMED
        if not result.succeeded:
            payment.status = Payment.Status.FAILED
            payment.save(update_fields=["status", "updated_at"])
            log.processed = True
            log.error = f"declined: {result.code}"
            log.save(update_fields=["processed", "error"])
            return Outcome.FAILED_RECORDED
        _confirm(payment, result, source=source)
        log.processed = True
        log.save(update_fields=["processed"])
    return Outcome.CONFIRMED


def _confirm(payment, result: GatewayResult, *, source):
    now = timezone.now()
    payment.status = Payment.Status.PAID
    payment.paid_at = result.paid_at or now
    payment.receipt_number = receipt_number(payment)
    payment.save(update_fields=["status", "paid_at", "receipt_number", "updated_at"])
    dossier = lock(payment.dossier_id)
    slips.issue_payment_receipt(payment, dossier)
    data = {
        "payment": payment.pk,
        "amount": int(payment.amount),
        "provider": payment.provider,
        "transaction": result.transaction_id,
        "source": source,
    }
    if payment.purpose == Payment.Purpose.OBLIGATION and dossier.status == State.PAYMENT_REQUESTED:
        before = dossier.status
        require(dossier, "confirm_payment")()
        resume_clock(dossier, now)
        save_dossier(
            dossier, "status", "clock_pauses", "clock_paused_at", "due_at", "due_explanation"
        )
        append_event(dossier, "payment_confirmed", None, from_state=before, data=data)
        notices.to_applicant(
            "payment_confirmed", dossier, amount=payment.amount, receipt=payment.receipt_number
        )
    else:
        save_dossier(dossier)
        append_event(
            dossier, "payment_confirmed", None, from_state=dossier.status, data=data, is_public=True
        )
        if dossier.status != State.DRAFT:
            notices.to_applicant(
                "payment_confirmed", dossier, amount=payment.amount, receipt=payment.receipt_number
            )


def _stored_receipt(payment):
    return IssuedDocument.objects.filter(
        dossier_id=payment.dossier_id,
        kind=IssuedDocument.Kind.PAYMENT_RECEIPT,
        number=payment.receipt_number,
    ).first()


def receipt_document(payment) -> IssuedDocument:
    """The stored electronic receipt of a paid payment. Payments confirmed before receipts were
    stored get theirs issued now, once (the dossier's row is locked while it is)."""
    if payment.status != Payment.Status.PAID:
        raise WrongState(_("Khoản này chưa được thanh toán, chưa có biên lai."))
    document = _stored_receipt(payment)
    if document is not None:
        return document
    with transaction.atomic():
        dossier = lock(payment.dossier_id)
        document = _stored_receipt(payment)
        if document is None:
            document = slips.issue_payment_receipt(payment, dossier)
    return document


def reconcile_pending(now=None) -> dict:
    """Ask the gateway about attempts older than the attempt window that are still pending."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.PAYMENT_ATTEMPT_MINUTES)
    counts = {"confirmed": 0, "unknown": 0, "other": 0}
    pending = Payment.objects.filter(
        status=Payment.Status.PENDING,
        provider_reference__isnull=False,
        updated_at__lt=cutoff,
    ).order_by("pk")[:500]
    for payment in pending:
        try:
            provider = registry.get(payment.provider)
        except registry.UnknownProvider:
            counts["unknown"] += 1
            continue
        result = provider.query(order_for(payment))
        if result is None or not result.signature_valid:
            counts["unknown"] += 1
            continue
        outcome = apply_result(
            payment.provider, result, result.raw, {"source": "reconciliation"}, source="query"
        )
        counts["confirmed" if outcome == Outcome.CONFIRMED else "other"] += 1
    return counts
