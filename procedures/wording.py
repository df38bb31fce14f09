"""Numbers and durations written out in Vietnamese, as official texts do: "15 (mười lăm) ngày làm việc"."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def number_in_words(n: int) -> str:
    """Vietnamese words for 0 ≤ n < 1000 (enough for processing times)."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    parts = []
    if hundreds:
        parts += [DIGITS[hundreds], "trăm"]
        if rest and tens == 0:
            parts.append("lẻ")
    if tens == 1:
        parts.append("mười")
    elif tens > 1:
        parts += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            parts.append("mốt")
        elif units == 5 and tens >= 1:
            parts.append("lăm")
        else:
            parts.append(DIGITS[units])
    return " ".join(parts)


def processing_time_text(value: int, unit: str) -> str:
    if unit == "same_day":
        return _("Trong ngày làm việc")
    # Official Vietnamese texts spell the number out: "15 (mười lăm) ngày làm việc".
    number = f"{value} ({number_in_words(value)})" if get_language() == "vi" else str(value)
    if unit == "working_hours":
        return _("%(n)s giờ làm việc") % {"n": number}
    return _("%(n)s ngày làm việc") % {"n": number}
