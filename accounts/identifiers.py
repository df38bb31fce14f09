"""Vietnamese identifiers: citizen ID numbers (CCCD), tax codes (MST) and phone numbers.

Each ``normalize_*`` returns the canonical form stored in the database; each ``validate_*`` raises a
``ValidationError`` with a Vietnamese message. ``mask_*`` hides what a screen does not need (Decree
13/2023: show no more personal data than the purpose requires).
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Circular 07/2016/TT-BCA and 59/2021/TT-BCA: the first three digits of a CCCD are the code of the
# province where the birth was registered, from the 63 province codes in use before the 2025 merger
# (numbers already issued keep their code; the merged provinces kept codes from this same list).
CCCD_PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35,
        36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70,
        72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)  # fmt: skip

# The fourth digit encodes century of birth and sex: 0/1 = 20th century male/female, 2/3 = 21st,
# 4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th.
_CENTURY_START = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 2300}

_NON_DIGITS = re.compile(r"[\s.\-]")


def normalize_id_number(value: str) -> str:
    return _NON_DIGITS.sub("", value or "")


def cccd_birth_year(value: str) -> int:
    """The year of birth encoded in a (valid-format) CCCD."""
    century_sex = int(value[3])
    return _CENTURY_START[century_sex // 2] + int(value[4:6])


def cccd_sex(value: str) -> str:
    return "female" if int(value[3]) % 2 else "male"


def validate_id_number(value: str, date_of_birth: dt.date | None = None, today=None) -> None:
    """A 12-digit CCCD: known province code, plausible century/sex digit, birth year not in the future;
    when a date of birth is given, its year must be the one encoded in the number."""
    value = normalize_id_number(value)
    if not re.fullmatch(r"\d{12}", value):
        raise ValidationError(
            _("Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."), code="id_number_format"
        )
    if value[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu của số định danh (%(code)s) không phải mã tỉnh, thành phố hợp lệ."),
            code="id_number_province",
            params={"code": value[:3]},
        )
    year = cccd_birth_year(value)
    today = today or dt.date.today()
    if year > today.year:
        raise ValidationError(
            _("Chữ số thứ tư (thế kỷ, giới tính) và năm sinh trong số định danh không hợp lệ."),
            code="id_number_century",
        )
    if date_of_birth and date_of_birth.year != year:
        raise ValidationError(
            _("Năm sinh trong số định danh (%(year)s) không khớp với ngày sinh đã khai."),
            code="id_number_birth_year",
            params={"year": year},
        )


def mask_id_number(value: str) -> str:
    """``001******789``: enough to recognise one's own number, not enough to reuse it."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


# Tax codes (mã số thuế), Circular 105/2020/TT-BTC: 10 digits for the taxpayer (the tenth is a check
# digit over the first nine), 13 digits (often written NNNNNNNNNN-NNN) for a dependent unit or branch.
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def normalize_tax_code(value: str) -> str:
    return _NON_DIGITS.sub("", value or "")


def tax_code_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid code can start with them."""
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check % 10


def validate_tax_code(value: str) -> None:
    value = normalize_tax_code(value)
    if not re.fullmatch(r"\d{10}(\d{3})?", value):
        raise ValidationError(
            _("Mã số thuế phải gồm 10 chữ số, hoặc 13 chữ số đối với đơn vị phụ thuộc, chi nhánh."),
            code="tax_code_format",
        )
    if tax_code_check_digit(value[:9]) != int(value[9]):
        raise ValidationError(
            _("Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng."),
            code="tax_code_check_digit",
        )
    if len(value) == 13 and value[10:] == "000":
        raise ValidationError(
            _("Ba chữ số cuối của mã số thuế 13 số phải từ 001 đến 999."), code="tax_code_branch"
        )


def format_tax_code(value: str) -> str:
    return f"{value[:10]}-{value[10:]}" if len(value) == 13 else value


# Mobile numbers (the ones that can receive a one-time code): 0 + 9 digits, carrier prefixes 3, 5, 7,
# 8, 9 since the 2018 renumbering. +84 / 84 prefixes are accepted and stored in the domestic form.
def normalize_phone(value: str) -> str:
    value = re.sub(r"[\s.\-()]", "", value or "")
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    return value


def validate_phone(value: str) -> None:
    if not re.fullmatch(r"0[35789]\d{8}", normalize_phone(value)):
        raise ValidationError(
            _("Số điện thoại di động không hợp lệ (10 chữ số, ví dụ 0912345678)."),
            code="phone_format",
        )


def mask_phone(value: str) -> str:
    if not value:
        return ""
    return value[:3] + "*" * max(len(value) - 6, 0) + value[-3:]


def mask_email(value: str) -> str:
    if not value or "@" not in value:
        return value or ""
    local, domain = value.split("@", 1)
    return f"{local[:1]}{'*' * max(len(local) - 1, 1)}@{domain}"
