"""The portal app's models, kept by concern in sub-packages and importable from here."""

from portal.calendars.models import CalendarOverride, WorkingCalendar

__all__ = ["CalendarOverride", "WorkingCalendar"]
