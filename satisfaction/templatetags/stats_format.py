"""``number``: whole numbers with "." between thousands (12.345), as Vietnamese readers expect."""

from django import template

register = template.Library()


@register.filter
def number(value):
    if value is None or value == "":
        return "—"
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value


@register.filter
def pct(value):
    """A share in per cent with one decimal and a decimal comma: 66.7 → "66,7%"; None → "—"."""
    if value is None or value == "":
        return "—"
    from django.template.defaultfilters import floatformat

    return f"{floatformat(value, 1)}%"
