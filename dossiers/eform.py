"""The dossier's e-form (tờ khai điện tử): a Django form built from a procedure version's definition.

The definition is the JSON the catalogue stores on ``ProcedureVersion.form_schema`` (format documented
in ``procedures/eform.py``): ``{"fields": [{"name", "type", "label": {"vi", "en"}, "required", ...}]}``.
Answers are stored as JSON on the dossier, keyed by field name, with dates as ISO strings, so a dossier
keeps the answers it was submitted with even after the procedure gets a new version.

Free text is stored as typed and escaped on output by the templates; text that contains markup (``<``
followed by a letter, ``/``, ``!`` or ``?``) is refused so no one can hand the staff screens or PDFs a
script to carry around.
"""

import contextlib
import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import identifiers

MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
TEXT_TYPES = {"text", "textarea", "email", "phone", "id_number"}
DEFAULT_MAX_LENGTH = {"text": 255, "textarea": 4000, "email": 254, "phone": 15, "id_number": 12}


def no_markup(value):
    if isinstance(value, str) and MARKUP.search(value):
        raise ValidationError(
            _("Không được nhập mã HTML hoặc kịch bản (ký tự “<”) vào ô này."), code="markup"
        )


def _text(value, language=None) -> str:
    """A {"vi", "en"} label in the current language, falling back to Vietnamese."""
    if isinstance(value, str):
        return value
    value = value or {}
    language = (language or get_language() or "vi")[:2]
    return str(value.get(language) or value.get("vi") or "")


def schema_fields(schema) -> list[dict]:
    if not isinstance(schema, dict):
        return []
    return [f for f in schema.get("fields") or [] if isinstance(f, dict) and f.get("name")]


def _validate_phone(value):
    identifiers.validate_phone(value)


def _validate_id_number(value):
    identifiers.validate_id_number(value)


def build_field(spec: dict) -> forms.Field:
    kind = spec.get("type", "text")
    required = bool(spec.get("required"))
    common = {
        "label": _text(spec.get("label")) or spec["name"],
        "required": required,
        "help_text": _text(spec.get("help")),
    }
    validators = []
    if spec.get("pattern"):
        validators.append(
            RegexValidator(
                f"^(?:{spec['pattern']})$",
                message=_("Giá trị không đúng định dạng yêu cầu."),
                code="pattern",
            )
        )
    if kind in TEXT_TYPES:
        validators.append(no_markup)
        max_length = int(spec.get("max_length") or DEFAULT_MAX_LENGTH[kind])
        if kind == "textarea":
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=max_length,
                validators=validators,
                **common,
            )
        if kind == "email":
            return forms.EmailField(max_length=max_length, validators=validators, **common)
        if kind == "phone":
            validators.append(_validate_phone)
            return forms.CharField(
                max_length=max_length,
                validators=validators,
                widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
                **common,
            )
        if kind == "id_number":
            validators.append(_validate_id_number)
            return forms.CharField(
                max_length=max_length,
                min_length=12,
                validators=validators,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                **common,
            )
        return forms.CharField(max_length=max_length, validators=validators, **common)
    if kind == "number":
        return forms.IntegerField(
            min_value=spec.get("min"), max_value=spec.get("max"), validators=validators, **common
        )
    if kind == "date":
        return forms.DateField(
            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
            widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            **common,
        )
    if kind in ("select", "radio"):
        choices = [
            (str(c["value"]), _text(c.get("label")) or str(c["value"]))
            for c in spec.get("choices") or []
            if isinstance(c, dict) and c.get("value") not in (None, "")
        ]
        if kind == "select":
            choices = [("", "—"), *choices]
            return forms.ChoiceField(choices=choices, **common)
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == "checkbox":
        return forms.BooleanField(**common)
    raise ValueError(f"Unknown e-form field type {kind!r}")


class EForm(forms.Form):
    """The e-form of one procedure version. ``cleaned_answers()`` gives the JSON to store."""

    prefix = "tk"

    def __init__(self, schema, *args, **kwargs):
        self.schema = schema
        super().__init__(*args, **kwargs)
        for spec in schema_fields(schema):
            self.fields[spec["name"]] = build_field(spec)

    @classmethod
    def from_answers(cls, schema, answers, **kwargs):
        """An unbound form showing stored answers (resuming a draft)."""
        initial = {}
        for spec in schema_fields(schema):
            value = (answers or {}).get(spec["name"])
            if value is not None and spec.get("type") == "date":
                try:
                    value = dt.date.fromisoformat(value)
                except (TypeError, ValueError):
                    value = None
            if value is not None:
                initial[spec["name"]] = value
        return cls(schema, initial=initial, **kwargs)

    def cleaned_answers(self) -> dict:
        answers = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, str):
                value = value.strip()
            answers[name] = value
        return answers


def validate_answers(schema, answers) -> dict:
    """Errors of stored answers against the definition (checked again at submission): {name: [msgs]}."""
    data = {}
    for spec in schema_fields(schema):
        value = (answers or {}).get(spec["name"])
        if value is None:
            continue
        if spec.get("type") == "date" and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        if spec.get("type") == "checkbox":
            if value:
                data[f"tk-{spec['name']}"] = "on"
            continue
        data[f"tk-{spec['name']}"] = value
    form = EForm(schema, data=data)
    return {} if form.is_valid() else {k: list(v) for k, v in form.errors.items()}


def display_answers(schema, answers) -> list[tuple[str, str]]:
    """(label, shown value) pairs for the review page, slips and the staff screens."""
    rows = []
    for spec in schema_fields(schema):
        value = (answers or {}).get(spec["name"])
        kind = spec.get("type")
        if kind in ("select", "radio"):
            for choice in spec.get("choices") or []:
                if str(choice.get("value")) == str(value):
                    value = _text(choice.get("label")) or value
                    break
        elif kind == "checkbox":
            value = _("Có") if value else _("Không")
        elif kind == "date" and value:
            with contextlib.suppress(TypeError, ValueError):
                value = dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        rows.append((_text(spec.get("label")) or spec["name"], "" if value is None else value))
    return rows
