"""Filter forms' <select> elements built in Python. Through Django's widget templates (or a loop in the
page's template) a few hundred options cost more CPU than the query behind a list page; the markup is
the same: a labelled select per field, the current value selected, every piece escaped."""

from django.utils.html import conditional_escape as escape
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def filter_selects(form, exclude=("q",), css_class=""):
    pieces = []
    for name, field in form.fields.items():
        if name in exclude:
            continue
        bound = form[name]
        current = bound.value() if form.is_bound else bound.initial
        current = "" if current is None else str(current)
        # Each option escaped as format_html would, without its per-call overhead (a few hundred
        # options on the staff queue, about eighty on the catalogue).
        options = mark_safe(  # noqa: S308 - value and label escaped here
            "".join(
                f'<option value="{escape(value)}"{" selected" if str(value) == current else ""}>'
                f"{escape(label)}</option>"
                for value, label in field.choices
            )
        )
        pieces.append(
            format_html(
                '<div class="filter"><label for="{0}">{1}</label>'
                '<select name="{2}" id="{0}"{3}>{4}</select></div>',
                bound.auto_id,
                field.label,
                form.add_prefix(name),
                format_html(' class="{}"', css_class) if css_class else "",
                options,
            )
        )
    return mark_safe("\n".join(pieces))  # noqa: S308 - every piece built by format_html
