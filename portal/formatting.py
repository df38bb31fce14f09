"""Vietnamese display of money, dates and durations, shared by pages, PDFs and notifications."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def format_money(amount) -> str:
    """Whole đồng with "." between thousands: 1000000 → "1.000.000 đ"; None → ""."""
    if amount is None or amount == "":
        return ""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".") + " đ"


def format_date(value) -> str:
    """dd/mm/yyyy, in Hà Nội time for aware datetimes."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value, VN_TZ) if timezone.is_aware(value) else value
        value = value.date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value) -> str:
    """HH:MM dd/mm/yyyy, in Hà Nội time."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value, VN_TZ)
    return value.strftime("%H:%M %d/%m/%Y")
