"""Calendars in the database: announced swaps, agency calendars, the admin pages."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.calendars.admin import upcoming_days
from portal.calendars.engine import (
    calendar_for,
    default_calendar,
    due_at,
    is_working_day,
    is_working_time,
    working_hours_between,
)
from portal.calendars.models import CalendarOverride, WorkingCalendar
from tests.accounts.factories import UserFactory
from tests.portal.calendar_helpers import at
from tests.procedures.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return WorkingCalendar.objects.create(name="Lịch chung", is_default=True)


def test_admin_override_makes_an_announced_weekday_a_day_off(national):
    assert due_at(national, at("02/03/2026 09:00"), 1).at == at("03/03/2026 17:00")
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 3, 3), kind="day_off", reason="Nghỉ bù theo thông báo"
    )
    national.refresh_from_db()
    assert due_at(national, at("02/03/2026 09:00"), 1).at == at("04/03/2026 17:00")
    skipped = due_at(national, at("02/03/2026 09:00"), 1).explanation.skipped
    assert [(s.date, s.note) for s in skipped] == [(dt.date(2026, 3, 3), "Nghỉ bù theo thông báo")]


def test_admin_override_makes_a_saturday_a_working_day(national):
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 3, 7), kind="working_day", reason="Làm bù"
    )
    national.refresh_from_db()
    assert due_at(national, at("06/03/2026 09:00"), 1).at == at("07/03/2026 17:00")


def test_deleting_an_override_rebuilds_the_index(national):
    override = CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 3, 3), kind="day_off", reason="Nghỉ"
    )
    national.refresh_from_db()
    assert not is_working_day(national, dt.date(2026, 3, 3))
    override.delete()
    national.refresh_from_db()
    assert is_working_day(national, dt.date(2026, 3, 3))


def test_agency_calendar_inherits_the_national_swaps_and_adds_its_own(national):
    agency = AgencyFactory()
    own = WorkingCalendar.objects.create(name="Lịch Sở", agency=agency)
    CalendarOverride.objects.create(
        calendar=own, date=dt.date(2026, 3, 4), kind="day_off", reason="Ngày truyền thống ngành"
    )
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 3, 3), kind="day_off", reason="Nghỉ bù"
    )
    own.refresh_from_db()
    assert not is_working_day(own, dt.date(2026, 3, 3))
    assert not is_working_day(own, dt.date(2026, 3, 4))
    national.refresh_from_db()
    assert is_working_day(national, dt.date(2026, 3, 4))


def test_calendar_for_walks_up_the_agency_tree_to_the_nearest_calendar(national):
    province = AgencyFactory()
    department = AgencyFactory(parent=province)
    commune = AgencyFactory(parent=department)
    other = AgencyFactory()
    province_calendar = WorkingCalendar.objects.create(name="Lịch tỉnh", agency=province)

    assert calendar_for(commune) == province_calendar
    assert calendar_for(department) == province_calendar
    department_calendar = WorkingCalendar.objects.create(name="Lịch sở", agency=department)
    assert calendar_for(commune) == department_calendar
    assert calendar_for(other) == national
    assert calendar_for(None) == national


def test_without_any_calendar_the_standard_rules_apply():
    calendar = default_calendar()
    assert calendar.pk is None
    assert due_at(calendar, at("02/03/2026 09:00"), 1).at == at("03/03/2026 17:00")


def test_only_one_default_calendar(national):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        WorkingCalendar.objects.create(name="Lịch khác", is_default=True)


def test_working_hours_must_be_in_order():
    from django.core.exceptions import ValidationError

    calendar = WorkingCalendar(name="Sai", morning_end=dt.time(14, 0))
    with pytest.raises(ValidationError):
        calendar.full_clean()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri-lich", is_staff=True, is_superuser=True))
    return client


def test_admin_calendar_page_previews_the_next_holidays(admin_client, national, travel):
    travel.to("2026-04-01 09:00")
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 5, 9), kind="working_day", reason="Làm bù ngày 4/5"
    )
    response = admin_client.get(reverse("admin:portal_workingcalendar_change", args=[national.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "27/04/2026" in page and "Giỗ Tổ Hùng Vương" in page
    assert "30/04/2026" in page
    assert "09/05/2026" in page and "Làm bù ngày 4/5" in page


def test_admin_edits_a_calendar_and_its_overrides(admin_client, national):
    url = reverse("admin:portal_workingcalendar_change", args=[national.pk])
    data = {
        "name": "Lịch chung",
        "agency": "",
        "is_default": "on",
        "saturday_is_day_off": "on",
        "sunday_is_day_off": "on",
        "use_national_holidays": "on",
        "inherit_default_overrides": "on",
        "morning_start": "07:30",
        "morning_end": "11:30",
        "afternoon_start": "13:00",
        "afternoon_end": "17:00",
        "cutoff": "15:00",
        "saturday_morning_reception": "on",
        "saturday_morning_start": "07:30",
        "saturday_morning_end": "11:00",
        "overrides-TOTAL_FORMS": "1",
        "overrides-INITIAL_FORMS": "0",
        "overrides-MIN_NUM_FORMS": "0",
        "overrides-MAX_NUM_FORMS": "1000",
        "overrides-0-date": "03/03/2026",
        "overrides-0-kind": "day_off",
        "overrides-0-reason": "Nghỉ bù",
        "overrides-0-legal_basis": "Thông báo số 1/TB",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    national.refresh_from_db()
    assert not is_working_day(national, dt.date(2026, 3, 3))
    # Saturday 7/3/2026 is now worked 07:30-11:00: 3.5 working hours, and still not a working day.
    assert working_hours_between(national, at("06/03/2026 17:00"), at("09/03/2026 07:30")) == 3.5
    assert not is_working_day(national, dt.date(2026, 3, 7))
    assert admin_client.get(reverse("admin:portal_workingcalendar_changelist")).status_code == 200


def test_admin_calendar_page_previews_saturday_mornings(admin_client, national, travel):
    travel.to("2026-04-20 09:00")
    national.saturday_morning_reception = True
    national.save()
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 5, 16), kind="day_off", reason="Hội nghị toàn ngành"
    )
    page = admin_client.get(
        reverse("admin:portal_workingcalendar_change", args=[national.pk])
    ).content.decode()
    assert "25/04/2026" in page and "Làm việc buổi sáng 07:30–11:30" in page
    assert "09/05/2026" in page
    shown = [day for day, _kind, _reason in upcoming_days(national, dt.date(2026, 4, 20))]
    assert dt.date(2026, 5, 9) in shown
    assert dt.date(2026, 5, 16) not in shown  # that Saturday's morning is cancelled


def test_saturday_mornings_count_their_hours_not_as_working_days(national):
    national.saturday_morning_reception = True
    national.save()
    # Decree 45/2020's 8 working hours from Friday 16:00: 1 h Friday, 4 h Saturday morning, 3 h Monday.
    assert due_at(national, at("06/03/2026 16:00"), 8, "working_hours").at == at("09/03/2026 10:30")
    # Working days are unchanged: one working day from Friday is Monday, never Saturday.
    assert due_at(national, at("06/03/2026 10:00"), 1).at == at("09/03/2026 17:00")
    # Received at the Saturday-morning counter: deemed received on Monday (its next working day).
    received_saturday = due_at(national, at("07/03/2026 09:00"), 1)
    assert received_saturday.at == at("10/03/2026 17:00")
    assert "chỉ làm việc buổi sáng" in received_saturday.explanation.moved_reason
    assert is_working_time(national, at("07/03/2026 09:00"))
    assert not is_working_time(national, at("07/03/2026 13:30"))


def test_overrides_make_a_date_morning_only_or_cancel_a_saturday_morning(national):
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 3, 4), kind="morning", reason="Chiều nghỉ: hội nghị"
    )
    national.refresh_from_db()
    # Wednesday 4/3 morning only: not a working day, 4 working hours.
    assert not is_working_day(national, dt.date(2026, 3, 4))
    assert due_at(national, at("03/03/2026 09:00"), 1).at == at("05/03/2026 17:00")
    assert due_at(national, at("03/03/2026 17:00"), 8, "working_hours").at == at("05/03/2026 11:30")
    national.saturday_morning_reception = True
    national.save()
    CalendarOverride.objects.create(
        calendar=national, date=dt.date(2026, 3, 7), kind="day_off", reason="Nghỉ"
    )
    national.refresh_from_db()
    assert working_hours_between(national, at("06/03/2026 17:00"), at("09/03/2026 07:30")) == 0
    assert working_hours_between(national, at("13/03/2026 17:00"), at("16/03/2026 07:30")) == 4
