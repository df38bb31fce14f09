"""The state machine: every allowed and every forbidden transition, and who may fire each one."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent, State
from dossiers.services import processing as p
from dossiers.services.base import ActionForbidden, DossierChanged, InvalidInput, WrongState
from tests.dossiers.helpers import dossier_in, signed_result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_pdf")]

ITEMS = [{"content": "Bản chụp CCCD", "reason": "Ảnh mờ, không đọc được số"}]


def _call(name, world):
    """Each staff transition with valid arguments: name → (callable(dossier, actor), source states)."""
    return {
        "receive": (lambda d, a: p.receive(d, a), {State.SUBMITTED}),
        "request_intake_supplement": (
            lambda d, a: p.request_intake_supplement(d, a, ITEMS),
            {State.SUBMITTED},
        ),
        "refuse": (
            lambda d, a: p.refuse(d, a, ["Không thuộc thẩm quyền"]),
            {State.SUBMITTED, State.SUPPLEMENT_AT_INTAKE},
        ),
        "transfer": (lambda d, a: p.transfer(d, a, world.unit), {State.RECEIVED}),
        "assign": (lambda d, a: p.assign(d, a, world.specialist2), {State.PROCESSING}),
        "request_processing_supplement": (
            lambda d, a: p.request_processing_supplement(d, a, ITEMS),
            {State.PROCESSING},
        ),
        "request_payment": (
            lambda d, a: p.request_payment(d, a, 50000, "Tiền sử dụng đất"),
            {State.PROCESSING},
        ),
        "forward_to_partner": (
            lambda d, a: p.forward_to_partner(d, a, world.partner, 16),
            {State.PROCESSING},
        ),
        "return_from_partner": (
            lambda d, a: p.return_from_partner(d, a),
            {State.AT_PARTNER_AGENCY},
        ),
        "submit_for_approval": (
            lambda d, a: p.submit_for_approval(d, a),
            {State.PROCESSING},
        ),
        "approve": (lambda d, a: p.approve(d, a), {State.AWAITING_APPROVAL}),
        "reject": (lambda d, a: p.reject(d, a, ["Sai tên"]), {State.AWAITING_APPROVAL}),
        "issue_result": (lambda d, a: p.issue_result(d, a, signed_result()), {State.APPROVED}),
        "return_result": (lambda d, a: p.return_result(d, a), {State.RESULT_READY}),
        "extend": (
            lambda d, a: p.extend(
                d, a, timezone.now() + dt.timedelta(days=30), "Chờ xác minh của cơ quan khác"
            ),
            {
                State.RECEIVED,
                State.PROCESSING,
                State.SUPPLEMENT_IN_PROCESSING,
                State.PAYMENT_REQUESTED,
                State.AT_PARTNER_AGENCY,
                State.AWAITING_APPROVAL,
                State.APPROVED,
            },
        ),
        "stop": (
            lambda d, a: p.stop(d, a, ["Người yêu cầu đã chết"]),
            {
                State.RECEIVED,
                State.PROCESSING,
                State.SUPPLEMENT_IN_PROCESSING,
                State.PAYMENT_REQUESTED,
                State.AT_PARTNER_AGENCY,
                State.AWAITING_APPROVAL,
                State.APPROVED,
            },
        ),
        "accept_withdrawal": (
            lambda d, a: p.accept_withdrawal(d, a),
            {State.WITHDRAWAL_REQUESTED},
        ),
        "decline_withdrawal": (
            lambda d, a: p.decline_withdrawal(d, a, ["Kết quả đã ký"]),
            {State.WITHDRAWAL_REQUESTED},
        ),
    }[name]


TRANSITIONS = [
    "receive",
    "request_intake_supplement",
    "refuse",
    "transfer",
    "assign",
    "request_processing_supplement",
    "request_payment",
    "forward_to_partner",
    "return_from_partner",
    "submit_for_approval",
    "approve",
    "reject",
    "issue_result",
    "return_result",
    "extend",
    "stop",
    "accept_withdrawal",
    "decline_withdrawal",
]

# Who may fire each transition (names of World attributes). Everyone else: ActionForbidden.
ALLOWED = {
    "receive": {"receiver", "director"},
    "request_intake_supplement": {"receiver", "director"},
    "refuse": {"receiver", "director"},
    "transfer": {"receiver", "director"},
    "assign": {"leader", "director"},
    "request_processing_supplement": {"specialist", "leader", "director"},
    "request_payment": {"specialist", "leader", "director"},
    "forward_to_partner": {"specialist", "leader", "director"},
    "return_from_partner": {"specialist", "leader", "director", "partner_officer", "specialist2"},
    "submit_for_approval": {"specialist", "leader", "director"},
    "approve": {"leader", "director"},
    "reject": {"leader", "director"},
    "issue_result": {"specialist", "leader", "director"},
    "return_result": {"receiver", "director"},
    "extend": {"leader", "director"},
    "stop": {"leader", "director"},
    "accept_withdrawal": {"receiver", "director"},
    "decline_withdrawal": {"receiver", "director"},
}
ACTORS = [
    "receiver",
    "leader",
    "director",
    "specialist",
    "specialist2",
    "admin",
    "stranger",
    "stranger_receiver",
    "partner_officer",
    "citizen",
]


@pytest.mark.parametrize("name", TRANSITIONS)
def test_every_transition_is_allowed_from_its_source_states_and_refused_from_all_others(
    world, name
):
    call, sources = _call(name, world)
    for state in State.values:
        dossier = dossier_in(world, state)
        before = (dossier.status, dossier.version, DossierEvent.objects.count())
        if state in sources:
            call(dossier, world.director)
            dossier.refresh_from_db()
            assert dossier.version == before[1] + 1, (name, state)
            assert DossierEvent.objects.filter(dossier=dossier).exists()
        else:
            with pytest.raises(WrongState):
                call(dossier, world.director)
            dossier.refresh_from_db()
            assert (dossier.status, dossier.version, DossierEvent.objects.count()) == before


@pytest.mark.parametrize("name", TRANSITIONS)
def test_permission_matrix_only_the_right_role_in_the_right_agency_may_act(world, name):
    call, sources = _call(name, world)
    state = sorted(sources)[0]
    for actor_name in ACTORS:
        actor = getattr(world, actor_name)
        dossier = dossier_in(world, state)
        if actor_name in ALLOWED[name]:
            call(dossier, actor)
            dossier.refresh_from_db()
            assert dossier.version == 2, (name, actor_name)
        else:
            with pytest.raises(ActionForbidden):
                call(dossier, actor)
            dossier.refresh_from_db()
            assert (dossier.status, dossier.version) == (state, 1), (name, actor_name)


def test_every_transition_records_the_national_status_code_in_the_log(world):
    dossier = dossier_in(world, State.SUBMITTED)
    p.receive(dossier, world.receiver)
    event = DossierEvent.objects.get(dossier=dossier, action="receive")
    assert (event.from_state, event.to_state, event.status_code) == (
        State.SUBMITTED,
        State.RECEIVED,
        2,
    )
    assert event.actor == world.receiver
    assert event.due_at is not None


def test_a_stale_form_is_refused_and_nothing_is_applied_twice(world):
    dossier = dossier_in(world, State.SUBMITTED)
    seen = dossier.version
    p.receive(dossier, world.receiver, expected_version=seen)
    with pytest.raises(DossierChanged):
        p.refuse(dossier, world.director, ["Không đủ điều kiện"], expected_version=seen)
    dossier.refresh_from_db()
    assert dossier.status == State.RECEIVED
    assert DossierEvent.objects.filter(dossier=dossier).count() == 1


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("refuse without reasons", lambda w, d: p.refuse(d, w.receiver, ["  "])),
        ("supplement without items", lambda w, d: p.request_intake_supplement(d, w.receiver, [])),
        (
            "supplement item without reason",
            lambda w, d: p.request_intake_supplement(
                d, w.receiver, [{"content": "CCCD", "reason": ""}]
            ),
        ),
    ],
)
def test_refusal_or_supplement_without_reasons_changes_nothing(world, name, call):
    dossier = dossier_in(world, State.SUBMITTED)
    with pytest.raises(InvalidInput):
        call(world, dossier)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == (State.SUBMITTED, 1)
    assert not dossier.events.exists()


def test_a_result_without_a_file_or_not_a_pdf_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = dossier_in(world, State.APPROVED)
    with pytest.raises(InvalidInput):
        p.issue_result(dossier, world.specialist, None)
    with pytest.raises(InvalidInput):
        p.issue_result(dossier, world.specialist, SimpleUploadedFile("x.pdf", b"MZ not a pdf"))
    dossier.refresh_from_db()
    assert dossier.status == State.APPROVED
    assert not dossier.issued_documents.exists()


def test_transfer_only_to_a_unit_of_the_receiving_agency(world):
    dossier = dossier_in(world, State.RECEIVED)
    with pytest.raises(InvalidInput):
        p.transfer(dossier, world.receiver, world.other_agency)
    dossier.refresh_from_db()
    assert dossier.status == State.RECEIVED


def test_assign_only_to_a_specialist_of_the_handling_unit(world):
    dossier = dossier_in(world, State.PROCESSING)
    with pytest.raises(InvalidInput):
        p.assign(dossier, world.leader, world.stranger)
    with pytest.raises(InvalidInput):
        p.assign(dossier, world.leader, world.receiver)


def test_postal_return_needs_a_tracking_number(world):
    from dossiers.models import Delivery

    dossier = dossier_in(world, State.RESULT_READY, delivery=Delivery.POST, delivery_address="X")
    with pytest.raises(InvalidInput):
        p.return_result(dossier, world.receiver)
    p.return_result(dossier, world.receiver, tracking_number="EL123456789VN")
    dossier.refresh_from_db()
    assert dossier.status == State.RETURNED
    assert dossier.delivery_tracking_number == "EL123456789VN"


def test_extension_must_move_the_date_later_and_issues_an_apology(world):
    dossier = dossier_in(world, State.PROCESSING)
    with pytest.raises(InvalidInput):
        p.extend(dossier, world.leader, dossier.due_at - dt.timedelta(days=1), "Chậm")
    new = timezone.now() + dt.timedelta(days=20)
    doc = p.extend(dossier, world.leader, new, "Chờ kết quả xác minh")
    dossier.refresh_from_db()
    assert doc.kind == "apology"
    assert dossier.extension_count == 1
    assert dossier.due_at >= new
    assert dossier.extensions[0]["reason"] == "Chờ kết quả xác minh"


def test_supplement_during_processing_pauses_the_clock(world):
    dossier = dossier_in(world, State.PROCESSING)
    p.request_processing_supplement(dossier, world.specialist, ITEMS)
    dossier.refresh_from_db()
    assert dossier.status == State.SUPPLEMENT_IN_PROCESSING
    assert dossier.status_code == 5
    assert dossier.clock_paused_at is not None
    assert dossier.due_at is None  # unknown while paused
    assert Dossier.objects.queue_for(world.specialist, "cho-cong-dan").filter(pk=dossier.pk)
