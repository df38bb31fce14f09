"""A plain day-by-day count of due dates, written independently of the index, to check it against."""

import datetime as dt

from portal.calendars.index import VN_TZ, national_holidays


class NaiveCalendar:
    def __init__(self, days_off=None, days_worked=None, cutoff=dt.time(15, 0)):
        off, worked = national_holidays(2020, 2035)
        self.days_off = set(off) | set(days_off or ())
        self.days_worked = (set(worked) | set(days_worked or ())) - set(days_off or ())
        self.days_off -= set(days_worked or ())
        self.cutoff = cutoff
        self.sessions = [(dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(17, 0))]

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
            if self.working(day):
                for open_, close in self.sessions:
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
