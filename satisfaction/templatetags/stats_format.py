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
