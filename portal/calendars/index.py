"""The precomputed index of working days that makes every due-date computation O(1).

For a calendar and a range of years the index holds, per day (an offset from 1 January of the first
year):

- ``work[d]``: 1 if the day is a working day;
- ``cum[d]``: how many working days come before day ``d`` (a prefix sum, one longer than the range);
- ``nth[k]``: the offset of the k-th working day (the inverse of ``cum``).

"The n-th working day after d" is then ``nth[cum[d + 1] + n - 1]`` and "working days between a and b"
is ``cum[b] - cum[a]``: two array reads, whatever the distance. Working time is counted the same way in
seconds: a moment's *position* is ``cum[d] × (working seconds per day) + working seconds elapsed that
day``; adding working hours is adding to a position and mapping it back (docs/adr/0005).

A calendar with half days (Saturday mornings worked, docs/adr/0018) keeps the same day arrays (a half
day is not a working day for day counting) and adds, for working time, a prefix sum of working seconds
per day (``scum``), the list of days that have working time (``hdays``, with ``hstart``: the position
at which each starts) and a bucket table (``bucket[b]``: the day holding position ``b × B + 1``, where
``B`` is the shortest day): every day is at least ``B`` long, so mapping a position back reads one
bucket and steps at most one day further. Still O(1).

Indexes are cached per process, keyed by the calendar's id and revision; the revision is bumped by any
change of the calendar or of its overrides, so a changed calendar is rebuilt on its next use.
"""

import datetime as dt
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays as holidays_package
from django.conf import settings
from django.utils.translation import get_language

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WEEKDAY_NAMES = {
    0: ("Thứ Hai", "Monday"),
    1: ("Thứ Ba", "Tuesday"),
    2: ("Thứ Tư", "Wednesday"),
    3: ("Thứ Năm", "Thursday"),
    4: ("Thứ Sáu", "Friday"),
    5: ("Thứ Bảy", "Saturday"),
    6: ("Chủ nhật", "Sunday"),
}


class CalendarRangeError(ValueError):
    """A date outside the years the index covers (settings.CALENDAR_INDEX_YEARS)."""


@dataclass(frozen=True)
class Reason:
    """Why a day is off (or worked although it is a weekend day), in both languages."""

    source: str  # "weekend", "holiday", "override", "swap"
    vi: str
    en: str

    def __str__(self):
        return self.en if (get_language() or "vi").startswith("en") else self.vi


