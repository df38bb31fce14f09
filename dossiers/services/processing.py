"""The staff transitions of the one-stop shop and the internal process (DOMAIN.md §4).

One function per transition. Each one, in one transaction: locks the dossier (and checks the version
the officer's form was built from), checks the officer's role in the right agency, checks the state
through the FSM, applies the change, recomputes the deadline, records the handover (DossierStep) and
the log line (DossierEvent), issues the statutory slip where the law asks for one, and writes the
notification. Errors are ``services.base.DossierError`` subclasses carrying message and HTTP status.

Who may do what (the permission matrix test walks it):

========================  =====================================================================
receive, supplement at    receiving officer (or leader) of the receiving agency
intake, refuse, transfer,
return result, withdrawal
assign                    leader of the handling unit (or of the receiving agency)
supplement in processing, the assigned specialist, or a leader of the handling unit
payment, partner, submit
for approval, issue
approve, reject, extend,  leader of the handling unit or of the receiving agency
stop
return from partner       staff of the partner agency, or the handling unit's specialist/leader
========================  =====================================================================
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers import deadlines, slips
from dossiers.access import Role, has_role
from dossiers.models import (
    Attachment,
    Channel,
    Delivery,
    Dossier,
    DossierStep,
    IssuedDocument,
    Note,
    Payment,
    PersonalDocument,
    State,
    SupplementItem,
    SupplementRequest,
)
from dossiers.services.base import (
    ActionForbidden,
    InvalidInput,
    WrongState,
    append_event,
    assign_code,
    lock,
    new_pin,
    notify,
    pause_clock,
    recompute_due,
    require,
    resume_clock,
    save_dossier,
)
from procedures.models import Agency

RECEIVING = (Role.RECEIVING_OFFICER, Role.LEADER)
LEADERS = (Role.LEADER,)
PROCESSORS = (Role.SPECIALIST, Role.LEADER)


# --- permission helpers --------------------------------------------------------------------------
def _can(actor, agencies: Iterable, roles: Sequence[str]) -> bool:
    return any(has_role(actor, agency, *roles) for agency in agencies if agency is not None)


def _require_role(actor, agencies: Iterable, roles: Sequence[str]) -> None:
    if not _can(actor, list(agencies), roles):
        raise ActionForbidden()


def _units(dossier):
    return [dossier.handling_unit or dossier.agency, dossier.agency]


def _require_processor(actor, dossier) -> None:
    """The assigned specialist, or a leader of the handling unit / receiving agency."""
    if dossier.assignee_id == actor.pk and _can(actor, _units(dossier), PROCESSORS):
        return
    _require_role(actor, _units(dossier), LEADERS)


def _reasons(reasons) -> list[str]:
    if isinstance(reasons, str):
        reasons = reasons.splitlines()
    cleaned = [r.strip() for r in reasons or [] if r and r.strip()]
    if not cleaned:
        raise InvalidInput(_("Phải nêu rõ lý do."))
    return cleaned


# --- internal process steps (the control slip) ---------------------------------------------------
def _open_step(dossier) -> DossierStep | None:
    return dossier.steps.filter(handed_over_at__isnull=True).order_by("-received_at", "-pk").first()


def _close_step(dossier, actor, at, note="") -> DossierStep | None:
    step = _open_step(dossier)
    if step is None:
        return None
    step.handed_over_at = at
    step.result = deadlines.rate(step.due_at, at)
    if note:
        step.note = (step.note + "\n" + note).strip()
    step.save(update_fields=["handed_over_at", "result", "note"])
    return step


def _budget_for(dossier, role: str, used_ids: set[int]):
    """The next step of the approved internal process for ``role`` (its time budget)."""
    for step in dossier.procedure_version.steps.all():
        if step.role == role and step.pk not in used_ids:
            return step
    return None


def _start_step(
    dossier, *, name, role, unit, actor, at, assignee=None, budget_hours=None, process_step=None
) -> DossierStep:
    used = set(dossier.steps.exclude(process_step=None).values_list("process_step_id", flat=True))
    if process_step is None and budget_hours is None:
        process_step = _budget_for(dossier, role, used)
    if process_step is not None and budget_hours is None:
        budget_hours = process_step.budget_hours
        name = name or process_step.name
    due = None
    if budget_hours is not None:
        due = deadlines.add_working_hours(unit or dossier.agency, at, float(budget_hours))
        if dossier.due_at and due > dossier.due_at and role != "partner":
            due = dossier.due_at
    return DossierStep.objects.create(
        dossier=dossier,
        process_step=process_step,
        order=dossier.steps.count() + 1,
        name=name,
        role=role,
        unit=unit,
        assignee=assignee,
        handed_over_by=actor,
        received_at=at,
        due_at=due,
        budget_hours=budget_hours,
    )


def _hand_over(dossier, actor, at, *, name, role, unit, assignee=None, budget_hours=None, note=""):
    _close_step(dossier, actor, at, note)
    return _start_step(
        dossier,
        name=name,
        role=role,
        unit=unit,
        actor=actor,
        at=at,
        assignee=assignee,
        budget_hours=budget_hours,
    )


# --- receiving desk ------------------------------------------------------------------------------
def _on_received(dossier, actor, now, from_state, action, note=""):
    dossier.received_at = now
    dossier.handling_unit = dossier.agency
    recompute_due(dossier)
    dossier.book_number = (
        Dossier.objects.filter(
            agency=dossier.agency, received_at__year=timezone.localtime(now).year
        )
        .exclude(pk=dossier.pk)
        .count()
        + 1
    )
    pin = new_pin(dossier)
    save_dossier(
        dossier,
        "status",
        "received_at",
        "handling_unit",
        "due_at",
        "due_explanation",
        "original_due_at",
        "book_number",
        "lookup_pin_hash",
        "code",
        "submitted_at",
        "intake_due_at",
    )
    _start_step(
        dossier,
        name=_("Tiếp nhận hồ sơ"),
        role=Role.RECEIVING_OFFICER,
        unit=dossier.agency,
        actor=actor,
        at=now,
        assignee=actor,
    )
    receipt = slips.issue("receipt", dossier, actor, slips.receipt_context, pin=pin)
    append_event(
        dossier,
        action,
        actor,
        from_state=from_state,
        note=note,
        data={"document": receipt.pk, "intake_due_at": _iso(dossier.intake_due_at)},
    )
    notify("dossier_received", dossier, documents=[receipt])
    return receipt


def _iso(value):
    return value.isoformat() if value else None


@transaction.atomic
def receive(dossier, actor, *, expected_version=None, note="") -> IssuedDocument:
    """Complete: receive the online dossier and issue the receipt and appointment slip (form 01)."""
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    require(dossier, "receive")()
    return _on_received(dossier, actor, timezone.now(), State.SUBMITTED, "receive", note)


@dataclass
class SupplementLine:
    content: str
    reason: str
    component_id: int | None = None


def _supplement_lines(items) -> list[SupplementLine]:
    lines = []
    for item in items or []:
        if isinstance(item, dict):
            item = SupplementLine(**item)
        if not (item.content or "").strip() or not (item.reason or "").strip():
            raise InvalidInput(_("Mỗi nội dung cần bổ sung phải có tên giấy tờ và lý do."))
        lines.append(item)
    if not lines:
        raise InvalidInput(_("Phải liệt kê ít nhất một nội dung cần bổ sung, kèm lý do."))
    return lines


def _create_supplement(dossier, actor, phase, lines, message, reply_by) -> SupplementRequest:
    round_number = dossier.supplement_requests.count() + 1
    request = SupplementRequest.objects.create(
        dossier=dossier,
        round=round_number,
        phase=phase,
        message=message,
        requested_by=actor,
        reply_by=reply_by,
    )
    valid_components = set(dossier.procedure_version.components.values_list("pk", flat=True))
    SupplementItem.objects.bulk_create(
        SupplementItem(
            request=request,
            order=i,
            component_id=line.component_id if line.component_id in valid_components else None,
            content=line.content.strip(),
            reason=line.reason.strip(),
        )
        for i, line in enumerate(lines, start=1)
    )
    return request


def _send_supplement_request(dossier, actor, request, lines, message, from_state):
    """Issue form 02 for ``request``, log it and tell the applicant: the part both supplement
    transitions (at intake and during processing) share."""
    document = slips.issue(
        "supplement_request", dossier, actor, slips.supplement_context, request=request
    )
    request.document = document
    request.save(update_fields=["document"])
    append_event(
        dossier,
        "request_supplement",
        actor,
        from_state=from_state,
        note=message,
        data={"supplement_request": request.pk, "document": document.pk},
    )
    notify(
        "supplement_requested",
        dossier,
        documents=[document],
        context={"reason": "; ".join(f"{i.content}: {i.reason}" for i in lines)},
    )
    return request


@transaction.atomic
def request_intake_supplement(
    dossier, actor, items, *, message="", reply_by=None, expected_version=None
) -> SupplementRequest:
    """Incomplete at intake: list each missing or wrong item and why (form 02); the clock has not
    started. The applicant's answer sends the dossier back to the receiving desk."""
    lines = _supplement_lines(items)
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    require(dossier, "request_intake_supplement")()
    request = _create_supplement(
        dossier, actor, SupplementRequest.Phase.INTAKE, lines, message, reply_by
    )
    save_dossier(dossier, "status")
    return _send_supplement_request(dossier, actor, request, lines, message, State.SUBMITTED)


