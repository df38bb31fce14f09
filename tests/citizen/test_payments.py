import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.models import DossierEvent, IssuedDocument, Payment, PaymentCallback, State
from dossiers.payments import registry
from dossiers.services import payments, submission
from dossiers.services.base import WrongState
from tests.citizen.conftest import pay_fees
from tests.dossiers.factories import DossierFactory


def callback(client, params):
    return client.post(reverse("dossiers:payment-callback", args=["sandbox"]), params)


def test_a_verified_callback_marks_the_fee_paid_with_a_receipt_number(client, ready_draft, citizen):
    payment, params = pay_fees(ready_draft, citizen)
    response = callback(client, params)
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.paid_at
    assert payment.receipt_number.startswith("BL")
    log = PaymentCallback.objects.get()
    assert log.signature_valid and log.processed and log.payment == payment
    assert DossierEvent.objects.filter(dossier=ready_draft, action="payment_confirmed").exists()


def test_a_callback_arriving_twice_changes_nothing_the_second_time(client, ready_draft, citizen):
    payment, params = pay_fees(ready_draft, citizen)
    callback(client, params)
    payment.refresh_from_db()
    first_paid_at = payment.paid_at
    assert callback(client, params).status_code == 200
    payment.refresh_from_db()
    assert payment.paid_at == first_paid_at
    assert PaymentCallback.objects.count() == 2
    assert PaymentCallback.objects.filter(error="already confirmed").count() == 1
    assert DossierEvent.objects.filter(action="payment_confirmed").count() == 1


def test_a_forged_callback_is_refused_and_logged(client, ready_draft, citizen):
    payment, params = pay_fees(ready_draft, citizen)
    forged = {**params, "sb_signature": "0" * 64}
    response = callback(client, forged)
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    log = PaymentCallback.objects.get()
    assert not log.signature_valid and log.error == "bad signature"


def test_a_callback_with_a_wrong_amount_changes_nothing(client, ready_draft, citizen):
    payment, _params = pay_fees(ready_draft, citizen)
    params = registry.get("sandbox").sign(
        {"sb_reference": payment.provider_reference, "sb_amount": "1000", "sb_status": "success"}
    )
    callback(client, params)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert "differs" in PaymentCallback.objects.get().error


def test_a_late_callback_for_a_superseded_attempt_changes_nothing(client, ready_draft, citizen):
    payment, old_params = pay_fees(ready_draft, citizen)
    payments.start(payment, citizen, build_urls=lambda p, n: ("http://t/", "http://t/"))
    callback(client, old_params)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert PaymentCallback.objects.get().error == "unknown or superseded reference"


def test_a_declined_payment_is_recorded_and_can_be_retried(client, ready_draft, citizen):
    payment, _params = pay_fees(ready_draft, citizen)
    params = registry.get("sandbox").sign(
        {"sb_reference": payment.provider_reference, "sb_amount": "50000", "sb_status": "cancelled"}
    )
    callback(client, params)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
    url = payments.start(payment, citizen, build_urls=lambda p, n: ("http://t/", "http://t/"))
    assert url.startswith("/thanh-toan/sandbox/")


def test_the_return_url_never_marks_paid(client, ready_draft, citizen):
    payment, params = pay_fees(ready_draft, citizen)
    client.force_login(citizen)
    response = client.get(reverse("dossiers:payment-return", args=["sandbox"]), params)
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_reconciliation_settles_a_payment_whose_callback_never_came(ready_draft, citizen, travel):
    payment, _params = pay_fees(ready_draft, citizen)
    registry.get("sandbox").settle(
        {"ref": payment.provider_reference, "amount": payment.amount}, paid=True
    )
    assert payments.reconcile_pending()["confirmed"] == 0  # still inside the attempt window
    travel.to(timezone.now() + dt.timedelta(minutes=30))
    assert payments.reconcile_pending()["confirmed"] == 1
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payments.reconcile_pending()["confirmed"] == 0  # idempotent


def test_paying_an_obligation_resumes_processing(client, citizen):
    dossier = DossierFactory(
        applicant=citizen, status=State.PAYMENT_REQUESTED, code="T-261125-0001"
    )
    dossier.clock_pauses = [{"start": timezone.now().isoformat(), "end": None, "reason": "phí"}]
    dossier.received_at = timezone.now() - dt.timedelta(days=2)
    dossier.save()
    payment = Payment.objects.create(
        dossier=dossier, amount=120000, purpose=Payment.Purpose.OBLIGATION, description="Thuế"
    )
    payments.start(payment, citizen, build_urls=lambda p, n: ("http://t/", "http://t/"))
    payment.refresh_from_db()
    params = registry.get("sandbox").sign(
        {"sb_reference": payment.provider_reference, "sb_amount": "120000", "sb_status": "success"}
    )
    callback(client, params)
    dossier.refresh_from_db()
    assert dossier.status == State.PROCESSING
    assert dossier.clock_pauses[-1]["end"] is not None
    event = DossierEvent.objects.get(dossier=dossier, action="payment_confirmed")
    assert event.from_state == State.PAYMENT_REQUESTED


