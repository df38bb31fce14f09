"""Dossiers in a given state, shaped as the services would have left them."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers.models import Delivery, Payment, State
from tests.dossiers.factories import DossierFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def signed_result(name="ket-qua.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def dossier_in(world, state, **extra):
    now = timezone.now()
    fields = {
        "agency": world.agency,
        "procedure_version": world.version,
        "applicant": world.citizen,
        "submitted_by": world.citizen,
        "status": state,
        "delivery": Delivery.ONLINE,
    }
    received = state not in (
        State.DRAFT,
        State.SUBMITTED,
        State.SUPPLEMENT_AT_INTAKE,
        State.REFUSED,
    )
    if received:
        fields.update(
            received_at=now - dt.timedelta(days=1),
            due_at=now + dt.timedelta(days=4),
            handling_unit=world.agency if state == State.RECEIVED else world.unit,
        )
    if state in (
        State.PROCESSING,
        State.SUPPLEMENT_IN_PROCESSING,
        State.PAYMENT_REQUESTED,
        State.AT_PARTNER_AGENCY,
        State.AWAITING_APPROVAL,
        State.APPROVED,
        State.RESULT_READY,
        State.WITHDRAWAL_REQUESTED,
    ):
        fields["assignee"] = world.specialist
    if state == State.AT_PARTNER_AGENCY:
        fields["partner_agency"] = world.partner
    if state == State.WITHDRAWAL_REQUESTED:
        fields["resume_state"] = State.PROCESSING
    if state in (State.SUPPLEMENT_IN_PROCESSING, State.PAYMENT_REQUESTED):
        fields["clock_paused_at"] = now
        fields["clock_pauses"] = [{"start": now.isoformat(), "end": None, "reason": "x"}]
        fields["due_at"] = None
    fields.update(extra)
    dossier = DossierFactory(**fields)
    if state == State.PAYMENT_REQUESTED:
        Payment.objects.create(dossier=dossier, amount=100000, purpose=Payment.Purpose.OBLIGATION)
    return dossier


def submitted(world, **extra):
    """A submitted dossier with its submit event, as the citizen's submit leaves it (without
    going through the citizen services: no form, files or fees)."""
    from dossiers.services import base

    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now(), **extra)
    base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT)
    return dossier
