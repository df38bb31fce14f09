"""The counting rules of time limits on real Vietnamese calendars (DOMAIN.md §6, docs/adr/0005)."""

import datetime as dt
import random

import pytest

from portal.calendars.engine import (
    Extension,
    Pause,
    Timeliness,
    Unit,
    clock,
    due_at,
    is_working_day,
    next_working_day,
    rate,
    step_due_at,
    step_schedule,
    working_days_between,
    working_hours_between,
)
from portal.calendars.index import CalendarRangeError, index_for
from portal.calendars.models import WorkingCalendar
from tests.portal.calendar_helpers import NaiveCalendar, at


@pytest.fixture
def calendar():
    """The standard calendar (not saved: the rules alone, with the national holidays)."""
    return WorkingCalendar(name="Lịch chuẩn")


def due(calendar, start, amount, unit=Unit.WORKING_DAYS, **kwargs):
    return due_at(calendar, at(start), amount, unit, **kwargs).at


# --- receipt day, cut-off, days off ---------------------------------------------------------------
def test_the_day_of_receipt_does_not_count(calendar):
    # Civil Code art. 147: received Monday morning, one working day ends at the close of Tuesday.
    assert due(calendar, "02/03/2026 09:00", 1) == at("03/03/2026 17:00")
    assert due(calendar, "02/03/2026 09:00", 5) == at("09/03/2026 17:00")


def test_dossier_received_after_cutoff_counts_from_next_working_day(calendar):
    # Decree 61/2018 art. 18: after 15:00 the receipt counts as made the next working day.
    assert due(calendar, "02/03/2026 15:00", 1) == at("03/03/2026 17:00")
    assert due(calendar, "02/03/2026 15:01", 1) == at("04/03/2026 17:00")
    # Friday after the cut-off: deemed received on Monday, so Tuesday is day one.
    assert due(calendar, "06/03/2026 16:30", 1) == at("10/03/2026 17:00")


def test_cutoff_is_data_of_the_calendar(calendar):
    calendar.cutoff = dt.time(16, 0)
    assert due(calendar, "02/03/2026 15:30", 1) == at("03/03/2026 17:00")


def test_dossier_received_on_a_day_off_counts_from_next_working_day(calendar):
    # Submitted online on Saturday: deemed received Monday, Tuesday is day one.
    assert due(calendar, "07/03/2026 10:00", 1) == at("10/03/2026 17:00")
    assert due(calendar, "08/03/2026 23:59", 1) == at("10/03/2026 17:00")


def test_fixed_holidays_30_april_and_1_may_are_skipped(calendar):
    # 2026: 30/4 Thursday, 1/5 Friday.
    assert due(calendar, "29/04/2026 09:00", 1) == at("04/05/2026 17:00")


def test_national_day_2026_with_its_announced_swap(calendar):
    # 2026: Monday 31/8 off (swapped with Saturday 22/8), 1/9 and 2/9 off.
    assert due(calendar, "28/08/2026 10:00", 2) == at("04/09/2026 17:00")
    assert not is_working_day(calendar, dt.date(2026, 8, 31))


def test_a_swapped_saturday_is_a_working_day(calendar):
    # Saturday 22/8/2026 is worked in exchange for Monday 31/8: a deadline may fall on it.
    assert is_working_day(calendar, dt.date(2026, 8, 22))
    assert due(calendar, "21/08/2026 10:00", 1) == at("22/08/2026 17:00")


def test_tet_nguyen_dan_is_skipped(calendar):
    # Tết Bính Ngọ: 16/2/2026 (Giao thừa) to 20/2/2026 off, then the weekend.
    assert due(calendar, "12/02/2026 10:00", 3) == at("24/02/2026 17:00")
    assert due(calendar, "13/02/2026 15:30", 1) == at("24/02/2026 17:00")


def test_hung_kings_day_on_sunday_is_observed_on_monday(calendar):
    # 10/3 lunar = Sunday 26/4/2026, observed Monday 27/4.
    assert due(calendar, "24/04/2026 10:00", 1) == at("28/04/2026 17:00")