@transaction.atomic
def refuse(dossier, actor, reasons, *, expected_version=None) -> IssuedDocument:
    """Out of scope or ineligible: refuse with reasons (form 03). The dossier closes."""
    reasons = _reasons(reasons)
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    from_state = dossier.status
    require(dossier, "refuse")()
    now = timezone.now()
    dossier.outcome_note = "\n".join(reasons)
    dossier.closed_at = now
    save_dossier(dossier, "status", "outcome_note", "closed_at")
    SupplementRequest.objects.filter(dossier=dossier, status=SupplementRequest.Status.OPEN).update(
        status=SupplementRequest.Status.CANCELLED
    )
    document = slips.issue("refusal", dossier, actor, slips.refusal_context, reasons=reasons)
    append_event(
        dossier,
        "refuse",
        actor,
        from_state=from_state,
        note=dossier.outcome_note,
        data={"document": document.pk},
    )
    notify("dossier_refused", dossier, documents=[document], context={"reason": "; ".join(reasons)})
    return document


@dataclass
class CounterIntake:
    """What the officer types at the counter for a walk-in (or postal) applicant."""

    procedure_version: object
    applicant_name: str
    applicant_id_number: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_is_organisation: bool = False
    applicant: object = None  # the account, when the applicant has one
    channel: str = Channel.COUNTER
    inbound_tracking_number: str = ""
    delivery: str = Delivery.COUNTER
    delivery_address: str = ""
    paper_sets: int = 1
    form_data: dict | None = None
    component_ids: Sequence[int] = ()
    scans: Sequence[tuple[int | None, object]] = ()  # (component id, UploadedFile)


