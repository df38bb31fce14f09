"""Filters of the statutory document templates: ``{% load document_format %}``."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from dossiers.documents import formatting

register = template.Library()

register.filter("date_line", formatting.date_line)
register.filter("time_and_date", formatting.time_and_date)
register.filter("short_time_and_date", formatting.short_time_and_date)
register.filter("two_digits", formatting.two_digits)


@register.filter
def css_string(value):
    """Escaped for a CSS string inside <style>, where HTML entities would print literally."""
    return mark_safe(formatting.css_string(value))  # noqa: S308 - quotes, backslashes and < escaped


@register.filter
def breakable_code(value):
    """A dossier code that may wrap after its dots and dashes in a narrow column (tracking book)."""
    text = str(escape(value))
    return mark_safe(text.replace("-", "-<wbr>").replace(".", ".<wbr>"))  # noqa: S308 - escaped above


@register.filter
def stacked_time_and_date(value):
    """Time over date ("09:30" / "25/11/2026") for the tracking book's narrow date columns."""
    if value is None:
        return ""
    text = formatting.short_time_and_date(value)
    if " " not in text:
        return text
    time, date = text.split(" ", 1)
    return format_html("{}<br>{}", time, date)
