"""Filters of the statutory document templates: ``{% load document_format %}``."""

from django import template
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
