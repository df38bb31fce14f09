"""The due-date engine: the API the dossier and process code calls (docs/adr/0005).

Rules, with their sources (parameters live on the WorkingCalendar, i.e. in data):

- Time limits are counted in working days, working hours, or "trong ngày" (same day).
- The day of receipt does not count; counting starts the next day (Civil Code 2015 art. 147-148). So
  n working days from a receipt on day D end at the close of the n-th working day after D.
- A dossier received after the afternoon cut-off (15:00 by default) counts as received on the next
  working day (Decree 61/2018 art. 18, Decree 118/2025); so does one received on a day off (an online
  submission on Sunday, a Saturday-morning counter).
- Working-hour limits (Decree 45/2020: online dossiers are answered within 8 working hours) run from
  the moment of receipt through working hours only; the cut-off does not apply to them unless
  settings.DEADLINE_CUTOFF_APPLIES_TO_HOURS says so.
- A deadline never lands on a day off: it is always the close of a working day or a moment inside
  working hours.
- A counter that works Saturday mornings (WorkingCalendar.saturday_morning_reception, or a "morning"
  override for one date): the hours of that half day count for working-hour limits (the 8-hour
  answer, step budgets); the day never counts as a working day (Civil Code art. 148 and the 40-hour
  week keep Saturday a weekly day off): a day-counted limit neither counts it nor ends on it, and a
  receipt on it is deemed made the next working day (docs/adr/0018).
- The clock stops while the citizen owes a supplement requested during processing or a payment, and
  resumes when they answer (the answer is a receipt: after the cut-off it counts from the next working
  day); where the procedure says so, it restarts from zero instead. Extensions add working days (or
  hours) with a reason.

Everything here is O(1) per due date (two array reads per step, see index.py); ``explanation`` walks
the days only when someone asks to see it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.calendars.index import VN_TZ, CalendarRangeError, WorkingDayIndex, index_for

__all__ = [
    "CalendarRangeError",
    "DueDate",
    "Extension",
    "Pause",
    "Timeliness",
    "Unit",
    "add_working_hours",
    "after_pause",
    "calendar_for",
    "clock",
    "default_calendar",
    "due_at",
    "extension_amount",
    "is_working_day",
    "is_working_time",
    "next_working_day",
    "rate",
    "step_due_at",
    "step_schedule",
    "working_days_between",
    "working_hours_between",
]


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    SAME_DAY = "same_day", _("trong ngày")


class Timeliness(models.TextChoices):
    """How a step or a dossier finished against its due time (the process control slip's rating)."""

    EARLY = "early", _("trước hạn")
    ON_TIME = "on_time", _("đúng hạn")
    LATE = "late", _("quá hạn")


@dataclass(frozen=True)
class Pause:
    """The clock stopped from ``start`` until ``end`` (None: still stopped).

    ``restart``: when the citizen answers, the time limit starts again from zero instead of resuming
    (where the procedure version says so).
    """

    start: dt.datetime
    end: dt.datetime | None = None
    reason: str = ""
    restart: bool = False


@dataclass(frozen=True)
class Extension:
    """The due date moved by ``amount`` units of the time limit (working days, or working hours for
    an hour limit), with a reason. ``extension_amount`` turns a new date into working days."""

    amount: int | float
    reason: str
    at: dt.datetime | None = None


# --- calendars -----------------------------------------------------------------------------------------
def default_calendar():
    """The default WorkingCalendar; an unsaved one with the standard rules if none exists yet."""
    from portal.calendars.models import WorkingCalendar

    return WorkingCalendar.objects.filter(is_default=True).first() or _standard_calendar()


def _standard_calendar():
    from portal.calendars.models import WorkingCalendar

    return WorkingCalendar(name=str(_("Lịch làm việc mặc định")), is_default=True)


def calendar_for(agency):
    """The calendar of ``agency``: its own, else the nearest ancestor's, else the default one."""
    from portal.calendars.models import WorkingCalendar

    if agency is None:
        return default_calendar()
    # The agency tree keeps a materialised path (root first): the nearest calendar is the last one.
    lineage = list(reversed(agency.ancestor_ids(include_self=True))) if agency.path else [agency.pk]
    # One query for the lineage's calendars and the default one (the fallback).
    candidates = list(WorkingCalendar.objects.filter(Q(agency_id__in=lineage) | Q(is_default=True)))
    found = {}
    for calendar in candidates:
        found.setdefault(calendar.agency_id, calendar)
    for agency_id in lineage:
        if agency_id in found:
            return found[agency_id]
    return next((c for c in candidates if c.is_default), None) or _standard_calendar()


# --- due dates -----------------------------------------------------------------------------------------
class DueDate:
    """A due time and the inputs it was counted from; ``explanation`` says how, on demand."""

    __slots__ = (
        "_explanation",
        "amount",
        "at",
        "extensions",
        "index",
        "paused_since",
        "pauses",
        "start",
        "unit",
    )

    def __init__(self, index, start, amount, unit, pauses, extensions, at, paused_since):
        self.index, self.start, self.amount, self.unit = index, start, amount, unit
        self.pauses, self.extensions = pauses, extensions
        self.at, self.paused_since = at, paused_since
        self._explanation = None

    def __repr__(self):
        return (
            f"<DueDate {self.at:%H:%M %d/%m/%Y} ({self.amount} {self.unit})>"
            if self.at
            else "<DueDate paused>"
        )

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def explanation(self):
        if self._explanation is None:
            from portal.calendars.explain import explain

            self._explanation = explain(self)
        return self._explanation


def due_at(
    calendar,
    start: dt.datetime,
    amount: int,
    unit: str = Unit.WORKING_DAYS,
    *,
    pauses=(),
    extensions=(),
) -> DueDate:
    """When a time limit of ``amount`` ``unit`` counted from ``start`` (the receipt) falls due.

    ``calendar``: a WorkingCalendar (or its index). ``pauses`` and ``extensions`` are applied in time
    order. While a pause is still open the due date is unknown: ``at`` is None and ``paused_since``
    says since when.
    """
    index = index_for(calendar)
    local = start.astimezone(VN_TZ)
    pauses = tuple(sorted(pauses, key=lambda p: p.start)) if pauses else ()
    paused_since = None

    if unit == Unit.WORKING_HOURS:
        position = _hours_start(index, local)
        due = position + amount * 3600
        for pause in pauses:
            if pause.end is None:
                paused_since = pause.start
                break
            resumed = _hours_start(index, pause.end.astimezone(VN_TZ))
            if pause.restart:
                due = resumed + amount * 3600
            else:
                due += resumed - index.position(pause.start.astimezone(VN_TZ))
        for extension in extensions:
            due += round(extension.amount * 3600)
        at = None if paused_since else index.at_position(due)
    else:
        k = _day_start(index, local, amount, unit)
        for pause in pauses:
            if pause.end is None:
                paused_since = pause.start
                break
            answered, _moved = index.counting_day(pause.end.astimezone(VN_TZ))
            if pause.restart:
                k = _day_start_from(index, answered, amount, unit)
            else:
                paused_on = index.offset(pause.start.astimezone(VN_TZ).date())
                k += max(0, index.cum[answered + 1] - index.cum[paused_on + 1])
        for extension in extensions:
            k += int(extension.amount)
        if paused_since:
            at = None
        else:
            try:
                at = index.close_of(index.nth[k])
            except IndexError:
                raise CalendarRangeError("due date beyond the calendar index") from None
    return DueDate(index, start, amount, unit, pauses, tuple(extensions), at, paused_since)


def _day_start(index: WorkingDayIndex, local: dt.datetime, amount: int, unit: str) -> int:
    """Index (into ``nth``) of the due working day of a day-counted limit received at ``local``."""
    counted_from, _moved = index.counting_day(local)
    return _day_start_from(index, counted_from, amount, unit)


def _day_start_from(index, counted_from: int, amount: int, unit: str) -> int:
    if unit == Unit.SAME_DAY or amount <= 0:
        # "Trong ngày": due at the close of the day of (deemed) receipt.
        return index.cum[counted_from]
    # Civil Code art. 147: the day of receipt does not count; the n-th working day after it is the last.
    return index.cum[counted_from + 1] + amount - 1


def _hours_start(index: WorkingDayIndex, local: dt.datetime) -> int:
    if getattr(settings, "DEADLINE_CUTOFF_APPLIES_TO_HOURS", False):
        offset, moved = index.counting_day(local)
        if moved:
            return index.day_start_position(offset)
    return index.position(local)


def extension_amount(
    calendar, due: dt.datetime, unit: str, *, working_days: int | None = None, new_due=None
):
    """How much an extension from the due date ``due`` adds, in the limit's unit: working days for
    a day limit, working hours for an hour limit. Given in working days, or as the new date a leader
    typed: a date (or a moment) that is not the close of a working day moves to the close of the
    next one, since a deadline never lands on a day off (Civil Code art. 148). Returns
    (amount, the new due time)."""
    index = index_for(calendar)
    local = due.astimezone(VN_TZ)
    if unit == Unit.WORKING_HOURS:
        start = index.position(local)
        if working_days is not None:
            hours = working_days * index.seconds_per_day / 3600
        else:
            moment = _as_moment(index, new_due)
            hours = (index.position(moment) - start) / 3600
        return hours, index.at_position(start + round(hours * 3600))
    offset = index.offset(local.date())
    if working_days is not None:
        days = working_days
    else:
        moment = _as_moment(index, new_due).astimezone(VN_TZ)
        day = index.offset(moment.date())
        if not index.work[day] or index.close_of(day) < moment:
            day = index.working_day_after(day)
        days = index.cum[day + 1] - index.cum[offset + 1]
    try:
        return days, index.close_of(index.nth[index.cum[offset + 1] + days - 1])
    except IndexError:
        raise CalendarRangeError("due date beyond the calendar index") from None


def _as_moment(index, value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.astimezone(VN_TZ)
    return index.close_of(index.offset(value))  # a date: its close (17:00)


def step_due_at(calendar, started_at: dt.datetime, hours: float) -> dt.datetime:
    """Due time of one step of the internal process: its budget in working hours from its start."""
    index = index_for(calendar)
    return index.at_position(index.position(started_at.astimezone(VN_TZ)) + round(hours * 3600))


def after_pause(calendar, due: dt.datetime, paused_at: dt.datetime, resumed_at: dt.datetime):
    """A working-hour due time (a step's) moved by a pause: the working time between ``paused_at``
    and the answer is added, the answer counted as for an hour limit (``_hours_start``)."""
    index = index_for(calendar)
    shift = _hours_start(index, resumed_at.astimezone(VN_TZ)) - index.position(
        paused_at.astimezone(VN_TZ)
    )
    if shift <= 0:
        return due
    return index.at_position(index.position(due.astimezone(VN_TZ)) + shift)


def step_schedule(calendar, start: dt.datetime, budgets_hours) -> list[dt.datetime]:
    """Planned due times of consecutive steps from ``start``: each step's budget follows the last."""
    index = index_for(calendar)
    position = index.position(start.astimezone(VN_TZ))
    schedule = []
    for hours in budgets_hours:
        position += round(hours * 3600)
        schedule.append(index.at_position(position))
    return schedule


def rate(due: dt.datetime, finished_at: dt.datetime) -> str:
    """Before, on, or after the deadline (Circular 01/2018 form 06, the process control slip).

    Finished after the due time: late. Finished on the due date, not after its time: on time.
    Finished on an earlier date: early.
    """
    if finished_at > due:
        return Timeliness.LATE
    if finished_at.astimezone(VN_TZ).date() == due.astimezone(VN_TZ).date():
        return Timeliness.ON_TIME
    return Timeliness.EARLY


# --- working time --------------------------------------------------------------------------------------
def add_working_hours(calendar, start: dt.datetime, hours: float) -> dt.datetime:
    return step_due_at(calendar, start, hours)


def working_seconds_between(calendar, start: dt.datetime, end: dt.datetime) -> int:
    """Working seconds from ``start`` to ``end``; negative when ``end`` comes first."""
    index = index_for(calendar)
    return index.position(end.astimezone(VN_TZ)) - index.position(start.astimezone(VN_TZ))


def working_hours_between(calendar, start: dt.datetime, end: dt.datetime) -> float:
    """Working hours from ``start`` to ``end`` (negative when overdue: ``end`` before ``start``)."""
    return working_seconds_between(calendar, start, end) / 3600


def working_days_between(calendar, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: how many days a limit counted from ``start`` has used by ``end``."""
    index = index_for(calendar)
    if end < start:
        return -index.working_days_between(end, start)
    return index.working_days_between(start, end)


def is_working_day(calendar, day: dt.date) -> bool:
    return index_for(calendar).is_working_day(day)


def next_working_day(calendar, day: dt.date, n: int = 1) -> dt.date:
    index = index_for(calendar)
    return index.date(index.working_day_after(index.offset(day), n))


def is_working_time(calendar, at: dt.datetime) -> bool:
    """Inside a working session (a Saturday morning worked included)."""
    index = index_for(calendar)
    local = at.astimezone(VN_TZ)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return any(a <= seconds < b for a, b in index.sessions_on(index.offset(local.date())))


@dataclass(frozen=True)
class Clock:
    """Where a time limit stands at ``now``: what the dossier page and the deadline scan show."""

    due: dt.datetime | None
    paused: bool
    remaining_hours: float | None  # working hours left; negative once overdue
    overdue: bool
    due_soon: bool
    notes: list = field(default_factory=list)


def clock(
    calendar, due: DueDate | dt.datetime | None, now: dt.datetime, due_soon_hours=None
) -> Clock:
    """Remaining working time before ``due`` at ``now``, and whether it is due soon or overdue.

    "Due soon" is settings.DEADLINE_DUE_SOON_WORKING_HOURS (default 8: one working day) or less left.
    """
    if due_soon_hours is None:
        due_soon_hours = getattr(settings, "DEADLINE_DUE_SOON_WORKING_HOURS", 8)
    if isinstance(due, DueDate):
        if due.is_paused:
            return Clock(due=None, paused=True, remaining_hours=None, overdue=False, due_soon=False)
        due = due.at
    if due is None:
        return Clock(due=None, paused=False, remaining_hours=None, overdue=False, due_soon=False)
    remaining = working_hours_between(calendar, now, due)
    overdue = now > due
    return Clock(
        due=due,
        paused=False,
        remaining_hours=remaining,
        overdue=overdue,
        due_soon=not overdue and remaining <= due_soon_hours,
    )
