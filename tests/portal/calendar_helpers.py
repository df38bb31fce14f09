"""A plain day-by-day count of due dates, written independently of the index, to check it against;
``at()``, a Hà Nội moment from how the tests write it."""

import datetime as dt

from portal.calendars.index import VN_TZ, national_holidays


class NaiveCalendar:
    """``saturday_mornings``: Saturdays that are not holidays are worked in the morning
    (``half_session``); ``half_days``: other morning-only dates. Half days count their hours, never as
    working days."""

    def __init__(
        self,
        days_off=None,
        days_worked=None,
        cutoff=dt.time(15, 0),
        saturday_mornings=False,
        half_days=(),
        half_session=(dt.time(7, 30), dt.time(11, 30)),
    ):
        off, worked = national_holidays(2020, 2035)
        self.days_off = set(off) | set(days_off or ())
        self.days_worked = (set(worked) | set(days_worked or ())) - set(days_off or ())
        self.days_off -= set(days_worked or ())
        self.cutoff = cutoff
        self.sessions = [(dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(17, 0))]
        self.saturday_mornings = saturday_mornings
        self.half_days = set(half_days)
        self.half_session = half_session

    def half(self, day):
        if self.working(day):
            return False
        if day in self.half_days:
            return True
        return self.saturday_mornings and day.weekday() == 5 and day not in self.days_off

    def sessions_on(self, day):
        if self.working(day):
            return self.sessions
        if self.half(day):
            return [self.half_session]
        return []

    def hours_between(self, start, end):
        """Working hours from ``start`` to ``end`` (start ≤ end), session by session."""
        total = 0.0
        day = start.astimezone(VN_TZ).date()
        while day <= end.astimezone(VN_TZ).date():
            for open_, close in self.sessions_on(day):
                low = max(dt.datetime.combine(day, open_, tzinfo=VN_TZ), start)
                high = min(dt.datetime.combine(day, close, tzinfo=VN_TZ), end)
                if high > low:
                    total += (high - low).total_seconds()
            day += dt.timedelta(days=1)
        return total / 3600

    def working(self, day):
        if day in self.days_worked:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5

    def next_working(self, day):
        day += dt.timedelta(days=1)
        while not self.working(day):
            day += dt.timedelta(days=1)
        return day

    def due_days(self, start, n):
        local = start.astimezone(VN_TZ)
        day = local.date()
        if not self.working(day) or local.time() > self.cutoff:
            day = self.next_working(day)
        for _ in range(n):
            day = self.next_working(day)
        return dt.datetime.combine(day, dt.time(17, 0), tzinfo=VN_TZ)

    def due_hours(self, start, hours):
        """Walk session by session, consuming working seconds."""
        local = start.astimezone(VN_TZ).replace(microsecond=0)
        remaining = hours * 3600
        day = local.date()
        moment = local
        while True:
            if self.sessions_on(day):
                for open_, close in self.sessions_on(day):
                    session_start = dt.datetime.combine(day, open_, tzinfo=VN_TZ)
                    session_end = dt.datetime.combine(day, close, tzinfo=VN_TZ)
                    begin = max(session_start, moment)
                    if begin >= session_end:
                        continue
                    available = (session_end - begin).total_seconds()
                    if remaining <= available and remaining > 0:
                        return begin + dt.timedelta(seconds=remaining)
                    if remaining == 0:
                        return begin
                    remaining -= available
                    moment = session_end
            day += dt.timedelta(days=1)
            moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=VN_TZ)


def at(text: str) -> dt.datetime:
    """``at("02/03/2026 09:00")``: that moment in Hà Nội time."""
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN_TZ)
