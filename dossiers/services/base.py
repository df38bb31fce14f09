"""What every dossier transition shares, citizen side and staff side alike.

A transition is one function that, inside ``transaction.atomic()``:

1. ``lock(dossier_or_id, expected_version)``: SELECT … FOR UPDATE on the row; if the caller saw an
   older ``version`` (a stale form), ``DossierChanged`` — nothing is applied twice;
2. checks who acts (``ActionForbidden``) and the state (``can_proceed`` → ``WrongState``);
3. calls the FSM method and sets the fields;
4. ``recompute_due`` if the clock moved; ``save_dossier`` bumps ``version``;
5. ``append_event`` writes the log line; ``notify`` writes outbox rows.

Views turn ``ActionForbidden`` into 403, ``WrongState``/``DossierChanged`` into 409 and ``InvalidInput``
into 400, each with its Vietnamese message.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from dossiers import deadlines
from dossiers.models import Dossier, DossierCodeCounter, DossierEvent, State
from dossiers.models.states import national_code


class DossierError(Exception):
    """A transition refused; ``message`` is shown to the user, ``status`` is the HTTP status."""

    status = 400
    default_message = _("Không thực hiện được thao tác.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class ActionForbidden(DossierError):
    status = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này với hồ sơ này.")


class WrongState(DossierError):
    status = 409
    default_message = _("Hồ sơ đang ở trạng thái không cho phép thao tác này.")


class DossierChanged(DossierError):
    status = 409
    default_message = _(
        "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang và thực hiện lại."
    )


class InvalidInput(DossierError):
    status = 400


def lock(dossier, expected_version: int | None = None, *, keep_related=False) -> Dossier:
    """The dossier's row, locked until the end of the transaction, with its relations for the checks.
    Must run inside ``transaction.atomic()``.

    ``keep_related``: ``dossier`` was just loaded with the relations the caller needs (the view's
    access check): only the row is read again and locked, and the relations already in memory are
    kept wherever the locked row still points at them (the catalogue and the agency are not locked
    either way); any other relation loads when first used."""
    pk = getattr(dossier, "pk", dossier)
    rows = Dossier.objects.select_for_update(of=("self",))
    if not keep_related:
        rows = rows.select_related("procedure_version__procedure", "agency", "handling_unit")
    locked = rows.get(pk=pk)
    if keep_related and isinstance(dossier, Dossier):
        for name in ("procedure_version", "agency", "handling_unit"):
            field = Dossier._meta.get_field(name)
            if not field.is_cached(dossier):
                continue
            related = field.get_cached_value(dossier)
            if getattr(locked, field.attname) == getattr(related, "pk", None):
                field.set_cached_value(locked, related)
    if expected_version is not None and int(expected_version) != locked.version:
        raise DossierChanged()
    return locked


def require(dossier: Dossier, transition_name: str):
    """The FSM method, if the dossier's state allows it; else ``WrongState``."""
    method = getattr(dossier, transition_name)
    if not can_proceed(method):
        raise WrongState()
    return method


def save_dossier(dossier: Dossier, *fields: str) -> None:
    """Save with the version bumped (optimistic concurrency for forms that were opened earlier).
    Saving ``due_at`` saves the deadline scan's marks with it (``recompute_due`` clears them)."""
    dossier.version += 1
    names = {"version", "updated_at", *fields}
    if "due_at" in names:
        names |= {"due_soon_notified_at", "overdue_notified_at"}
    dossier.save(update_fields=names)


def append_event(
    dossier: Dossier,
    action: str,
    actor=None,
    *,
    from_state: str = "",
    on_behalf_of=None,
    note: str = "",
    unit=None,
    is_public: bool = True,
    data: dict | None = None,
    at=None,
) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier,
        at=at or timezone.now(),
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        on_behalf_of=on_behalf_of,
        from_state=from_state,
        to_state=dossier.status,
        status_code=national_code(dossier.status),
        unit=unit if unit is not None else dossier.handling_unit or dossier.agency,
        note=note,
        due_at=dossier.due_at,
        is_public=is_public,
        data=data or {},
    )


# --- codes and PINs ------------------------------------------------------------------------------
def next_code(agency, when=None) -> str:
    """The next dossier code of ``agency`` for the day of ``when`` (settings.DOSSIER_CODE_FORMAT).

    One statement takes the number (docs/adr, dossier codes): an upsert of the agency's counter row
    for the day that returns the new value. The row stays locked until the caller's transaction
    ends, so concurrent submissions to one agency never take the same number, and a rolled-back
    submission gives its number back (no gaps); callers take the code as the *last* step before
    commit, so the others wait only for the end of that transaction.
    """
    when = timezone.localtime(when or timezone.now())
    day = when.date()
    seq = _take_number(agency, day)
    fmt = getattr(settings, "DOSSIER_CODE_FORMAT", "{agency_code}-{date:%y%m%d}-{seq:04d}")
    return fmt.format(agency_code=agency.code, date=day, seq=seq)


def _take_number(agency, day) -> int:
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    if connection.vendor in ("postgresql", "sqlite"):
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608
                f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 "
                "RETURNING last",
                [agency.pk, day],
            )
            return cursor.fetchone()[0]
    DossierCodeCounter.objects.get_or_create(agency=agency, day=day)  # pragma: no cover
    with transaction.atomic():  # pragma: no cover
        counter = DossierCodeCounter.objects.select_for_update().get(agency=agency, day=day)
        counter.last += 1
        counter.save(update_fields=["last"])
    return counter.last  # pragma: no cover


def assign_code(dossier: Dossier, when=None) -> str:
    if not dossier.code:
        dossier.code = next_code(dossier.agency, when)
    return dossier.code


