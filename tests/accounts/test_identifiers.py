import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts import identifiers
from tests.accounts.factories import make_id_number, make_tax_code


@pytest.mark.parametrize("value", ["001090012345", "079 301 000123", "048-1-85-000001"])
def test_a_cccd_with_a_province_code_and_a_plausible_century_is_accepted(value):
    identifiers.validate_id_number(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("00109001234", "id_number_format"),  # 11 digits
        ("0010900123456", "id_number_format"),  # 13 digits
        ("00109001234a", "id_number_format"),
        ("003090012345", "id_number_province"),  # 003 is no province code
        ("097090012345", "id_number_province"),
        ("001990012345", "id_number_century"),  # born 2399
        ("001399012345", "id_number_century"),  # female, born 2099
    ],
)
def test_a_malformed_cccd_is_refused_with_the_reason(value, code):
    with pytest.raises(ValidationError) as error:
        identifiers.validate_id_number(value, today=dt.date(2026, 11, 25))
    assert error.value.code == code


def test_the_cccd_century_digit_encodes_birth_century_and_sex():
    assert identifiers.cccd_birth_year("001090012345") == 1990
    assert identifiers.cccd_sex("001090012345") == "male"
    assert identifiers.cccd_birth_year("001305012345") == 2005
    assert identifiers.cccd_sex("001305012345") == "female"


def test_a_cccd_whose_birth_year_differs_from_the_declared_date_of_birth_is_refused():
    identifiers.validate_id_number("001090012345", dt.date(1990, 5, 1))
    with pytest.raises(ValidationError) as error:
        identifiers.validate_id_number("001090012345", dt.date(1991, 5, 1))
    assert error.value.code == "id_number_birth_year"


@pytest.mark.parametrize("value", ["0100109106", "0300588569", "0100109106-001", "0100109106001"])
def test_real_tax_codes_pass_the_check_digit(value):
    identifiers.validate_tax_code(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0100109107", "tax_code_check_digit"),
        ("010010910", "tax_code_format"),
        ("01001091060011", "tax_code_format"),
        ("0100109106-000", "tax_code_branch"),
    ],
)
def test_a_tax_code_with_a_wrong_length_or_check_digit_is_refused(value, code):
    with pytest.raises(ValidationError) as error:
        identifiers.validate_tax_code(value)
    assert error.value.code == code


def test_factories_make_valid_identifiers():
    for n in range(200):
        identifiers.validate_id_number(make_id_number(n))
        identifiers.validate_tax_code(make_tax_code(n))


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("0912 345 678", "0912345678"), ("+84912345678", "0912345678"), ("84912345678", "0912345678")],
)
def test_phone_numbers_are_stored_in_the_domestic_form(raw, normalised):
    assert identifiers.normalize_phone(raw) == normalised
    identifiers.validate_phone(raw)


@pytest.mark.parametrize("value", ["0212345678", "091234567", "12345"])
def test_a_number_that_cannot_receive_an_sms_is_refused(value):
    with pytest.raises(ValidationError):
        identifiers.validate_phone(value)


def test_id_numbers_are_masked_to_the_first_and_last_three_digits():
    assert identifiers.mask_id_number("001090012345") == "001******345"
    assert identifiers.mask_phone("0912345678") == "091****678"
    assert identifiers.mask_email("an.nguyen@example.vn") == "a********@example.vn"
