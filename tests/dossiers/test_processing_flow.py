"""A dossier's whole life through the staff services, and two officers acting at once."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from dossiers.models import Dossier, DossierStep, IssuedDocument, State, SupplementRequest
from dossiers.services import base
from dossiers.services import processing as p
from dossiers.services.base import DossierChanged, WrongState
from tests.dossiers.helpers import dossier_in, signed_result

pytestmark = pytest.mark.django_db


def _answer_supplement(dossier):
    """What the citizen side does when the applicant answers (services/citizen.py, not ours)."""
    from django.db import transaction

    with transaction.atomic():
        d = base.lock(dossier)
        d.answer_processing_supplement()
        base.resume_clock(d)
        SupplementRequest.objects.filter(dossier=d, status="open").update(
            status="answered", answered_at=timezone.now()
        )
        base.save_dossier(
            d, "status", "clock_pauses", "clock_paused_at", "due_at", "due_explanation"
        )
        base.append_event(
            d, "answer_supplement", d.applicant, from_state=State.SUPPLEMENT_IN_PROCESSING
        )


def test_a_dossier_goes_from_the_receiving_desk_to_the_returned_result(world, travel, fast_pdf):
    travel.to("2026-03-02 09:00")  # a Monday
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    receipt = p.receive(dossier, world.receiver)
    dossier.refresh_from_db()
    assert receipt.kind == IssuedDocument.Kind.RECEIPT and receipt.is_public
    assert receipt.number.endswith("GTN-STP")
    assert dossier.status_code == 2 and dossier.due_at and dossier.lookup_pin_hash
    assert dossier.due_at > dossier.received_at

    travel.to("2026-03-02 10:00")
    p.transfer(dossier, world.receiver, world.unit)
    p.assign(dossier, world.leader, world.specialist)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.handling_unit, dossier.assignee) == (
        State.PROCESSING,
        world.unit,
        world.specialist,
    )
    due_before = dossier.due_at

    travel.to("2026-03-03 09:00")
    p.request_processing_supplement(
        dossier, world.specialist, [{"content": "Bản chụp CCCD", "reason": "Ảnh mờ"}]
    )
    travel.to("2026-03-05 09:00")  # two working days later the applicant answers
    _answer_supplement(dossier)
    dossier.refresh_from_db()
    assert dossier.status == State.PROCESSING
    assert dossier.due_at > due_before  # the paused days do not count

    p.submit_for_approval(dossier, world.specialist)
    p.reject(dossier, world.leader, ["Ghi sai ngày sinh"])
    p.submit_for_approval(dossier, world.specialist)
    p.approve(dossier, world.leader)
    result = p.issue_result(dossier, world.specialist, signed_result(), number="12/STP")
    dossier.refresh_from_db()
    assert dossier.status_code == 9
    assert dossier.handled_by == world.specialist  # the officer the applicant will rate
    assert world.citizen.personal_documents.filter(is_result=True, sha256=result.sha256).exists()
    p.return_result(dossier, world.receiver)
    dossier.refresh_from_db()
    assert dossier.status == State.RETURNED and dossier.status_code == 10
    # Returning clears who holds the dossier, not who settled it.
    assert (dossier.assignee, dossier.handled_by) == (None, world.specialist)
    actions = list(dossier.events.values_list("action", flat=True))
    assert actions == [
        "receive",
        "transfer",
        "assign",
        "request_supplement",
        "answer_supplement",
        "submit_for_approval",
        "reject",
        "submit_for_approval",
        "approve",
        "issue_result",
        "return_result",
    ]
    steps = list(DossierStep.objects.filter(dossier=dossier))
    assert all(s.handed_over_at for s in steps)
    assert all(s.result in ("before", "on_time", "late") for s in steps)
    assert steps[0].process_step.name == "Tiếp nhận hồ sơ"


def test_counter_intake_registers_and_receives_at_once_with_scans(world, fast_pdf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.models import Channel, Delivery

    scan = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\nscan\n", content_type="application/pdf")
    dossier, receipt = p.register_at_counter(
        world.receiver,
        world.agency,
        p.CounterIntake(
            procedure_version=world.version,
            applicant_name="Vũ Văn Quầy",
            applicant_id_number="001090000123",
            applicant_phone="0912345678",
            delivery=Delivery.POST,
            delivery_address="12 Lý Thường Kiệt, Hà Nội",
            scans=[(world.component.pk, scan)],
        ),
    )
    assert dossier.status == State.RECEIVED and dossier.channel == Channel.COUNTER
    assert dossier.code.startswith("000.00.12.H26-")
    assert dossier.submitted_by == world.receiver and dossier.applicant is None
    assert dossier.attachments.get().source == "scan"
    assert receipt.dossier == dossier
    assert [e.action for e in dossier.events.all()] == ["register", "receive"]


def test_counter_intake_rejects_a_procedure_the_agency_does_not_handle(world, fast_pdf):
    from tests.procedures.factories import ProcedureVersionFactory

    foreign = ProcedureVersionFactory(published=True, owner_agency=world.other_agency)
    with pytest.raises(base.InvalidInput):
        p.register_at_counter(
            world.receiver,
            world.agency,
            p.CounterIntake(procedure_version=foreign, applicant_name="A"),
        )
    assert not Dossier.objects.exists()


def test_receipt_is_a_real_pdf_stored_with_the_dossier(world):
    dossier = dossier_in(world, State.SUBMITTED)
    receipt = p.receive(dossier, world.receiver)
    data = receipt.file.read()
    assert data.startswith(b"%PDF-")
    import hashlib

    assert hashlib.sha256(data).hexdigest() == receipt.sha256


@pytest.mark.django_db(transaction=True)
def test_two_officers_acting_at_once_one_succeeds_the_other_is_told(world, fast_pdf):
    dossier = dossier_in(world, State.SUBMITTED)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(fn):
        try:
            barrier.wait()
            fn()
            outcomes.append("ok")
        except (WrongState, DossierChanged) as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=act, args=(lambda: p.receive(dossier.pk, world.receiver, expected_version=1),)
        ),
        threading.Thread(
            target=act,
            args=(lambda: p.refuse(dossier.pk, world.director, ["Sai"], expected_version=1),),
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["DossierChanged", "ok"]
    dossier.refresh_from_db()
    assert dossier.version == 2
    assert dossier.events.count() == 1


def test_receipt_goes_out_with_the_notification_in_the_same_transaction(world, fast_pdf):
    from portal.notifications.models import Notification

    dossier = dossier_in(world, State.SUBMITTED)
    receipt = p.receive(dossier, world.receiver)
    rows = Notification.objects.filter(event="dossier_received", recipient=world.citizen)
    assert rows.exists()
    email = rows.get(channel="email")
    assert email.payload["attachments"][0]["path"] == receipt.file.name
    assert dossier.code in email.texts["vi"]["subject"] if "vi" in email.texts else True


def test_walk_in_applicant_without_account_is_told_by_contact_details(world, fast_pdf):
    from portal.notifications.models import Notification

    _dossier, _receipt = p.register_at_counter(
        world.receiver,
        world.agency,
        p.CounterIntake(
            procedure_version=world.version,
            applicant_name="Người Không Tài Khoản",
            applicant_email="khach@example.vn",
        ),
    )
    assert Notification.objects.filter(
        event="dossier_received", address="khach@example.vn"
    ).exists()


def test_a_result_issued_by_the_leader_without_an_assignee_records_the_leader(world, fast_pdf):
    dossier = dossier_in(world, State.APPROVED, assignee=None)
    p.issue_result(dossier, world.leader, signed_result())
    dossier.refresh_from_db()
    assert (dossier.status, dossier.handled_by) == (State.RESULT_READY, world.leader)


def test_a_result_issued_by_the_leader_records_the_assigned_specialist(world, fast_pdf):
    dossier = dossier_in(world, State.APPROVED)
    p.issue_result(dossier, world.director, signed_result())
    dossier.refresh_from_db()
    assert dossier.handled_by == world.specialist