@transaction.atomic
def register_at_counter(actor, agency, intake: CounterIntake) -> tuple[Dossier, IssuedDocument]:
    """A walk-in or postal dossier, checked by the officer and received at once: the officer fills
    in for the applicant, scans the papers, and prints the receipt (form 01)."""
    _require_role(actor, [agency], RECEIVING)
    version = intake.procedure_version
    if version.status != "published" or not version.agencies.filter(pk=agency.pk).exists():
        raise InvalidInput(_("Thủ tục này không được tiếp nhận tại cơ quan của bạn."))
    if not (intake.applicant_name or "").strip():
        raise InvalidInput(_("Phải nhập họ tên người yêu cầu."))
    if intake.channel not in (Channel.COUNTER, Channel.POST):
        raise InvalidInput(_("Hình thức nộp không hợp lệ."))
    if intake.delivery == Delivery.POST and not intake.delivery_address.strip():
        raise InvalidInput(_("Phải nhập địa chỉ nhận kết quả qua bưu chính."))
    now = timezone.now()
    dossier = Dossier(
        procedure_version=version,
        agency=agency,
        applicant=intake.applicant,
        submitted_by=actor,
        applicant_name=intake.applicant_name.strip(),
        applicant_id_number=intake.applicant_id_number.strip(),
        applicant_address=intake.applicant_address.strip(),
        applicant_phone=intake.applicant_phone.strip(),
        applicant_email=intake.applicant_email.strip(),
        applicant_is_organisation=intake.applicant_is_organisation,
        channel=intake.channel,
        inbound_tracking_number=intake.inbound_tracking_number.strip(),
        delivery=intake.delivery,
        delivery_address=intake.delivery_address.strip(),
        paper_sets=max(1, intake.paper_sets or 1),
        form_data=intake.form_data or {},
        submitted_at=now,
    )
    assign_code(dossier, now)
    dossier.save()
    valid = {c.pk: c for c in version.components.all()}
    for component_id, upload in intake.scans:
        _store_attachment(dossier, valid.get(component_id), upload, actor, Attachment.Source.SCAN)
    dossier.register_at_counter()
    append_event(dossier, "register", actor, from_state=State.DRAFT, at=now)
    receipt = _on_received(dossier, actor, now, State.DRAFT, "receive")
    return dossier, receipt


