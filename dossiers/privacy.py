"""The dossiers' part of a person's data rights (Decree 13/2023; accounts/services/privacy.py).

Registered in settings:

- ``ACCOUNTS_RETENTION_CHECKS`` → ``retention_reasons``: a deletion request closes the account and
  erases the contact data at once, but a person's name, ID number and date of birth stay on the
  account while a dossier they applied for (or submitted for someone) is being handled or is within
  its archival period (``DOSSIER_RETENTION_YEARS`` after it closed): the records of the one-stop
  flow must say who the applicant was. Each such dossier is one reason, in the person's language.
- ``ACCOUNTS_PERSONAL_DATA_EXPORTERS`` → ``export``: the person's dossiers with their public log,
  the metadata of their attachments, issued documents and payments, and their personal data store
  (the files themselves are downloaded from the dossier pages, not put into the JSON).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.models import (
    Attachment,
    Dossier,
    DossierEvent,
    IssuedDocument,
    Payment,
    PersonalDocument,
    State,
)
from dossiers.models.states import OPEN_STATES
from portal.formatting import format_date

# Reasons listed one by one; beyond that, a count (an organisation may have thousands of dossiers).
LISTED = 10


def _of(user):
    """Dossiers the person applied for or submitted for someone (drafts are not records yet)."""
    return Dossier.objects.filter(Q(applicant=user) | Q(submitted_by=user)).exclude(
        status=State.DRAFT
    )


def retained_until(dossier) -> dt.date | None:
    """The last day of the dossier's archival period; None while it is still being handled."""
    if dossier.status in OPEN_STATES:
        return None
    ended = dossier.closed_at or dossier.returned_at or dossier.updated_at
    ended = timezone.localdate(ended)
    years = settings.DOSSIER_RETENTION_YEARS
    try:
        return ended.replace(year=ended.year + years)
    except ValueError:  # 29 February
        return ended.replace(year=ended.year + years, day=28)


def retention_reasons(user) -> list[str]:
    """One sentence per dossier that still needs the person's identity (ACCOUNTS_RETENTION_CHECKS)."""
    today = timezone.localdate()
    rows = (
        _of(user)
        .select_related("procedure_version")
        .only(
            "code",
            "status",
            "closed_at",
            "returned_at",
            "updated_at",
            "procedure_version__name",
        )
        .order_by("-submitted_at", "-pk")
    )
    reasons, more = [], 0
    for dossier in rows.iterator(chunk_size=500):
        until = retained_until(dossier)
        if until is not None and until < today:
            continue
        if len(reasons) >= LISTED:
            more += 1
            continue
        values = {
            "code": dossier.code or dossier.pk,
            "procedure": dossier.procedure_version.name,
            "until": format_date(until) if until else "",
            "years": settings.DOSSIER_RETENTION_YEARS,
        }
        if until is None:
            reasons.append(
                _(
                    "Hồ sơ %(code)s (%(procedure)s) đang được giải quyết; sau khi kết thúc, hồ sơ "
                    "được lưu trữ %(years)s năm."
                )
                % values
            )
        else:
            reasons.append(
                _("Hồ sơ %(code)s (%(procedure)s) được lưu trữ đến hết ngày %(until)s.") % values
            )
    if more:
        reasons.append(_("Và %(count)s hồ sơ khác còn trong thời hạn lưu trữ.") % {"count": more})
    return reasons


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    """The person's dossiers and personal data store (ACCOUNTS_PERSONAL_DATA_EXPORTERS)."""
    dossiers = (
        Dossier.objects.filter(Q(applicant=user) | Q(submitted_by=user))
        .select_related("procedure_version__procedure", "agency")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=DossierEvent.objects.filter(is_public=True)
                .select_related("unit")
                .order_by("at", "pk"),
            ),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("component").order_by(
                    "uploaded_at", "pk"
                ),
            ),
            Prefetch(
                "issued_documents",
                queryset=IssuedDocument.objects.filter(is_public=True).order_by("issued_at", "pk"),
            ),
            Prefetch("payments", queryset=Payment.objects.order_by("created_at", "pk")),
        )
        .order_by("created_at", "pk")
    )
    return {
        "dossiers": [_dossier(d, user) for d in dossiers],
        "personal_documents": [
            {
                "name": doc.name,
                "size": doc.size,
                "content_type": doc.content_type,
                "sha256": doc.sha256,
                "is_result": doc.is_result,
                "source_dossier": doc.source_dossier.code if doc.source_dossier else None,
                "created_at": _iso(doc.created_at),
            }
            for doc in PersonalDocument.objects.filter(owner=user)
            .select_related("source_dossier")
            .order_by("created_at", "pk")
        ],
    }


def _dossier(d, user) -> dict:
    return {
        "code": d.code,
        "procedure_code": d.procedure_version.procedure.code,
        "procedure": d.procedure_version.name,
        "agency": d.agency.name,
        "role": "applicant" if d.applicant_id == user.pk else "submitted_for_someone",
        "status": d.status,
        "status_code": d.status_code,
        "status_label": str(d.get_status_display()),
        "applicant": {
            "name": d.applicant_name,
            "is_organisation": d.applicant_is_organisation,
            "id_number": d.applicant_id_number,
            "address": d.applicant_address,
            "phone": d.applicant_phone,
            "email": d.applicant_email,
        },
        "form_data": d.form_data,
        "channel": d.channel,
        "delivery": d.delivery,
        "delivery_address": d.delivery_address,
        "delivery_tracking_number": d.delivery_tracking_number,
        "created_at": _iso(d.created_at),
        "submitted_at": _iso(d.submitted_at),
        "received_at": _iso(d.received_at),
        "due_at": _iso(d.due_at),
        "result_at": _iso(d.result_at),
        "returned_at": _iso(d.returned_at),
        "closed_at": _iso(d.closed_at),
        "retained_until": _iso(retained_until(d)) if d.status != State.DRAFT else None,
        "events": [
            {
                "at": _iso(e.at),
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "status_code": e.status_code,
                "unit": e.unit.name if e.unit else None,
                "note": e.note,
                "due_at": _iso(e.due_at),
            }
            for e in d.events.all()
        ],
        "attachments": [
            {
                "component": a.component.name if a.component else None,
                "name": a.name,
                "size": a.size,
                "content_type": a.content_type,
                "sha256": a.sha256,
                "source": a.source,
                "uploaded_at": _iso(a.uploaded_at),
                "replaced_at": _iso(a.replaced_at),
            }
            for a in d.attachments.all()
        ],
        "documents": [
            {
                "kind": doc.kind,
                "kind_label": str(doc.get_kind_display()),
                "number": doc.number,
                "title": doc.title,
                "file_name": doc.file_name,
                "size": doc.size,
                "sha256": doc.sha256,
                "issued_at": _iso(doc.issued_at),
            }
            for doc in d.issued_documents.all()
        ],
        "payments": [
            {
                "amount": p.amount,
                "purpose": p.purpose,
                "description": p.description,
                "provider": p.provider,
                "status": p.status,
                "paid_at": _iso(p.paid_at),
                "receipt_number": p.receipt_number,
            }
            for p in d.payments.all()
        ],
    }
