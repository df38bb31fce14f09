import datetime as dt

import pytest

from dossiers.eform import EForm, display_answers, validate_answers

SCHEMA = {
    "fields": [
        {"name": "ho_ten", "type": "text", "label": {"vi": "Họ và tên", "en": "Full name"},
         "required": True, "max_length": 50},
        {"name": "ngay_sinh", "type": "date", "label": {"vi": "Ngày sinh"}, "required": True},
        {"name": "so_con", "type": "number", "label": {"vi": "Số con"}, "min": 0, "max": 20},
        {"name": "gioi_tinh", "type": "select", "label": {"vi": "Giới tính", "en": "Sex"},
         "required": True,
         "choices": [{"value": "nam", "label": {"vi": "Nam", "en": "Male"}},
                     {"value": "nu", "label": {"vi": "Nữ", "en": "Female"}}]},
        {"name": "cccd", "type": "id_number", "label": {"vi": "Số CCCD"}},
        {"name": "dien_thoai", "type": "phone", "label": {"vi": "Điện thoại"}},
        {"name": "thu", "type": "email", "label": {"vi": "Thư điện tử"}},
        {"name": "ly_do", "type": "textarea", "label": {"vi": "Lý do"}},
        {"name": "dong_y", "type": "checkbox", "label": {"vi": "Tôi cam đoan"}, "required": True},
        {"name": "ma_so", "type": "text", "label": {"vi": "Mã số"}, "pattern": "[A-Z]{2}[0-9]{3}"},
    ]
}  # fmt: skip


def valid_data(**overrides):
    data = {
        "tk-ho_ten": "Nguyễn Văn An",
        "tk-ngay_sinh": "15/06/1990",
        "tk-so_con": "2",
        "tk-gioi_tinh": "nam",
        "tk-dong_y": "on",
        "tk-ly_do": "Cấp lại do mất",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_eform_builds_one_field_per_definition_entry_with_vietnamese_labels():
    form = EForm(SCHEMA)
    assert list(form.fields) == [f["name"] for f in SCHEMA["fields"]]
    assert form.fields["ho_ten"].label == "Họ và tên"
    assert form.fields["ho_ten"].required is True
    assert form.fields["so_con"].required is False


def test_eform_labels_follow_the_chosen_language():
    from django.utils import translation

    with translation.override("en"):
        form = EForm(SCHEMA)
    assert form.fields["ho_ten"].label == "Full name"
    assert form.fields["ngay_sinh"].label == "Ngày sinh"  # no English: falls back to Vietnamese
    assert ("nam", "Male") in form.fields["gioi_tinh"].choices


def test_valid_answers_are_stored_as_json_with_iso_dates():
    form = EForm(SCHEMA, data=valid_data())
    assert form.is_valid(), form.errors
    answers = form.cleaned_answers()
    assert answers["ngay_sinh"] == "1990-06-15"
    assert answers["so_con"] == 2
    assert answers["dong_y"] is True


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tk-ho_ten", ""),
        ("tk-ngay_sinh", "31/02/2020"),
        ("tk-so_con", "hai"),
        ("tk-so_con", "21"),
        ("tk-gioi_tinh", "khac"),
        ("tk-cccd", "12345"),
        ("tk-dien_thoai", "abc"),
        ("tk-thu", "not-an-email"),
        ("tk-dong_y", None),
        ("tk-ma_so", "ab123"),
        ("tk-ho_ten", "x" * 51),
    ],
)
def test_empty_or_wrong_typed_fields_are_refused(field, value):
    data = valid_data(**{field: value})
    if value is None:
        data.pop(field, None)
    form = EForm(SCHEMA, data=data)
    assert not form.is_valid()
    assert field.removeprefix("tk-") in form.errors


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "An <b>đậm</b>", "<img src=x onerror=alert(1)>"]
)
def test_html_or_script_in_text_fields_is_refused_with_a_vietnamese_message(value):
    form = EForm(SCHEMA, data=valid_data(**{"tk-ly_do": value}))
    assert not form.is_valid()
    assert "HTML" in form.errors["ly_do"][0]


def test_a_less_than_sign_in_ordinary_text_is_accepted():
    form = EForm(SCHEMA, data=valid_data(**{"tk-ly_do": "Diện tích < 50 m2"}))
    assert form.is_valid(), form.errors


def test_stored_answers_are_checked_again_and_shown_readably():
    answers = {"ho_ten": "An", "ngay_sinh": "1990-06-15", "gioi_tinh": "nu", "dong_y": True}
    assert validate_answers(SCHEMA, answers) == {}
    assert "gioi_tinh" in validate_answers(SCHEMA, {**answers, "gioi_tinh": "x"})
    shown = dict(display_answers(SCHEMA, answers))
    assert shown["Ngày sinh"] == "15/06/1990"
    assert shown["Giới tính"] == "Nữ"


def test_a_resumed_draft_shows_its_stored_answers():
    form = EForm.from_answers(SCHEMA, {"ngay_sinh": "1990-06-15", "ho_ten": "An"})
    assert form.initial["ngay_sinh"] == dt.date(1990, 6, 15)
    assert form.initial["ho_ten"] == "An"


def test_an_empty_definition_gives_an_empty_form():
    assert EForm({}, data={}).is_valid()