def _store_attachment(dossier, component, upload, actor, source, request=None) -> Attachment:
    import filetype

    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else "application/octet-stream"
    if content_type not in {"application/pdf", "image/jpeg", "image/png"}:
        raise InvalidInput(_("Chỉ nhận tệp PDF, JPG hoặc PNG."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = _clean_name(getattr(upload, "name", "tai-lieu"))
    attachment = Attachment(
        dossier=dossier,
        component=component,
        name=name,
        size=upload.size,
        content_type=content_type,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        source=source,
        supplement_request=request,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


def _clean_name(name: str) -> str:
    import os
    import unicodedata

    base = os.path.basename(str(name)).replace("\x00", "")
    base = unicodedata.normalize("NFC", base).strip().strip(".") or "tai-lieu"
    return "".join(ch for ch in base if ch.isprintable() and ch not in '/\\:*?"<>|')[:200]


@transaction.atomic
def transfer(dossier, actor, unit, *, expected_version=None, note="") -> Dossier:
    """From the one-stop desk to the competent unit (the same working day; Decree 61/2018 art. 18)."""
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    require(dossier, "transfer")()
    unit = _unit_in(dossier.agency, unit)
    now = timezone.now()
    dossier.handling_unit = unit
    dossier.transferred_at = now
    save_dossier(dossier, "status", "handling_unit", "transferred_at")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Phân công, xử lý hồ sơ"),
        role=Role.LEADER,
        unit=unit,
    )
    append_event(dossier, "transfer", actor, from_state=State.RECEIVED, unit=unit, note=note)
    for leader in _leaders_of(unit):
        notify("queue_new_dossier", dossier, to=leader)
    return dossier


def _leaders_of(unit):
    from accounts.models import Membership

    return [
        m.user
        for m in Membership.objects.active()
        .filter(agency=unit, role=Role.LEADER)
        .select_related("user")[:20]
    ]


def _unit_in(agency, unit) -> Agency:
    unit = unit if isinstance(unit, Agency) else Agency.objects.filter(pk=unit).first()
    if unit is None or not (unit.pk == agency.pk or unit.path.startswith(agency.path)):
        raise InvalidInput(_("Đơn vị xử lý phải thuộc cơ quan tiếp nhận."))
    return unit


@transaction.atomic
def assign(dossier, actor, specialist, *, expected_version=None, note="") -> Dossier:
    """A leader gives the dossier to a specialist of the handling unit."""
    dossier = lock(dossier, expected_version)
    _require_role(actor, _units(dossier), LEADERS)
    require(dossier, "assign")()
    if specialist is None or not has_role(
        specialist, dossier.handling_unit or dossier.agency, Role.SPECIALIST, Role.LEADER
    ):
        raise InvalidInput(_("Người được phân công phải là chuyên viên của đơn vị xử lý."))
    now = timezone.now()
    dossier.assignee = specialist
    save_dossier(dossier, "status", "assignee")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Thẩm định, xử lý hồ sơ"),
        role=Role.SPECIALIST,
        unit=dossier.handling_unit,
        assignee=specialist,
    )
    append_event(
        dossier,
        "assign",
        actor,
        from_state=State.PROCESSING,
        note=note,
        is_public=False,
        data={"assignee": specialist.pk},
    )
    notify("queue_new_dossier", dossier, to=specialist)
    return dossier


@transaction.atomic
def request_processing_supplement(
    dossier, actor, items, *, message="", reply_by=None, expected_version=None
) -> SupplementRequest:
    """The specialist needs more papers: the request goes out through the one-stop desk, the clock
    stops until the applicant answers (DOMAIN.md §6)."""
    lines = _supplement_lines(items)
    dossier = lock(dossier, expected_version)
    _require_processor(actor, dossier)
    require(dossier, "request_processing_supplement")()
    now = timezone.now()
    request = _create_supplement(
        dossier, actor, SupplementRequest.Phase.PROCESSING, lines, message, reply_by
    )
    pause_clock(dossier, "supplement", now)
    save_dossier(dossier, "status", "clock_pauses", "clock_paused_at", "due_at", "due_explanation")
    return _send_supplement_request(dossier, actor, request, lines, message, State.PROCESSING)


@transaction.atomic
def request_payment(dossier, actor, amount, description, *, expected_version=None) -> Payment:
    """A financial obligation found during processing (status 6): the clock stops until it is paid."""
    try:
        amount = int(Decimal(str(amount)))
    except Exception as exc:
        raise InvalidInput(_("Số tiền không hợp lệ.")) from exc
    if amount <= 0:
        raise InvalidInput(_("Số tiền phải lớn hơn 0."))
    if not (description or "").strip():
        raise InvalidInput(_("Phải nêu nội dung khoản phải nộp."))
    dossier = lock(dossier, expected_version)
    _require_processor(actor, dossier)
    require(dossier, "request_payment")()
    now = timezone.now()
    payment = Payment.objects.create(
        dossier=dossier,
        amount=amount,
        purpose=Payment.Purpose.OBLIGATION,
        description=description.strip(),
        requested_by=actor,
    )
    pause_clock(dossier, "payment", now)
    save_dossier(dossier, "status", "clock_pauses", "clock_paused_at", "due_at", "due_explanation")
    append_event(
        dossier,
        "request_payment",
        actor,
        from_state=State.PROCESSING,
        note=description,
        data={"payment": payment.pk, "amount": amount},
    )
    notify("payment_due", dossier, context={"amount": f"{amount:,}".replace(",", ".") + " đ"})
    return payment


@transaction.atomic
def confirm_payment_at_counter(dossier, actor, payment, receipt_number, *, expected_version=None):
    """Paid in cash at the counter: the officer records the receipt, the clock resumes."""
    if not (receipt_number or "").strip():
        raise InvalidInput(_("Phải nhập số biên lai."))
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency, dossier.handling_unit], (*RECEIVING, Role.SPECIALIST))
    payment = (
        dossier.payments.select_for_update().filter(pk=getattr(payment, "pk", payment)).first()
    )
    if payment is None or payment.status != Payment.Status.PENDING:
        raise WrongState()
    require(dossier, "confirm_payment")()
    now = timezone.now()
    payment.status = Payment.Status.PAID
    payment.paid_at = now
    payment.provider = "counter"
    payment.receipt_number = receipt_number.strip()
    payment.save(update_fields=["status", "paid_at", "provider", "receipt_number", "updated_at"])
    resume_clock(dossier, now)
    save_dossier(dossier, "status", "clock_pauses", "clock_paused_at", "due_at", "due_explanation")
    append_event(
        dossier,
        "payment_confirmed",
        actor,
        from_state=State.PAYMENT_REQUESTED,
        data={"payment": payment.pk},
    )
    return payment