def test_someone_else_cannot_start_my_payment(ready_draft, citizen):
    from tests.accounts.factories import CitizenFactory

    payment = payments.fee_payment_for(ready_draft, citizen)
    with pytest.raises(payments.ActionForbidden):
        payments.start(payment, CitizenFactory(), build_urls=lambda p, n: ("", ""))


def test_a_procedure_without_online_fees_has_nothing_to_pay(partial_version, citizen):
    draft = submission.start_draft(partial_version, citizen)
    with pytest.raises(WrongState):
        payments.fee_payment_for(draft, citizen)


def test_the_sandbox_gateway_page_pays_and_sends_the_callback(
    client, ready_draft, citizen, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(
        "dossiers.payments.tasks.post_form", lambda url, params: sent.append((url, params)) or 200
    )
    client.force_login(citizen)
    response = client.post(reverse("dossiers:pay-fees", args=[ready_draft.pk]))
    assert response.status_code == 302
    gateway = response["Location"]
    assert gateway.startswith("/thanh-toan/sandbox/")
    page = client.get(gateway)
    assert page.status_code == 200 and "50.000 đ" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(gateway, {"action": "pay"})
    assert response.status_code == 302 and "/thanh-toan/sandbox/ket-qua/" in response["Location"]
    ((url, params),) = sent
    assert url.endswith("/thanh-toan/sandbox/thong-bao/")
    assert callback(client, params).status_code == 200
    payment = Payment.objects.get(dossier=ready_draft)
    assert payment.status == Payment.Status.PAID
    receipt = client.get(reverse("dossiers:receipt", args=[ready_draft.pk, payment.pk]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")


def test_a_tampered_gateway_token_is_refused(client):
    response = client.get("/thanh-toan/sandbox/not-a-token/")
    assert response.status_code == 400


def test_reconciliation_runs_on_beat_through_a_named_task(settings, db):
    from celery import current_app

    entry = settings.CELERY_BEAT_SCHEDULE["reconcile-payments"]
    current_app.loader.import_default_modules()  # what a worker does at start (CELERY_IMPORTS)
    assert entry["task"] in current_app.tasks
    assert current_app.tasks[entry["task"]]() == {"confirmed": 0, "unknown": 0, "other": 0}


def _download(client, dossier, payment):
    response = client.get(reverse("dossiers:receipt", args=[dossier.pk, payment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_the_receipt_is_a_document_of_the_engine_issued_once_at_the_callback(
    client, ready_draft, citizen
):
    payment, params = pay_fees(ready_draft, citizen)
    callback(client, params)
    payment.refresh_from_db()
    stored = IssuedDocument.objects.get(kind=IssuedDocument.Kind.PAYMENT_RECEIPT)
    assert (stored.dossier, stored.number, stored.is_public) == (
        ready_draft,
        payment.receipt_number,
        True,
    )
    client.force_login(citizen)
    first, second = _download(client, ready_draft, payment), _download(client, ready_draft, payment)
    assert first == second and hashlib.sha256(first).hexdigest() == stored.sha256
    assert IssuedDocument.objects.filter(kind=IssuedDocument.Kind.PAYMENT_RECEIPT).count() == 1
    callback(client, params)  # the callback again: no second receipt
    assert IssuedDocument.objects.filter(kind=IssuedDocument.Kind.PAYMENT_RECEIPT).count() == 1


def test_a_payment_confirmed_before_receipts_were_stored_gets_its_receipt_once(client, citizen):
    dossier = DossierFactory(applicant=citizen, status=State.RECEIVED)
    payment = Payment.objects.create(
        dossier=dossier,
        amount=30000,
        status=Payment.Status.PAID,
        paid_at=timezone.now(),
        receipt_number="BL260301-0000001",
        provider="sandbox",
    )
    client.force_login(citizen)
    assert _download(client, dossier, payment) == _download(client, dossier, payment)
    assert IssuedDocument.objects.filter(dossier=dossier).count() == 1


def test_no_receipt_for_an_unpaid_payment_nor_for_someone_else(client, citizen):
    dossier = DossierFactory(applicant=citizen, status=State.PAYMENT_REQUESTED)
    payment = Payment.objects.create(dossier=dossier, amount=30000)
    client.force_login(citizen)
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, payment.pk])).status_code == 404
    with pytest.raises(WrongState):
        payments.receipt_document(payment)
    other = DossierFactory(status=State.RECEIVED)
    paid = Payment.objects.create(
        dossier=other, amount=1, status=Payment.Status.PAID, paid_at=timezone.now()
    )
    assert client.get(reverse("dossiers:receipt", args=[other.pk, paid.pk])).status_code == 404
