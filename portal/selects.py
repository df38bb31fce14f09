"""Filter forms' <select> elements built in Python. Through Django's widget templates (or a loop in the
page's template) a few hundred options cost more CPU than the query behind a list page; the markup is
the same: a labelled select per field, the current value selected, every piece escaped."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def filter_selects(form, exclude=("q",), css_class=""):
    pieces = []
    for name, field in form.fields.items():
        if name in exclude:
            continue
        bound = form[name]
        current = bound.value() if form.is_bound else bound.initial
        current = "" if current is None else str(current)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, mark_safe(" selected") if str(value) == current else "", label)
                for value, label in field.choices
            ),
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