def test_a_deadline_never_lands_on_a_day_off(calendar):
    rng = random.Random(7)
    start = at("01/01/2025 00:00")
    for _ in range(500):
        moment = start + dt.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
        for unit, amount in (
            (Unit.WORKING_DAYS, rng.randint(1, 30)),
            (Unit.WORKING_HOURS, rng.randint(1, 80)),
        ):
            result = due_at(calendar, moment, amount, unit).at
            assert is_working_day(calendar, result.date()), (moment, amount, unit)


# --- working hours, same day ------------------------------------------------------------------------
def test_online_dossier_answer_within_8_working_hours(calendar):
    # Decree 45/2020: 8 working hours from the submission, through working hours only.
    assert due(calendar, "02/03/2026 10:00", 8, Unit.WORKING_HOURS) == at("03/03/2026 10:00")
    assert due(calendar, "02/03/2026 07:30", 8, Unit.WORKING_HOURS) == at("02/03/2026 17:00")
    assert due(calendar, "02/03/2026 12:15", 4, Unit.WORKING_HOURS) == at("02/03/2026 17:00")
    # Friday 16:00: one hour that day, then four in the morning and three in the afternoon.
    assert due(calendar, "06/03/2026 16:00", 8, Unit.WORKING_HOURS) == at("09/03/2026 16:00")
    # Sunday night: from Monday's opening.
    assert due(calendar, "08/03/2026 22:00", 8, Unit.WORKING_HOURS) == at("09/03/2026 17:00")


def test_cutoff_applies_to_working_hours_only_when_configured(calendar, settings):
    settings.DEADLINE_CUTOFF_APPLIES_TO_HOURS = True
    assert due(calendar, "02/03/2026 16:00", 8, Unit.WORKING_HOURS) == at("03/03/2026 17:00")


def test_same_day_procedures(calendar):
    assert due(calendar, "02/03/2026 10:00", 0, Unit.SAME_DAY) == at("02/03/2026 17:00")
    assert due(calendar, "02/03/2026 15:30", 0, Unit.SAME_DAY) == at("03/03/2026 17:00")
    assert due(calendar, "07/03/2026 09:00", 0, Unit.SAME_DAY) == at("09/03/2026 17:00")


# --- pauses and extensions --------------------------------------------------------------------------
def test_clock_pauses_while_the_citizen_owes_a_supplement(calendar):
    # 5 days from Monday 2/3 ends Monday 9/3; paused Wednesday 4/3, answered Friday 6/3 morning: +2.
    pause = Pause(at("04/03/2026 10:00"), at("06/03/2026 09:00"), "bổ sung giấy tờ")
    assert due(calendar, "02/03/2026 09:00", 5, pauses=[pause]) == at("11/03/2026 17:00")


def test_an_answer_after_the_cutoff_resumes_from_the_next_working_day(calendar):
    pause = Pause(at("04/03/2026 10:00"), at("06/03/2026 15:30"), "bổ sung")
    assert due(calendar, "02/03/2026 09:00", 5, pauses=[pause]) == at("12/03/2026 17:00")


def test_clock_pauses_while_a_payment_is_owed_in_working_hours(calendar):
    pause = Pause(at("02/03/2026 11:00"), at("02/03/2026 14:00"), "nghĩa vụ tài chính")
    # 10:00 + 8h = next day 10:00; the pause took 30 + 60 working minutes.
    assert due(calendar, "02/03/2026 10:00", 8, Unit.WORKING_HOURS, pauses=[pause]) == at(
        "03/03/2026 11:30"
    )


def test_an_open_pause_leaves_no_due_date(calendar):
    result = due_at(calendar, at("02/03/2026 09:00"), 5, pauses=[Pause(at("04/03/2026 10:00"))])
    assert result.at is None and result.is_paused
    assert clock(calendar, result, at("20/03/2026 10:00")).paused


def test_clock_restarts_where_the_procedure_says_so(calendar):
    pause = Pause(at("04/03/2026 10:00"), at("06/03/2026 09:00"), "bổ sung", restart=True)
    # Five full working days from Friday 6/3 (deemed received that day): Friday 13/3.
    assert due(calendar, "02/03/2026 09:00", 5, pauses=[pause]) == at("13/03/2026 17:00")


