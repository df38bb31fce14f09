"""Notifications the citizen side sends, through the portal's outbox (portal/notifications).

The events the outbox already knows (dossier_submitted to the applicant, queue_new_dossier to the
receiving desk) are used as they are; the ones only this side raises are registered here with their
texts: a confirmed payment (to the applicant), a supplement answered and a withdrawal requested (to the
officers holding the dossier). Rows are written in the caller's transaction, with a key per
occurrence, so a retried transition never notifies twice.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.notifications import events
from portal.notifications.events import CITIZEN, STAFF, Event
from portal.notifications.services import Message, notify_events

events.register(Event(
    "payment_confirmed", CITIZEN, _("Đã thanh toán phí, lệ phí"),
    _("Hồ sơ %(code)s: đã nhận thanh toán %(amount)s"),
    _("Cổng thanh toán đã xác nhận khoản %(amount)s cho hồ sơ %(code)s. Biên lai điện tử số %(receipt)s có tại %(link)s"),
    _("DVC: Da nhan thanh toan %(amount)s cho ho so %(code)s. Bien lai: %(receipt)s"),
))  # fmt: skip
events.register(Event(
    "supplement_answered", STAFF, _("Công dân đã bổ sung hồ sơ"),
    _("Hồ sơ %(code)s đã được bổ sung"),
    _("Người nộp đã bổ sung hồ sơ %(code)s (%(procedure)s) lúc %(at)s. %(link)s"),
    _("DVC: Ho so %(code)s da duoc bo sung"),
))  # fmt: skip
events.register(Event(
    "withdrawal_requested", STAFF, _("Công dân yêu cầu rút hồ sơ"),
    _("Hồ sơ %(code)s: yêu cầu rút hồ sơ"),
    _("Người nộp yêu cầu rút hồ sơ %(code)s (%(procedure)s). Lý do: %(reason)s. %(link)s"),
    _("DVC: Ho so %(code)s co yeu cau rut ho so"),
))  # fmt: skip


def _link(name, dossier) -> str:
    try:
        return settings.SITE_URL.rstrip("/") + reverse(name, args=[dossier.pk])
    except Exception:  # a notification never blocks the change that caused it
        return settings.SITE_URL


def _context(dossier, **extra):
    return {
        "code": dossier.code or "",
        "procedure": dossier.procedure_version.name,
        "at": dossier.updated_at,
        **extra,
    }


def applicant_message(event, dossier, **extra) -> Message | None:
    """The occurrence of ``event`` for the applicant's account (None without one), for ``send``."""
    if dossier.applicant_id is None:
        return None
    return Message(
        [dossier.applicant],
        f"dossier:{dossier.pk}:{event}:{dossier.version}",
        _context(dossier, **extra),
        _link("dossiers:detail", dossier),
    )


def staff_message(event, dossier, users, **extra) -> Message | None:
    """The occurrence of ``event`` for these officers, linking to the staff page (None: nobody)."""
    users = [u for u in users if u is not None]
    if not users:
        return None
    return Message(
        users,
        f"dossier:{dossier.pk}:{event}:{dossier.version}",
        _context(dossier, **extra),
        _link("dossiers:staff-dossier", dossier),
    )


def send(*occurrences):
    """Write the outbox rows of several ``(event, message)`` at once: one insert, and one message
    to the workers after commit (the submission tells the applicant and the desk together)."""
    batches = [(event, [message]) for event, message in occurrences if message is not None]
    return notify_events(batches) if batches else []


def to_applicant(event, dossier, **extra):
    return send((event, applicant_message(event, dossier, **extra)))


def to_staff(event, dossier, users, **extra):
    return send((event, staff_message(event, dossier, users, **extra)))