@transaction.atomic
def forward_to_partner(
    dossier, actor, partner, budget_hours, *, expected_version=None, note=""
) -> Dossier:
    """Inter-agency processing (liên thông): another agency does its part within its own budget."""
    dossier = lock(dossier, expected_version)
    _require_processor(actor, dossier)
    partner = partner if isinstance(partner, Agency) else Agency.objects.filter(pk=partner).first()
    if partner is None or partner.path.startswith(dossier.agency.path):
        raise InvalidInput(_("Cơ quan phối hợp phải là một cơ quan khác."))
    try:
        budget = Decimal(str(budget_hours))
    except Exception as exc:
        raise InvalidInput(_("Thời gian phối hợp không hợp lệ.")) from exc
    if budget <= 0:
        raise InvalidInput(_("Thời gian phối hợp phải lớn hơn 0."))
    require(dossier, "forward_to_partner")()
    now = timezone.now()
    dossier.partner_agency = partner
    save_dossier(dossier, "status", "partner_agency")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Phối hợp xử lý liên thông: %(agency)s") % {"agency": partner.name},
        role="partner",
        unit=partner,
        budget_hours=budget,
    )
    append_event(
        dossier,
        "forward_to_partner",
        actor,
        from_state=State.PROCESSING,
        unit=partner,
        note=note,
        data={"partner": partner.pk, "budget_hours": str(budget)},
    )
    return dossier


@transaction.atomic
def return_from_partner(dossier, actor, *, expected_version=None, note="") -> Dossier:
    dossier = lock(dossier, expected_version)
    partner = dossier.partner_agency
    if not (_can(actor, [partner], Role.ALL) or _can(actor, _units(dossier), PROCESSORS)):
        raise ActionForbidden()
    require(dossier, "return_from_partner")()
    now = timezone.now()
    dossier.partner_agency = None
    save_dossier(dossier, "status", "partner_agency")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Tiếp tục xử lý sau phối hợp"),
        role=Role.SPECIALIST,
        unit=dossier.handling_unit,
        assignee=dossier.assignee,
        note=note,
    )
    append_event(
        dossier,
        "return_from_partner",
        actor,
        from_state=State.AT_PARTNER_AGENCY,
        note=note,
        unit=partner,
    )
    return dossier


