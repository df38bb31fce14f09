"""Statutory documents of a dossier (DOMAIN.md §5): build the typed context from the dossier's data,
render the PDF with ``dossiers.documents`` (WeasyPrint, by the documents engineer) and keep the bytes
as an ``IssuedDocument``, so the citizen downloads, and is mailed, exactly what the officer printed.

Nothing here is typed twice: every field comes from the dossier, its procedure version, its steps and
events. Rendering happens inside the transition's transaction: a slip that cannot be rendered stops
the transition rather than leaving a received dossier without its receipt.
"""

from __future__ import annotations

import hashlib
import html
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from dossiers.models import IssuedDocument

try:  # pragma: no cover - depends on what is on main
    from dossiers.documents import context as ctx
    from dossiers.documents.rendering import render_pdf as _render_pdf
except ImportError:  # pragma: no cover

    class _NamespaceContexts:
        """Until dossiers.documents lands: every context class becomes a plain namespace."""

        def __getattr__(self, name):
            return lambda **fields: SimpleNamespace(**fields)

    ctx = _NamespaceContexts()
    _render_pdf = None

PUBLIC_KINDS = {
    IssuedDocument.Kind.RECEIPT,
    IssuedDocument.Kind.SUPPLEMENT_REQUEST,
    IssuedDocument.Kind.REFUSAL,
    IssuedDocument.Kind.APOLOGY,
    IssuedDocument.Kind.STOP_NOTICE,
    IssuedDocument.Kind.RESULT,
    IssuedDocument.Kind.PAYMENT_RECEIPT,
}
NUMBER_PREFIX = {
    "receipt": "GTN",
    "supplement_request": "PBS",
    "refusal": "PTC",
    "apology": "PXL",
    "stop_notice": "TBDXL",
    "control_slip": "PKS",
    "tracking_book": "STD",
}
STEP_RESULT_KEYS = {"before": "before", "on_time": "on", "late": "after"}
UNIT_KEYS = {"working_days": "day", "working_hours": "hour", "same_day": "same_day"}


# --- contexts ------------------------------------------------------------------------------------
def _agency(agency):
    parent = agency.parent.name if agency.parent_id else ""
    return ctx.Agency(
        name=agency.name,
        parent_name=parent,
        place=agency.document_place(),
        address=agency.address,
        phone=agency.phone,
        symbol=agency.short_name or "",
    )


def _officer(user, title=""):
    if user is None:
        return ctx.Officer(name="", title=title)
    return ctx.Officer(name=user.full_name or user.get_username(), title=title, phone=user.phone)


def _applicant(dossier):
    return ctx.Applicant(
        name=dossier.applicant_name,
        id_number=dossier.applicant_id_number,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        is_organisation=dossier.applicant_is_organisation,
    )


def _base(dossier, number, issued_at=None):
    return {
        "agency": _agency(dossier.agency),
        "issued_at": issued_at or timezone.now(),
        "dossier_code": dossier.code or "",
        "number": number,
        "applicant": _applicant(dossier),
        "procedure_name": dossier.procedure_version.name,
        "received_at": dossier.received_at,
    }


def receipt_context(dossier, officer, number, pin=""):
    version = dossier.procedure_version
    form_labels = {"original_or_copy": "copy"}
    received = {}
    for attachment in dossier.attachments.filter(replaced_at__isnull=True).select_related(
        "component"
    ):
        if attachment.component_id and attachment.component_id not in received:
            received[attachment.component_id] = attachment.component
    components = list(received.values()) or [c for c in version.components.all() if c.is_mandatory]
    documents = tuple(
        ctx.ReceivedDocument(
            name=c.name, form=form_labels.get(c.form, c.form), copies=max(1, c.copies)
        )
        for c in components
    )
    fees = tuple(ctx.Fee(name=f.description, amount=f.amount) for f in version.fees.all())
    submitter = ""
    if dossier.submitted_by_id and dossier.submitted_by_id != dossier.applicant_id:
        submitter = dossier.submitted_by.full_name if dossier.submitted_by else ""
    return ctx.ReceiptContext(
        **_base(dossier, number),
        documents=documents,
        sets=dossier.paper_sets,
        processing_time=ctx.ProcessingTime(
            amount=version.processing_time,
            unit=UNIT_KEYS.get(version.processing_time_unit, "day"),
        ),
        appointment_at=dossier.due_at,
        return_method=dossier.delivery,
        return_place=dossier.delivery_address or dossier.agency.address,
        fees=fees,
        book_volume=f"{timezone.localtime(dossier.received_at):%Y}" if dossier.received_at else "",
        book_number=dossier.book_number,
        receiving_officer=_officer(officer, "CÁN BỘ TIẾP NHẬN"),
        submitter_name=submitter,
        pin=pin,
    )


