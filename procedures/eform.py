"""The e-form definition (tờ khai điện tử) a dossier form is built from.

Stored as JSON on each procedure version so a dossier keeps the form it was filled under::

    {"fields": [
        {"name": "ho_ten", "type": "text", "label": {"vi": "Họ và tên", "en": "Full name"},
         "required": true, "max_length": 100},
        {"name": "gioi_tinh", "type": "select", "label": {"vi": "Giới tính", "en": "Sex"},
         "required": true, "choices": [{"value": "nam", "label": {"vi": "Nam", "en": "Male"}}, ...]},
        ...
    ]}

Types: text, textarea, number, date, email, phone, id_number (12-digit CCCD), select, radio,
checkbox. Optional keys: help ({"vi", "en"}), max_length, min, max (numbers), pattern (a regular
expression the whole answer must match). The dossiers app renders and validates answers from this.
"""

import re

from django.utils.translation import gettext as _

FIELD_TYPES = {
    "text",
    "textarea",
    "number",
    "date",
    "email",
    "phone",
    "id_number",
    "select",
    "radio",
    "checkbox",
}
CHOICE_TYPES = {"select", "radio"}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def validate_form_schema(schema) -> list[str]:
    """Problems with an e-form definition, as Vietnamese messages; an empty list means it is valid."""
    if schema in (None, {}):
        return []
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return [_("Biểu mẫu điện tử phải có danh sách trường “fields”.")]
    problems = []
    seen = set()
    for index, field in enumerate(schema["fields"], start=1):
        if not isinstance(field, dict):
            problems.append(_("Trường thứ %(n)s không hợp lệ.") % {"n": index})
            continue
        name = field.get("name", "")
        if not isinstance(name, str) or not NAME.match(name):
            problems.append(
                _("Trường thứ %(n)s: tên trường phải viết thường, không dấu, ví dụ “ho_ten”.")
                % {"n": index}
            )
        elif name in seen:
            problems.append(_("Tên trường “%(name)s” bị trùng.") % {"name": name})
        seen.add(name)
        if field.get("type") not in FIELD_TYPES:
            problems.append(
                _("Trường “%(name)s”: kiểu “%(type)s” không được hỗ trợ.")
                % {"name": name, "type": field.get("type")}
            )
        label = field.get("label")
        if not isinstance(label, dict) or not str(label.get("vi", "")).strip():
            problems.append(_("Trường “%(name)s” thiếu nhãn tiếng Việt.") % {"name": name})
        if field.get("type") in CHOICE_TYPES:
            choices = field.get("choices")
            if not isinstance(choices, list) or not choices:
                problems.append(_("Trường “%(name)s” cần danh sách lựa chọn.") % {"name": name})
            elif not all(isinstance(c, dict) and c.get("value") for c in choices):
                problems.append(
                    _("Trường “%(name)s”: mỗi lựa chọn cần có giá trị.") % {"name": name}
                )
        pattern = field.get("pattern")
        if pattern:
            try:
                re.compile(pattern)
            except (re.error, TypeError):
                problems.append(
                    _("Trường “%(name)s”: biểu thức kiểm tra không hợp lệ.") % {"name": name}
                )
    return problems


def label(field: dict, language: str = "vi") -> str:
    text = field.get("label") or {}
    return text.get(language) or text.get("vi") or field.get("name", "")