@transaction.atomic
def submit_for_approval(dossier, actor, *, expected_version=None, note="") -> Dossier:
    dossier = lock(dossier, expected_version)
    _require_processor(actor, dossier)
    require(dossier, "submit_for_approval")()
    now = timezone.now()
    save_dossier(dossier, "status")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Phê duyệt kết quả"),
        role=Role.LEADER,
        unit=dossier.handling_unit,
        note=note,
    )
    append_event(
        dossier,
        "submit_for_approval",
        actor,
        from_state=State.PROCESSING,
        note=note,
        is_public=False,
    )
    return dossier


@transaction.atomic
def approve(dossier, actor, *, expected_version=None, note="") -> Dossier:
    dossier = lock(dossier, expected_version)
    _require_role(actor, _units(dossier), LEADERS)
    require(dossier, "approve")()
    now = timezone.now()
    dossier.approved_at = now
    save_dossier(dossier, "status", "approved_at")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Ban hành kết quả"),
        role=Role.SPECIALIST,
        unit=dossier.handling_unit,
        assignee=dossier.assignee,
        note=note,
    )
    append_event(dossier, "approve", actor, from_state=State.AWAITING_APPROVAL, note=note)
    return dossier


@transaction.atomic
def reject(dossier, actor, reasons, *, expected_version=None) -> Dossier:
    """The leader sends the draft result back to the specialist with reasons."""
    reasons = _reasons(reasons)
    dossier = lock(dossier, expected_version)
    _require_role(actor, _units(dossier), LEADERS)
    require(dossier, "reject")()
    now = timezone.now()
    save_dossier(dossier, "status")
    text = "\n".join(reasons)
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Xử lý lại theo ý kiến lãnh đạo"),
        role=Role.SPECIALIST,
        unit=dossier.handling_unit,
        assignee=dossier.assignee,
        note=text,
    )
    append_event(
        dossier, "reject", actor, from_state=State.AWAITING_APPROVAL, note=text, is_public=False
    )
    if dossier.assignee:
        notify("approval_rejected", dossier, to=dossier.assignee, context={"reason": text})
    return dossier


@transaction.atomic
def issue_result(
    dossier, actor, result_file, *, number="", summary="", expected_version=None
) -> IssuedDocument:
    """Upload the signed result; it is kept with the dossier and, for an account holder, in their
    personal data store (Decree 45/2020: results are reusable)."""
    if result_file is None or not getattr(result_file, "size", 0):
        raise InvalidInput(_("Phải tải lên tệp kết quả đã ký."))
    if result_file.size > settings.DOSSIER_RESULT_MAX_MB * 1024 * 1024:
        raise InvalidInput(_("Tệp kết quả quá lớn."))
    head = result_file.read(5)
    result_file.seek(0)
    if head != b"%PDF-":
        raise InvalidInput(_("Kết quả phải là tệp PDF."))
    dossier = lock(dossier, expected_version)
    _require_processor(actor, dossier)
    require(dossier, "issue_result")()
    now = timezone.now()
    pdf = result_file.read()
    document = slips.store(
        IssuedDocument.Kind.RESULT,
        agency=dossier.agency,
        pdf=pdf,
        number=number.strip(),
        dossier=dossier,
        issued_by=actor,
    )
    if summary:
        document.title = summary[:255]
        document.save(update_fields=["title"])
    if dossier.applicant_id:
        personal = PersonalDocument(
            owner=dossier.applicant,
            name=(summary or document.title)[:255],
            size=document.size,
            content_type="application/pdf",
            sha256=document.sha256,
            source_dossier=dossier,
            is_result=True,
        )
        personal.file.name = document.file.name
        personal.save()
    dossier.result_at = now
    dossier.outcome_note = summary
    # The officer the applicant will rate: the assigned specialist, else whoever issued the result.
    dossier.handled_by_id = dossier.assignee_id or actor.pk
    save_dossier(dossier, "status", "result_at", "outcome_note", "handled_by")
    _hand_over(
        dossier,
        actor,
        now,
        name=_("Trả kết quả"),
        role=Role.RECEIVING_OFFICER,
        unit=dossier.agency,
    )
    append_event(
        dossier,
        "issue_result",
        actor,
        from_state=State.APPROVED,
        note=summary,
        data={"document": document.pk},
    )
    notify("result_ready", dossier, documents=[document])
    return document