def supplement_context(dossier, officer, number, request):
    items = tuple(
        ctx.SupplementItem(content=item.content, reason=item.reason) for item in request.items.all()
    )
    return ctx.SupplementRequestContext(
        **_base(dossier, number),
        items=items,
        guiding_officer=_officer(officer, "NGƯỜI HƯỚNG DẪN"),
        reply_by=request.reply_by,
    )


def refusal_context(dossier, officer, number, reasons):
    return ctx.RefusalContext(
        **_base(dossier, number),
        reasons=tuple(reasons),
        officer=_officer(officer, "NGƯỜI TIẾP NHẬN"),
    )


def apology_context(dossier, officer, number, original, new, reason):
    return ctx.ApologyContext(
        **_base(dossier, number),
        original_appointment_at=original,
        new_appointment_at=new,
        reason=reason,
        signer=_officer(officer, "THỦ TRƯỞNG CƠ QUAN"),
        recipients=(dossier.applicant_name, "Lưu: VT"),
    )


def stop_context(dossier, officer, number, reasons):
    return ctx.StopNoticeContext(
        **_base(dossier, number),
        reasons=tuple(reasons),
        stopped_at=timezone.now(),
        signer=_officer(officer, "THỦ TRƯỞNG CƠ QUAN"),
        recipients=(dossier.applicant_name, "Lưu: VT"),
    )


def control_slip_context(dossier, number):
    rows = []
    previous_unit = dossier.agency.name
    for step in dossier.steps.select_related("unit", "assignee", "handed_over_by"):
        unit_name = step.unit.name if step.unit else step.name
        rows.append(
            ctx.ControlSlipRow(
                from_unit=previous_unit,
                to_unit=unit_name,
                handed_over_at=step.received_at,
                received_at=step.received_at,
                giver=step.handed_over_by.full_name if step.handed_over_by else "",
                receiver=step.assignee.full_name if step.assignee else "",
                result=STEP_RESULT_KEYS.get(step.result, ""),
                note=step.name + (f" — {step.note}" if step.note else ""),
            )
        )
        previous_unit = unit_name
    receipt = dossier.issued_documents.filter(kind=IssuedDocument.Kind.RECEIPT).first()
    return ctx.ControlSlipContext(
        **_base(dossier, number),
        receipt_number=receipt.number if receipt else "",
        handling_agency=dossier.handling_unit.name if dossier.handling_unit else "",
        coordinating_agencies=tuple(
            {s.unit.name for s in dossier.steps.all() if s.role == "partner" and s.unit}
        ),
        appointment_at=dossier.due_at,
        rows=tuple(rows),
    )


def payment_receipt_context(payment, dossier):
    """The electronic receipt of a paid fee or obligation: what the verified callback recorded."""
    from django.conf import settings

    from dossiers.payments import registry

    try:
        provider = str(registry.get(payment.provider).verbose_name or payment.provider)
    except registry.UnknownProvider:
        provider = payment.provider
    return ctx.PaymentReceiptContext(
        **_base(dossier, payment.receipt_number, issued_at=payment.paid_at),
        description=payment.description,
        amount=int(payment.amount),
        provider=provider,
        transaction=payment.provider_reference or "",
        paid_at=payment.paid_at,
        portal_name=settings.PORTAL_NAME,
    )


