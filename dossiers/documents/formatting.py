"""Date and number wording of administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

Short dates stay dd/mm/yyyy (portal/formatting.py); these add the long forms the forms print.
"""

import datetime as dt

from django.utils import timezone

from portal.formatting import VN_TZ, format_date


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value, VN_TZ)
    return value


def date_line(value) -> str:
    """ "ngày 05 tháng 02 năm 2026": Decree 30 writes days below 10 and months 1 and 2 with a
    leading zero (so that "tháng 1" cannot be read as "tháng 10"-something when written by hand)."""
    if value is None:
        return "ngày ..... tháng ..... năm ......."
    value = _local(value)
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def time_and_date(value) -> str:
    """ "09 giờ 30 phút, ngày 25/11/2026", the way the receipt states times."""
    if value is None:
        return "..... giờ ..... phút, ngày ...../...../......."
    value = _local(value)
    if not isinstance(value, dt.datetime):
        return f"ngày {format_date(value)}"
    return f"{value.hour:02d} giờ {value.minute:02d} phút, ngày {format_date(value)}"


def short_time_and_date(value) -> str:
    """ "09:30 25/11/2026" for table cells."""
    if value is None:
        return ""
    value = _local(value)
    if not isinstance(value, dt.datetime):
        return format_date(value)
    return f"{value.hour:02d}:{value.minute:02d} {format_date(value)}"


def two_digits(value) -> str:
    """Counts of sets and copies are written with two digits on the forms: 1 → "01"."""
    if value is None or value == "":
        return ""
    return f"{int(value):02d}"


def css_string(value) -> str:
    """A value safe inside a CSS string literal in double quotes (page footers)."""
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", " "), ("\r", " "), ("<", "\\3C ")):
        text = text.replace(char, escaped)
    return text