def _seconds(value: dt.time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


class WorkingDayIndex:
    """Working days and hours of one calendar over a range of years, answering in O(1)."""

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        weekend: frozenset[int],
        sessions: list[tuple[dt.time, dt.time]],
        cutoff: dt.time,
        days_off: dict[dt.date, Reason],
        days_worked: dict[dt.date, Reason],
        half_session: tuple[dt.time, dt.time] | None = None,
        saturday_mornings: bool = False,
        days_half: dict[dt.date, Reason] | None = None,
    ):
        self.first = dt.date(first_year, 1, 1)
        self.last = dt.date(last_year, 12, 31)
        self.epoch = self.first.toordinal()
        self.size = self.last.toordinal() - self.epoch + 1
        self.weekend = weekend
        self.sessions = [(_seconds(a), _seconds(b)) for a, b in sessions]
        (self.m_open, self.m_close), (self.a_open, self.a_close) = self.sessions
        self.seconds_per_day = sum(b - a for a, b in self.sessions)
        self.cutoff = _seconds(cutoff)
        self.off_reasons: dict[int, Reason] = {}
        self.worked_reasons: dict[int, Reason] = {}

        work = bytearray(self.size)
        cum = array("q", bytes(8 * (self.size + 1)))
        nth = array("q")
        count = 0
        for offset in range(self.size):
            day = self.first + dt.timedelta(days=offset)
            if day in days_worked:
                working = True
                if day.weekday() in weekend:
                    self.worked_reasons[offset] = days_worked[day]
            elif day in days_off:
                working = False
                self.off_reasons[offset] = days_off[day]
            elif days_half and day in days_half:
                working = False  # a morning-only date: its hours count, not the day
            else:
                working = day.weekday() not in weekend
            cum[offset] = count
            if working:
                work[offset] = 1
                nth.append(offset)
                count += 1
        cum[self.size] = count
        self.work, self.cum, self.nth = work, cum, nth
        self._build_half_days(half_session, saturday_mornings, days_half or {}, days_off)

    def _build_half_days(self, half_session, saturday_mornings, days_half, days_off):
        """Half days: Saturday mornings (when the calendar works them) and dates an override makes
        morning-only; a holiday, an announced day off or a full working day takes precedence."""
        self.half_reasons: dict[int, Reason] = {}
        if half_session is not None:
            self.h_open, self.h_close = _seconds(half_session[0]), _seconds(half_session[1])
        else:
            self.h_open, self.h_close = self.m_open, self.m_close
        self.half_seconds = self.h_close - self.h_open
        self.has_half_days = False
        if not (saturday_mornings or days_half):
            return
        saturday = Reason(
            "half_day",
            "Thứ Bảy: chỉ làm việc buổi sáng (tính giờ làm việc, không tính là ngày làm việc)",
            "Saturday: morning only (its hours count, it is not a working day)",
        )
        for offset in range(self.size):
            if self.work[offset]:
                continue
            day = self.first + dt.timedelta(days=offset)
            if day in days_half:
                self.half_reasons[offset] = days_half[day]
            elif saturday_mornings and day.weekday() == 5 and day not in days_off:
                self.half_reasons[offset] = saturday
        self.has_half_days = bool(self.half_reasons) and self.half_seconds > 0
        if not self.has_half_days:
            return
        spd, half = self.seconds_per_day, self.half_seconds
        scum = array("q", bytes(8 * (self.size + 1)))
        hdays, hstart = array("q"), array("q")
        total = 0
        for offset in range(self.size):
            scum[offset] = total
            length = spd if self.work[offset] else (half if offset in self.half_reasons else 0)
            if length:
                hdays.append(offset)
                hstart.append(total)
                total += length
        scum[self.size] = total
        hstart.append(total)  # sentinel: the end of the last day
        step = min(spd, half)
        bucket = array("q")
        j = 0
        for b in range(total // step + 1):
            first = b * step + 1
            while j + 1 < len(hdays) and hstart[j + 1] < first:
                j += 1
            bucket.append(j)
        self.scum, self.hdays, self.hstart, self.bucket, self.bucket_size = (
            scum,
            hdays,
            hstart,
            bucket,
            step,
        )

    # --- days ----------------------------------------------------------------------------------------
    def offset(self, day: dt.date) -> int:
        offset = day.toordinal() - self.epoch
        if not 0 <= offset < self.size:
            raise CalendarRangeError(
                f"{day} is outside the calendar index ({self.first}–{self.last})"
            )
        return offset

    def date(self, offset: int) -> dt.date:
        return dt.date.fromordinal(self.epoch + offset)

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self.work[self.offset(day)])

    def working_day_after(self, offset: int, n: int = 1) -> int:
        """Offset of the n-th working day strictly after ``offset`` (n ≥ 1)."""
        try:
            return self.nth[self.cum[offset + 1] + n - 1]
        except IndexError:
            raise CalendarRangeError("due date beyond the calendar index") from None

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the days a period from ``start`` to ``end`` counts."""
        return self.cum[self.offset(end) + 1] - self.cum[self.offset(start) + 1]

    def reason_off(self, offset: int) -> Reason | None:
        if self.work[offset]:
            return None
        if offset in self.half_reasons:
            return self.half_reasons[offset]
        if offset in self.off_reasons:
            return self.off_reasons[offset]
        vi, en = WEEKDAY_NAMES[self.date(offset).weekday()]
        return Reason("weekend", vi, en)

    # --- moments -------------------------------------------------------------------------------------
    def local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise ValueError("aware datetimes only")
        return moment.astimezone(VN_TZ)

    def elapsed(self, seconds: int) -> int:
        """Working seconds of a working day elapsed at ``seconds`` after midnight."""
        if seconds <= self.m_open:
            return 0
        if seconds <= self.m_close:
            return seconds - self.m_open
        morning = self.m_close - self.m_open
        if seconds <= self.a_open:
            return morning
        if seconds <= self.a_close:
            return morning + seconds - self.a_open
        return self.seconds_per_day

    def seconds_on(self, offset: int) -> int:
        """Working seconds of the day: a full day's, a half day's, or none."""
        if self.work[offset]:
            return self.seconds_per_day
        if self.has_half_days and offset in self.half_reasons:
            return self.half_seconds
        return 0

    def sessions_on(self, offset: int) -> list[tuple[int, int]]:
        """The working sessions of the day, in seconds after midnight."""
        if self.work[offset]:
            return self.sessions
        if self.has_half_days and offset in self.half_reasons:
            return [(self.h_open, self.h_close)]
        return []

    def position(self, local: dt.datetime) -> int:
        """Working seconds from the start of the index to ``local`` (flat outside working hours)."""
        offset = local.toordinal() - self.epoch
        if not 0 <= offset < self.size:
            raise CalendarRangeError(f"{local} is outside the calendar index")
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        if self.has_half_days:
            base = self.scum[offset]
            if self.work[offset]:
                return base + self.elapsed(seconds)
            if offset in self.half_reasons:
                return base + min(max(seconds - self.h_open, 0), self.half_seconds)
            return base
        base = self.cum[offset] * self.seconds_per_day
        if not self.work[offset]:
            return base
        return base + self.elapsed(seconds)

    def day_start_position(self, offset: int) -> int:
        if self.has_half_days:
            return self.scum[offset]
        return self.cum[offset] * self.seconds_per_day

    def at_position(self, position: int) -> dt.datetime:
        """The earliest moment whose position is ``position``: a deadline ends a session, never
        starts the next one (8 working hours from 07:30 end at 17:00 the same day, not 07:30 the next).
        """
        if self.has_half_days:
            return self._at_position_half_days(position)
        k, rest = divmod(position, self.seconds_per_day)
        if rest == 0 and k > 0:
            k, seconds = k - 1, self.a_close
        else:
            morning = self.m_close - self.m_open
            seconds = self.m_open + rest if rest <= morning else self.a_open + rest - morning
        try:
            offset = self.nth[k]
        except IndexError:
            raise CalendarRangeError("due date beyond the calendar index") from None
        return self.moment(offset, seconds)

    def _at_position_half_days(self, position: int) -> dt.datetime:
        if position <= 0:
            j, rest = 0, 0
        else:
            try:
                j = self.bucket[(position - 1) // self.bucket_size]
            except IndexError:
                raise CalendarRangeError("due date beyond the calendar index") from None
            while self.hstart[j + 1] < position:  # at most once: every day is a bucket long
                j += 1
                if j + 1 >= len(self.hstart):
                    raise CalendarRangeError("due date beyond the calendar index")
            rest = position - self.hstart[j]
        offset = self.hdays[j]
        if not self.work[offset]:
            return self.moment(offset, self.h_open + rest)
        morning = self.m_close - self.m_open
        seconds = self.m_open + rest if rest <= morning else self.a_open + rest - morning
        return self.moment(offset, seconds)

    def moment(self, offset: int, seconds: int) -> dt.datetime:
        day = dt.date.fromordinal(self.epoch + offset)
        return dt.datetime(
            day.year, day.month, day.day, seconds // 3600, seconds % 3600 // 60, seconds % 60,
            tzinfo=VN_TZ,
        )  # fmt: skip

    def close_of(self, offset: int) -> dt.datetime:
        return self.moment(offset, self.a_close)

    def counting_day(self, local: dt.datetime) -> tuple[int, bool]:
        """The day a receipt at ``local`` is deemed made on, and whether it moved.

        Received on a working day before the cut-off: that day. After the cut-off (Decree 61/2018
        art. 18; Decree 118/2025), or on a day off (including a Saturday-morning counter): the next
        working day.
        """
        offset = local.toordinal() - self.epoch
        if not 0 <= offset < self.size:
            raise CalendarRangeError(f"{local} is outside the calendar index")
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        if self.work[offset] and seconds <= self.cutoff:
            return offset, False
        return self.working_day_after(offset), True


# --- building and caching ----------------------------------------------------------------------------
_cache: "OrderedDict[tuple, WorkingDayIndex]" = OrderedDict()
_lock = threading.Lock()
CACHE_SIZE = 64


def national_holidays(first_year: int, last_year: int) -> tuple[dict, dict]:
    """Vietnam's public holidays from the ``holidays`` package, with names in Vietnamese and English.

    The package knows the solar holidays (1/1, 30/4, 1/5, 2/9 and its adjacent day), the lunar ones (Tết
    Nguyên đán from the 29th or 30th of the last month for five days; Giỗ Tổ Hùng Vương 10/3 lunar),
    the days observed in lieu when a holiday falls on a weekend ("nghỉ bù"), and the swaps the
    government announced in past years ("weekend_workdays", Saturdays worked in exchange).
    """
    years = range(first_year, last_year + 1)
    vi = holidays_package.country_holidays("VN", years=years, language="vi")
    en = holidays_package.country_holidays("VN", years=years, language="en_US")
    days_off = {day: Reason("holiday", name, en.get(day, name)) for day, name in vi.items()}
    days_worked = {
        day: Reason("swap", "Ngày làm bù (hoán đổi ngày nghỉ)", "Working day (swapped day off)")
        for day in getattr(vi, "weekend_workdays", ())
        if first_year <= day.year <= last_year
    }
    return days_off, days_worked


def index_years() -> tuple[int, int]:
    first, last = getattr(settings, "CALENDAR_INDEX_YEARS", (2000, 2060))
    return int(first), int(last)


def build_index(calendar) -> WorkingDayIndex:
    """Build the index of a WorkingCalendar (saved or not): holidays, then inherited and own overrides."""
    from portal.calendars.models import CalendarOverride, WorkingCalendar

    first_year, last_year = index_years()
    days_off: dict[dt.date, Reason] = {}
    days_worked: dict[dt.date, Reason] = {}
    days_half: dict[dt.date, Reason] = {}
    if calendar.use_national_holidays:
        days_off, days_worked = national_holidays(first_year, last_year)

    layers = []
    if calendar.pk and calendar.inherit_default_overrides and not calendar.is_default:
        default = WorkingCalendar.objects.filter(is_default=True).exclude(pk=calendar.pk).first()
        if default is not None:
            layers.append(default.overrides.all())
    if calendar.pk:
        layers.append(CalendarOverride.objects.filter(calendar=calendar))
    for overrides in layers:
        for override in overrides:
            reason = Reason("override", override.reason, override.reason)
            mine = {
                CalendarOverride.Kind.DAY_OFF: days_off,
                CalendarOverride.Kind.WORKING_DAY: days_worked,
                CalendarOverride.Kind.MORNING: days_half,
            }[override.kind]
            for layer in (days_off, days_worked, days_half):
                layer.pop(override.date, None)
            mine[override.date] = reason

    return WorkingDayIndex(
        first_year=first_year,
        last_year=last_year,
        weekend=calendar.weekend,
        sessions=[
            (calendar.morning_start, calendar.morning_end),
            (calendar.afternoon_start, calendar.afternoon_end),
        ],
        cutoff=calendar.cutoff,
        days_off=days_off,
        days_worked=days_worked,
        half_session=(calendar.saturday_morning_start, calendar.saturday_morning_end),
        saturday_mornings=calendar.saturday_morning_reception,
        days_half=days_half,
    )


def index_for(calendar) -> WorkingDayIndex:
    """The cached index of ``calendar`` (a WorkingCalendar, or an index, returned as is)."""
    if isinstance(calendar, WorkingDayIndex):
        return calendar
    key = (*calendar.cache_key, index_years())
    index = _cache.get(key)
    if index is not None:
        return index
    index = build_index(calendar)
    with _lock:
        _cache[key] = index
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return index


def clear_cache():
    with _lock:
        _cache.clear()