@transaction.atomic
def return_result(dossier, actor, *, tracking_number="", expected_version=None, note="") -> Dossier:
    """Hand the result back: online (already downloadable), by post (tracking number) or at the
    counter. The dossier closes and the satisfaction survey may follow."""
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    require(dossier, "return_result")()
    if dossier.delivery == Delivery.POST and not (tracking_number or "").strip():
        raise InvalidInput(_("Phải nhập số vận đơn khi trả kết quả qua bưu chính."))
    now = timezone.now()
    dossier.returned_at = now
    dossier.closed_at = now
    dossier.delivery_tracking_number = (tracking_number or "").strip()
    dossier.assignee = None
    save_dossier(
        dossier, "status", "returned_at", "closed_at", "delivery_tracking_number", "assignee"
    )
    _close_step(dossier, actor, now, note)
    append_event(
        dossier,
        "return_result",
        actor,
        from_state=State.RESULT_READY,
        note=note,
        data={"delivery": dossier.delivery, "tracking_number": dossier.delivery_tracking_number},
    )
    notify("result_returned", dossier, context={"delivery": dossier.get_delivery_display()})
    return dossier


MAX_EXTENSION_WORKING_DAYS = 365


@transaction.atomic
def extend(
    dossier,
    actor,
    new_due: dt.datetime | dt.date | None = None,
    reason: str = "",
    *,
    working_days: int | None = None,
    expected_version=None,
) -> IssuedDocument:
    """Late: apologise and give a new appointment (form 04) before the deadline passes.

    The extension is counted on the agency's calendar from the current due date: ``working_days``
    working days, or up to the typed ``new_due`` (a day off or a time after the close moves to the
    close of the next working day: a deadline never lands on a day off). It is kept in working days
    (working hours for an hour limit) with its reason, so the due date's explanation shows it."""
    if not (reason or "").strip():
        raise InvalidInput(_("Phải nêu lý do chậm trễ."))
    if working_days is not None:
        try:
            working_days = int(working_days)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(_("Số ngày làm việc gia hạn phải là số nguyên dương.")) from exc
        if not 1 <= working_days <= MAX_EXTENSION_WORKING_DAYS:
            raise InvalidInput(
                _("Số ngày làm việc gia hạn phải từ 1 đến %(max)s.")
                % {"max": MAX_EXTENSION_WORKING_DAYS}
            )
        if new_due is not None:
            raise InvalidInput(
                _("Chỉ nhập ngày hẹn mới hoặc số ngày làm việc gia hạn, không cả hai.")
            )
    elif new_due is None:
        raise InvalidInput(_("Phải nhập ngày hẹn mới hoặc số ngày làm việc gia hạn."))
    dossier = lock(dossier, expected_version)
    _require_role(actor, _units(dossier), LEADERS)
    if not dossier.can_be_extended:
        raise WrongState()
    now = timezone.now()
    try:
        amount, new = deadlines.extension(
            dossier, working_days=working_days, new_due=new_due, now=now
        )
    except ValueError as exc:
        raise InvalidInput(_("Ngày hẹn mới phải sau ngày hẹn hiện tại.")) from exc
    if new <= now:
        raise InvalidInput(_("Ngày hẹn mới phải ở tương lai."))
    original = dossier.due_at
    dossier.extensions = [
        *(dossier.extensions or []),
        {
            "at": now.isoformat(),
            "by": actor.pk,
            "reason": reason.strip(),
            "from": _iso(original),
            "to": new.isoformat(),
            **amount,
        },
    ]
    dossier.extension_count += 1
    recompute_due(dossier)
    dossier.overdue_notified_at = None
    dossier.due_soon_notified_at = None
    save_dossier(
        dossier,
        "extensions",
        "extension_count",
        "due_at",
        "due_explanation",
        "overdue_notified_at",
        "due_soon_notified_at",
    )
    new_due = dossier.due_at or new  # paused: the date it gives once the citizen answers
    document = slips.issue(
        "apology",
        dossier,
        actor,
        slips.apology_context,
        original=original,
        new=new_due,
        reason=reason.strip(),
    )
    append_event(
        dossier,
        "extend",
        actor,
        from_state=dossier.status,
        note=reason.strip(),
        data={
            "from": _iso(original),
            "to": _iso(new_due),
            "document": document.pk,
            **amount,
        },
    )
    notify(
        "apology_new_date",
        dossier,
        documents=[document],
        context={"due": original, "new_due": new_due, "reason": reason.strip()},
    )
    return document


