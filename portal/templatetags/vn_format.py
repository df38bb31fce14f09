"""Template filters for Vietnamese display: ``{% load vn_format %}`` then ``{{ fee|money }}``."""

from django import template

from portal.formatting import format_date, format_datetime, format_money

register = template.Library()

register.filter("money", format_money)
register.filter("vn_date", format_date)
register.filter("vn_datetime", format_datetime)