def test_extension_moves_the_due_date_with_a_reason(calendar):
    result = due_at(
        calendar, at("02/03/2026 09:00"), 5, extensions=[Extension(3, "Cần xác minh thực địa")]
    )
    assert result.at == at("12/03/2026 17:00")
    assert result.explanation.extensions[0].reason == "Cần xác minh thực địa"


# --- steps of the internal process -----------------------------------------------------------------
def test_each_step_gets_its_own_due_time_from_its_hour_budget(calendar):
    plan = step_schedule(calendar, at("02/03/2026 07:30"), [4, 8, 4])
    assert plan == [at("02/03/2026 11:30"), at("03/03/2026 11:30"), at("03/03/2026 17:00")]
    assert step_due_at(calendar, at("06/03/2026 14:00"), 16) == at("10/03/2026 14:00")


def test_control_slip_rates_each_step_before_on_or_after_deadline():
    deadline = at("03/03/2026 11:30")
    assert rate(deadline, at("02/03/2026 16:00")) == Timeliness.EARLY
    assert rate(deadline, at("03/03/2026 08:00")) == Timeliness.ON_TIME
    assert rate(deadline, at("03/03/2026 11:30")) == Timeliness.ON_TIME
    assert rate(deadline, at("03/03/2026 11:31")) == Timeliness.LATE


def test_remaining_working_time_and_due_soon(calendar):
    deadline = at("03/03/2026 17:00")
    assert working_hours_between(calendar, at("02/03/2026 17:00"), deadline) == 8
    assert working_hours_between(calendar, at("04/03/2026 08:30"), deadline) == -1
    state = clock(calendar, deadline, at("02/03/2026 16:00"))
    assert state.remaining_hours == 9 and not state.due_soon and not state.overdue
    assert clock(calendar, deadline, at("03/03/2026 09:00")).due_soon
    assert clock(calendar, deadline, at("03/03/2026 17:01")).overdue
    assert working_days_between(calendar, dt.date(2026, 2, 13), dt.date(2026, 2, 24)) == 2
    assert next_working_day(calendar, dt.date(2026, 2, 13)) == dt.date(2026, 2, 23)