@transaction.atomic
def stop(dossier, actor, reasons, *, expected_version=None) -> IssuedDocument:
    """Stop processing with reasons (form 05). The dossier closes."""
    reasons = _reasons(reasons)
    dossier = lock(dossier, expected_version)
    _require_role(actor, _units(dossier), LEADERS)
    from_state = dossier.status
    require(dossier, "stop")()
    now = timezone.now()
    dossier.outcome_note = "\n".join(reasons)
    dossier.closed_at = now
    if dossier.clock_paused_at:
        resume_clock(dossier, now)
    save_dossier(
        dossier,
        "status",
        "outcome_note",
        "closed_at",
        "clock_pauses",
        "clock_paused_at",
        "due_at",
        "due_explanation",
    )
    _close_step(dossier, actor, now, dossier.outcome_note)
    SupplementRequest.objects.filter(dossier=dossier, status=SupplementRequest.Status.OPEN).update(
        status=SupplementRequest.Status.CANCELLED
    )
    document = slips.issue("stop_notice", dossier, actor, slips.stop_context, reasons=reasons)
    append_event(
        dossier,
        "stop",
        actor,
        from_state=from_state,
        note=dossier.outcome_note,
        data={"document": document.pk},
    )
    notify("dossier_stopped", dossier, documents=[document], context={"reason": "; ".join(reasons)})
    return document


@transaction.atomic
def accept_withdrawal(dossier, actor, *, expected_version=None, note="") -> Dossier:
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    require(dossier, "accept_withdrawal")()
    now = timezone.now()
    dossier.closed_at = now
    save_dossier(dossier, "status", "closed_at")
    _close_step(dossier, actor, now, note)
    SupplementRequest.objects.filter(dossier=dossier, status=SupplementRequest.Status.OPEN).update(
        status=SupplementRequest.Status.CANCELLED
    )
    append_event(
        dossier, "accept_withdrawal", actor, from_state=State.WITHDRAWAL_REQUESTED, note=note
    )
    notify("withdrawal_accepted", dossier)
    return dossier


@transaction.atomic
def decline_withdrawal(dossier, actor, reasons, *, expected_version=None) -> Dossier:
    reasons = _reasons(reasons)
    dossier = lock(dossier, expected_version)
    _require_role(actor, [dossier.agency], RECEIVING)
    require(dossier, "decline_withdrawal")()
    dossier.resume_state = ""
    save_dossier(dossier, "status", "resume_state")
    append_event(
        dossier,
        "decline_withdrawal",
        actor,
        from_state=State.WITHDRAWAL_REQUESTED,
        note="\n".join(reasons),
    )
    notify("withdrawal_declined", dossier, context={"reason": "; ".join(reasons)})
    return dossier


@transaction.atomic
def add_note(dossier, actor, body) -> Note:
    if not (body or "").strip():
        raise InvalidInput(_("Ghi chú không được để trống."))
    dossier = Dossier.objects.get(pk=getattr(dossier, "pk", dossier))
    if not _can(actor, [dossier.agency, dossier.handling_unit, dossier.partner_agency], Role.ALL):
        raise ActionForbidden()
    return Note.objects.create(dossier=dossier, author=actor, body=body.strip())


def issue_control_slip(dossier, actor) -> IssuedDocument:
    """The process control slip (form 06), rendered from the steps as they stand."""
    if not _can(actor, [dossier.agency, dossier.handling_unit], Role.ALL):
        raise ActionForbidden()
    number = slips.next_number(dossier.agency, "control_slip")
    pdf = slips.render("control_slip", slips.control_slip_context(dossier, number))
    return slips.store(
        "control_slip",
        agency=dossier.agency,
        pdf=pdf,
        number=number,
        dossier=dossier,
        issued_by=actor,
    )


def issue_tracking_book(agency, actor, start: dt.date, end: dt.date) -> IssuedDocument:
    """The tracking book (form 07): the register of dossiers received by ``agency`` in a period."""
    if not _can(actor, [agency], RECEIVING):
        raise ActionForbidden()
    if end < start:
        raise InvalidInput(_("Khoảng thời gian không hợp lệ."))
    tz = timezone.get_current_timezone()
    start_at = dt.datetime.combine(start, dt.time.min, tz)
    end_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
    dossiers = (
        Dossier.objects.filter(agency=agency, received_at__gte=start_at, received_at__lt=end_at)
        .select_related("procedure_version", "handling_unit", "agency")
        .order_by("received_at", "pk")[:5000]
    )
    number = slips.next_number(agency, "tracking_book")
    pdf = slips.render(
        "tracking_book", slips.tracking_book_context(agency, dossiers, start, end, number)
    )
    return slips.store(
        "tracking_book",
        agency=agency,
        pdf=pdf,
        number=number,
        issued_by=actor,
        period_start=start,
        period_end=end,
    )