def new_pin(dossier: Dossier) -> str:
    """A fresh lookup PIN (printed on the receipt; only a keyed hash is kept, see Dossier.check_pin)."""
    pin = f"{secrets.randbelow(10**6):06d}"
    dossier.lookup_pin_hash = dossier.pin_digest(pin)
    return pin


# --- deadlines -----------------------------------------------------------------------------------
def recompute_due(dossier: Dossier) -> None:
    """Set ``due_at`` and its explanation from the receipt, time limit, pauses and extensions."""
    due, explanation = deadlines.dossier_due(dossier)
    if due != dossier.due_at:
        # A new due date is checked again by the deadline scan (docs/adr/0009); the notification
        # keys carry the due time, so the old one never notifies twice.
        dossier.due_soon_notified_at = None
        dossier.overdue_notified_at = None
    dossier.due_at = due
    dossier.due_explanation = explanation
    if dossier.original_due_at is None and due is not None:
        dossier.original_due_at = due


def pause_clock(dossier: Dossier, reason: str, at=None) -> None:
    at = at or timezone.now()
    pauses = list(dossier.clock_pauses or [])
    pauses.append({"start": at.isoformat(), "end": None, "reason": reason})
    dossier.clock_pauses = pauses
    dossier.clock_paused_at = at
    recompute_due(dossier)


def resume_clock(dossier: Dossier, at=None) -> None:
    """The citizen answered: the dossier's clock runs again (its due date moves by the pause), and
    so does the open step's: its due time moves by the working time paused, on its unit's calendar."""
    at = at or timezone.now()
    pauses = list(dossier.clock_pauses or [])
    paused_at = None
    if pauses and pauses[-1].get("end") is None:
        paused_at = pauses[-1].get("start")
        pauses[-1] = {**pauses[-1], "end": at.isoformat()}
    dossier.clock_pauses = pauses
    dossier.clock_paused_at = None
    recompute_due(dossier)
    if paused_at:
        _resume_open_step(dossier, deadlines.parse_moment(paused_at), at)


def _resume_open_step(dossier: Dossier, paused_at, resumed_at) -> None:
    """Move the open step's due time by the pause (never past the dossier's, as when it started) and
    clear its deadline-scan marks, so the new due time is checked again."""
    step = (
        dossier.steps.select_for_update(of=("self",))
        .filter(handed_over_at__isnull=True, due_at__isnull=False)
        .select_related("unit")
        .order_by("-received_at", "-pk")
        .first()
    )
    if step is None:
        return
    due = deadlines.after_pause(
        step.unit or dossier.agency, step.due_at, max(paused_at, step.received_at), resumed_at
    )
    if dossier.due_at and due > dossier.due_at and step.role != "partner":
        due = max(dossier.due_at, step.due_at)
    if due != step.due_at:
        step.due_at = due
        step.due_soon_notified_at = None
        step.overdue_notified_at = None
        step.save(update_fields=["due_at", "due_soon_notified_at", "overdue_notified_at"])


# --- notifications -------------------------------------------------------------------------------
def recipients_of(dossier: Dossier):
    """The applicant's account, or their contact details when registered at the counter without one."""
    if dossier.applicant_id:
        return [dossier.applicant]
    from portal.notifications.services import Contact

    if dossier.applicant_email or dossier.applicant_phone:
        return [
            Contact(
                ref=f"dossier-{dossier.pk}",
                email=dossier.applicant_email,
                phone=dossier.applicant_phone,
            )
        ]
    return []


def notify(event: str, dossier: Dossier, *, to=None, documents=(), context=None, link="") -> None:
    """Write the outbox rows for ``event`` in the current transaction (portal.notifications), with the
    issued documents attached to the email. ``to``: a user (staff) instead of the applicant."""
    from portal.notifications.services import notify as outbox_notify

    recipients = [to] if to is not None else recipients_of(dossier)
    if not recipients:
        return
    values = {
        "code": dossier.code or "",
        "procedure": dossier.procedure_version.name,
        "due": dossier.due_at,
        "at": timezone.now(),
        **(context or {}),
    }
    outbox_notify(
        event,
        recipients,
        key=f"dossier:{dossier.pk}:{event}:v{dossier.version}",
        context=values,
        link=link or _default_link(dossier, staff=to is not None),
        attachments=[
            {"name": d.file_name or f"{d.kind}.pdf", "path": d.file.name, "type": "application/pdf"}
            for d in documents
        ],
    )


def _default_link(dossier: Dossier, staff: bool) -> str:
    from django.urls import NoReverseMatch, reverse

    base = settings.SITE_URL.rstrip("/")
    if staff:
        return base + reverse("dossiers:staff-dossier", args=[dossier.pk])
    try:
        return base + reverse("dossiers:lookup")
    except NoReverseMatch:
        return base + "/tra-cuu/"


def snapshot_applicant(dossier: Dossier, user) -> None:
    """Copy the applicant's identity onto the dossier (printed on every slip, kept as it was then)."""
    if user is None:
        return
    dossier.applicant = user
    dossier.applicant_name = user.full_name or user.get_username()
    dossier.applicant_is_organisation = getattr(user, "kind", "") == "organisation"
    dossier.applicant_id_number = (
        user.tax_code if dossier.applicant_is_organisation else user.id_number
    ) or ""
    dossier.applicant_address = user.address or ""
    dossier.applicant_phone = user.phone or ""
    dossier.applicant_email = user.email or ""


__all__ = [
    "ActionForbidden",
    "DossierChanged",
    "DossierError",
    "InvalidInput",
    "State",
    "WrongState",
    "append_event",
    "assign_code",
    "lock",
    "new_pin",
    "next_code",
    "notify",
    "pause_clock",
    "recipients_of",
    "recompute_due",
    "require",
    "resume_clock",
    "save_dossier",
    "snapshot_applicant",
]