# --- explanation ------------------------------------------------------------------------------------
def test_every_due_date_explains_how_it_was_counted(calendar):
    pause = Pause(at("24/02/2026 09:00"), at("26/02/2026 09:00"), "bổ sung giấy tờ")
    result = due_at(
        calendar, at("12/02/2026 15:30"), 3, pauses=[pause], extensions=[Extension(1, "xác minh")]
    )
    explained = result.explanation
    assert explained.moved and "15:00" in explained.moved_reason
    assert explained.counted_from == dt.date(2026, 2, 13)
    assert explained.counted == 3
    skipped = {line.date: line.note for line in explained.skipped}
    assert skipped[dt.date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert skipped[dt.date(2026, 2, 14)] == "Thứ Bảy"
    statuses = [line.status for line in explained.days if line.status != "off"]
    assert statuses == [
        "receipt",
        "receipt",
        "counted",
        "counted",
        "paused",
        "paused",
        "counted",
        "extended",
    ]
    assert explained.due_at == result.at == at("02/03/2026 17:00")
    assert any("147" in rule for rule in explained.rules)
    assert explained.as_dict()["skipped"][0]["date"] == "2026-02-14"


# --- the index against a plain count ----------------------------------------------------------------
def test_index_agrees_with_a_day_by_day_count_on_thousands_of_random_cases(calendar):
    naive = NaiveCalendar()
    rng = random.Random(2026)
    origin = at("01/01/2024 00:00")
    for _ in range(3000):
        start = origin + dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        days = rng.randint(0, 45)
        assert due_at(calendar, start, days).at == (
            naive.due_days(start, days) if days else naive.due_days(start, 0)
        ), (start, days)
        hours = rng.randint(1, 120)
        assert due_at(calendar, start, hours, Unit.WORKING_HOURS).at == naive.due_hours(
            start, hours
        ), (start, hours)


@pytest.mark.parametrize(
    "half_session", [(dt.time(7, 30), dt.time(11, 30)), (dt.time(8, 0), dt.time(10, 45))]
)
def test_index_agrees_with_a_plain_count_on_calendars_with_saturday_mornings(half_session):
    """Saturday mornings worked: hours are counted in them, days are not (docs/adr/0018); a shorter
    half day (2 h 45) changes the index's bucket size."""
    calendar = WorkingCalendar(
        name="Một cửa làm sáng thứ Bảy",
        saturday_morning_reception=True,
        saturday_morning_start=half_session[0],
        saturday_morning_end=half_session[1],
    )
    naive = NaiveCalendar(saturday_mornings=True, half_session=half_session)
    rng = random.Random(1507)
    origin = at("01/01/2024 00:00")
    for _ in range(3000):
        start = origin + dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        days = rng.randint(0, 45)
        assert due_at(calendar, start, days).at == naive.due_days(start, days), (start, days)
        hours = rng.randint(1, 120)
        assert due_at(calendar, start, hours, Unit.WORKING_HOURS).at == naive.due_hours(
            start, hours
        ), (start, hours)
        budget = rng.randint(1, 40 * 60) / 60  # a step's budget, to the minute
        assert step_due_at(calendar, start, budget) == naive.due_hours(start, budget), (
            start,
            budget,
        )
        end = start + dt.timedelta(minutes=rng.randint(0, 20 * 24 * 60))
        assert working_hours_between(calendar, start, end) == pytest.approx(
            naive.hours_between(start, end)
        ), (start, end)


def test_explanations_show_a_saturday_morning_skipped_in_days_and_counted_in_hours():
    calendar = WorkingCalendar(name="Một cửa", saturday_morning_reception=True)
    days = due_at(calendar, at("06/03/2026 10:00"), 2).explanation
    saturday = next(line for line in days.days if line.date == dt.date(2026, 3, 7))
    assert saturday.status == "off" and "chỉ làm việc buổi sáng" in saturday.note
    hours = due_at(calendar, at("06/03/2026 16:00"), 8, Unit.WORKING_HOURS).explanation
    lines = {line.date: (line.status, line.hours) for line in hours.days}
    assert lines[dt.date(2026, 3, 7)] == ("counted", 4)
    assert lines[dt.date(2026, 3, 8)][0] == "off"
    assert hours.counted == 8


def test_a_swapped_saturday_is_a_full_day_on_a_saturday_morning_calendar():
    calendar = WorkingCalendar(name="Một cửa", saturday_morning_reception=True)
    assert is_working_day(calendar, dt.date(2026, 8, 22))
    assert working_hours_between(calendar, at("22/08/2026 07:30"), at("22/08/2026 17:00")) == 8


def test_dates_outside_the_index_are_refused(calendar):
    with pytest.raises(CalendarRangeError):
        due_at(calendar, at("01/01/1990 10:00"), 3)


def test_index_is_shared_until_the_calendar_changes(calendar):
    assert index_for(calendar) is index_for(calendar)
    before = index_for(calendar)
    calendar.cutoff = dt.time(14, 0)
    assert index_for(calendar) is not before


def test_explanation_renders_for_staff_from_what_the_dossier_stores(calendar):
    from django.template import Context, Template

    pause = Pause(at("24/02/2026 09:00"), at("26/02/2026 09:00"), "bổ sung giấy tờ")
    result = due_at(calendar, at("12/02/2026 15:30"), 3, pauses=[pause])
    stored = {"engine": result.explanation.as_dict()}  # what dossiers keep in due_explanation
    html = Template("{% load due_dates %}{% due_explanation stored %}").render(
        Context({"stored": stored})
    )
    assert "Cách tính hạn giải quyết" in html
    assert "17/02/2026" in html and "Tết Nguyên Đán" in html
    assert "bổ sung giấy tờ" in html and "17:00 27/02/2026" in html
    assert "147-148" in html
