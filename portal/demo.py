"""Demo data of the portal app: the default working calendar (national holidays from the package)."""

from portal.calendars.models import WorkingCalendar


def seed(log):
    calendar, created = WorkingCalendar.objects.get_or_create(
        is_default=True, defaults={"name": "Lịch làm việc chung của tỉnh"}
    )
    if created:
        log(f"  + {calendar.name}")