def issue_payment_receipt(payment, dossier) -> IssuedDocument:
    """Render the payment's receipt once and keep it with the dossier (the caller holds the lock)."""
    from dossiers.documents.storage import document_filename

    kind = IssuedDocument.Kind.PAYMENT_RECEIPT
    pdf = render(kind, payment_receipt_context(payment, dossier))
    return store(
        kind,
        agency=dossier.agency,
        pdf=pdf,
        number=payment.receipt_number,
        dossier=dossier,
        file_name=document_filename(kind, dossier.code or "", payment.receipt_number),
    )


def tracking_book_context(agency, dossiers, start, end, number=""):
    rows = tuple(
        ctx.TrackingBookRow(
            number=i,
            dossier_code=d.code or "",
            procedure_name=d.procedure_version.name,
            applicant_name=d.applicant_name,
            applicant_address=d.applicant_address,
            applicant_phone=d.applicant_phone,
            handling_agency=d.handling_unit.name if d.handling_unit else d.agency.name,
            received_at=d.received_at,
            appointment_at=d.due_at or d.received_at,
            sets=d.paper_sets,
            transferred_at=d.transferred_at,
            result_received_at=d.result_at,
            returned_at=d.returned_at,
            note=d.get_status_display(),
        )
        for i, d in enumerate(dossiers, start=1)
    )
    return ctx.TrackingBookContext(
        agency=_agency(agency),
        issued_at=timezone.now(),
        number=number,
        period_start=start,
        period_end=end,
        volume=f"{start:%Y}",
        rows=rows,
    )


# --- rendering and storing -----------------------------------------------------------------------
def render(kind: str, context) -> bytes:
    if _render_pdf is None:  # pragma: no cover - until dossiers.documents is on main
        return _fallback_pdf(kind, context)
    return _render_pdf(kind, context)


def _fallback_pdf(kind, context) -> bytes:  # pragma: no cover
    from weasyprint import HTML

    title = dict(IssuedDocument.Kind.choices).get(kind, kind)
    rows = "".join(
        f"<p>{html.escape(str(k))}: {html.escape(str(v))}</p>"
        for k, v in vars(context).items()
        if not k.startswith("_")
    )
    return HTML(string=f"<h1>{html.escape(str(title))}</h1>{rows}").write_pdf()


def next_number(agency, kind: str) -> str:
    """ "125/GTN-TTPVHCC": a running number per agency, kind and year."""
    year = timezone.localtime().year
    count = (
        IssuedDocument.objects.filter(agency=agency, kind=kind, issued_at__year=year).count() + 1
    )
    symbol = agency.short_name or agency.code
    return f"{count}/{NUMBER_PREFIX.get(kind, 'VB')}-{symbol}"


def store(
    kind: str,
    *,
    agency,
    pdf: bytes,
    number="",
    dossier=None,
    issued_by=None,
    file_name="",
    **extra,
) -> IssuedDocument:
    digest = hashlib.sha256(pdf).hexdigest()
    code = dossier.code if dossier is not None and dossier.code else agency.code
    file_name = file_name or f"{kind}_{code}.pdf".replace("/", "-")
    document = IssuedDocument(
        dossier=dossier,
        agency=agency,
        kind=kind,
        number=number,
        title=str(dict(IssuedDocument.Kind.choices).get(kind, kind)),
        file_name=file_name,
        size=len(pdf),
        sha256=digest,
        issued_by=issued_by,
        is_public=kind in PUBLIC_KINDS,
        **extra,
    )
    document.file.save(file_name, ContentFile(pdf), save=False)
    document.save()
    return document


def issue(kind: str, dossier, officer, build, **kwargs) -> IssuedDocument:
    """Number, build the context with ``build(dossier, officer, number, **kwargs)``, render, store."""
    number = next_number(dossier.agency, kind)
    pdf = render(kind, build(dossier, officer, number, **kwargs))
    return store(
        kind, agency=dossier.agency, pdf=pdf, number=number, dossier=dossier, issued_by=officer
    )
