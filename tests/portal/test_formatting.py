import datetime as dt
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import formats, translation

from portal.formatting import format_date, format_datetime, format_money


def test_money_is_whole_dong_with_dots_between_thousands():
    assert format_money(1_000_000) == "1.000.000 đ"
    assert format_money(0) == "0 đ"
    assert format_money(500) == "500 đ"
    assert format_money(None) == ""


def test_dates_are_dd_mm_yyyy_in_ha_noi_time():
    late_evening_utc = dt.datetime(2026, 1, 31, 18, 30, tzinfo=ZoneInfo("UTC"))
    assert format_date(late_evening_utc) == "01/02/2026"
    assert format_datetime(late_evening_utc) == "01:30 01/02/2026"
    assert format_date(dt.date(2026, 9, 2)) == "02/09/2026"


def test_template_filters_and_locale_formats():
    rendered = Template("{% load vn_format %}{{ fee|money }} {{ day|vn_date }}").render(
        Context({"fee": 1500000, "day": dt.date(2026, 4, 30)})
    )
    assert rendered == "1.500.000 đ 30/04/2026"
    with translation.override("vi"):
        assert formats.date_format(dt.date(2026, 4, 30), "SHORT_DATE_FORMAT") == "30/04/2026"
