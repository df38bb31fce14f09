"""The dossiers app's one door to the working-day engine (portal/calendars, DOMAIN.md §6).

Until ``portal.calendars`` lands on main, a plain fallback counts Monday-Friday, 07:30-11:30 and
13:00-17:00 Hà Nội time, without holidays; every caller goes through these functions so the switch is
one file.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

VN = ZoneInfo("Asia/Ho_Chi_Minh")
INTAKE_ANSWER_HOURS = 8  # Decree 45/2020: online dossiers are answered within 8 working hours

try:  # pragma: no cover - depends on what is on main
    from portal.calendars import engine as _engine
except ImportError:  # pragma: no cover
    _engine = None

_SESSIONS = ((dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(17, 0)))


def _fallback_is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5


def _fallback_add_hours(start: dt.datetime, hours: float) -> dt.datetime:
    remaining = dt.timedelta(hours=float(hours))
    local = start.astimezone(VN)
    day = local.date()
    cursor = local
    for _ in range(3660):
        if _fallback_is_working_day(day):
            for begin, end in _SESSIONS:
                s = dt.datetime.combine(day, begin, VN)
                e = dt.datetime.combine(day, end, VN)
                if cursor >= e:
                    continue
                cursor = max(cursor, s)
                available = e - cursor
                if remaining <= available:
                    return cursor + remaining
                remaining -= available
                cursor = e
        day += dt.timedelta(days=1)
        cursor = dt.datetime.combine(day, dt.time(0, 0), VN)
    raise ValueError("due date too far")


def _fallback_hours_between(start: dt.datetime, end: dt.datetime) -> float:
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    total = dt.timedelta()
    day = start.astimezone(VN).date()
    last = end.astimezone(VN).date()
    while day <= last:
        if _fallback_is_working_day(day):
            for begin, finish in _SESSIONS:
                s = max(dt.datetime.combine(day, begin, VN), start)
                e = min(dt.datetime.combine(day, finish, VN), end)
                if e > s:
                    total += e - s
        day += dt.timedelta(days=1)
    return sign * total.total_seconds() / 3600


def _calendar(agency):
    return _engine.calendar_for(agency) if _engine else None


def add_working_hours(agency, start: dt.datetime, hours: float) -> dt.datetime:
    if _engine:
        return _engine.step_due_at(_calendar(agency), start, float(hours))
    return _fallback_add_hours(start, hours)


def working_hours_between(agency, start: dt.datetime, end: dt.datetime) -> float:
    if _engine:
        return _engine.working_hours_between(_calendar(agency), start, end)
    return _fallback_hours_between(start, end)


def after_pause(agency, due: dt.datetime, paused_at: dt.datetime, resumed_at: dt.datetime):
    """A working-hour due time moved by a pause from ``paused_at`` to ``resumed_at`` (the rule of the
    dossier's clock for hour limits, docs/adr/0005): the working time paused is added."""
    if resumed_at <= paused_at:
        return due
    if _engine:
        return _engine.after_pause(_calendar(agency), due, paused_at, resumed_at)
    return _fallback_add_hours(due, _fallback_hours_between(paused_at, resumed_at))


def parse_moment(value) -> dt.datetime | None:
    return _parse(value)


def intake_due(agency, submitted_at: dt.datetime) -> dt.datetime:
    """When the receiving desk's answer to an online dossier is due."""
    from django.conf import settings

    hours = getattr(settings, "ONLINE_ANSWER_WORKING_HOURS", INTAKE_ANSWER_HOURS)
    return add_working_hours(agency, submitted_at, hours)


def rate(due: dt.datetime | None, finished_at: dt.datetime) -> str:
    """before / on_time / late, in the StepResult vocabulary."""
    if due is None:
        return "on_time"
    if finished_at > due:
        return "late"
    if finished_at.astimezone(VN).date() == due.astimezone(VN).date():
        return "on_time"
    return "before"


def _parse(value):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def _counted_extensions(dossier) -> list[dict]:
    """Extensions counted on the calendar (in working days, or hours for an hour limit); older rows
    that only kept the typed new date ("to") are applied as that date."""
    return [
        e
        for e in dossier.extensions or []
        if e.get("working_days") is not None or e.get("working_hours") is not None
    ]


def _engine_extensions(dossier, unit) -> list:
    hours_per_day = 8
    extensions = []
    for e in _counted_extensions(dossier):
        if unit == "working_hours":
            amount = e.get("working_hours")
            if amount is None:
                amount = e["working_days"] * hours_per_day
        else:
            amount = e.get("working_days")
            if amount is None:
                amount = -(-float(e["working_hours"]) // hours_per_day)
        extensions.append(
            _engine.Extension(
                amount=float(amount) if unit == "working_hours" else int(amount),
                reason=e.get("reason", ""),
                at=_parse(e.get("at")),
            )
        )
    return extensions


def extension(dossier, *, working_days=None, new_due=None, now=None) -> tuple[dict, dt.datetime]:
    """What an extension adds (``{"working_days": n}``, or ``{"working_hours": h}`` for an hour
    limit) and the due date it gives, counted on the agency calendar from the current due date. While
    the clock is paused, from the due date the dossier would have if the citizen answered ``now``.
    Raises ValueError when the new date is not after the current one."""
    due = dossier.due_at
    if due is None:
        due, _explanation = dossier_due(dossier, resume_at=now or timezone.now())
    if due is None:
        raise ValueError("no due date")
    unit = dossier.procedure_version.processing_time_unit
    amount, new = _engine.extension_amount(
        _calendar(dossier.agency), due, unit, working_days=working_days, new_due=new_due
    )
    if amount <= 0 or new <= due:
        raise ValueError("not later")
    if unit == "working_hours":
        return {"working_hours": round(amount, 4)}, new
    return {"working_days": int(amount)}, new


def dossier_due(dossier, resume_at=None) -> tuple[dt.datetime | None, dict]:
    """The dossier's due date from its receipt, the version's time limit, pauses and extensions,
    with an explanation (kept on the dossier, shown to whoever asks why). ``resume_at``: count an open
    pause as if the citizen answered then (a provisional date while the clock is stopped)."""
    version = dossier.procedure_version
    start = dossier.received_at
    if start is None:
        return None, {}
    unit = version.processing_time_unit
    amount = version.processing_time
    pauses = [
        (_parse(p.get("start")), _parse(p.get("end")) or resume_at, p.get("reason", ""))
        for p in dossier.clock_pauses or []
    ]
    explanation: dict = {
        "received_at": start.isoformat(),
        "amount": amount,
        "unit": unit,
        "pauses": [
            {"start": s.isoformat(), "end": e.isoformat() if e else None, "reason": r}
            for s, e, r in pauses
        ],
    }
    due = None
    if _engine:
        engine_pauses = [_engine.Pause(start=s, end=e, reason=r) for s, e, r in pauses]
        result = _engine.due_at(
            _calendar(dossier.agency),
            start,
            amount,
            unit,
            pauses=engine_pauses,
            extensions=_engine_extensions(dossier, unit),
        )
        due = result.at
        try:
            explanation["engine"] = result.explanation.as_dict()
        except Exception:  # the explanation is a courtesy, never blocks a transition
            explanation["engine"] = None
    else:
        hours = version.processing_hours
        if any(e is None for _, e, _ in pauses):
            due = None
        else:
            due = _fallback_add_hours(_fallback_counting_start(start), float(hours))
            for s, e, _r in pauses:
                due = _fallback_add_hours(due, _fallback_hours_between(s, e))
        explanation["engine"] = "fallback: Mon-Fri 07:30-11:30, 13:00-17:00, no holidays"
    extensions = dossier.extensions or []
    counted = _counted_extensions(dossier)
    typed = [e for e in extensions if e not in counted]
    if typed and due is not None:
        last = _parse(typed[-1].get("to"))
        if last and last > due:
            due = last
    if extensions:
        explanation["extensions"] = extensions
    explanation["due_at"] = due.isoformat() if due else None
    explanation["computed_at"] = timezone.now().isoformat()
    return due, explanation


def _fallback_counting_start(received_at: dt.datetime) -> dt.datetime:
    """The day of receipt does not count (Civil Code art. 147): start at the next working day."""
    day = received_at.astimezone(VN).date() + dt.timedelta(days=1)
    while not _fallback_is_working_day(day):
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, _SESSIONS[0][0], VN)


def hours_left(agency, due: dt.datetime | None, now: dt.datetime):
    """Working hours from ``now`` to ``due`` (negative once overdue); ``HoursLeft`` for many rows."""
    return HoursLeft(now)(agency, due)


class HoursLeft:
    """Working hours left at ``now`` for many due times (a queue page): each agency's calendar is
    looked up once and ``now``'s position on its index counted once, so a row costs one index read.
    Same figures as ``hours_left``. ``agency`` needs only ``pk`` and ``path`` (an Agency built from
    a row's columns will do)."""

    def __init__(self, now: dt.datetime):
        self.now = now
        self._calendars: dict = {}

    def __call__(self, agency, due: dt.datetime | None) -> float | None:
        if due is None:
            return None
        if _engine is None:
            return _fallback_hours_between(self.now, due)
        key = getattr(agency, "pk", None)
        entry = self._calendars.get(key)
        if entry is None:
            index = _engine.index_for(_calendar(agency))
            entry = self._calendars[key] = (index, index.position(index.local(self.now)))
        index, start = entry
        return (index.position(index.local(due)) - start) / 3600
