"""The fact tables rebuilt from dossiers, payments, responses and complaints, checked by hand."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from dossiers.models import Payment
from satisfaction import stats
from satisfaction.models import (
    DossierFact,
    FactRefresh,
    IndexScore,
    OpenDossierFact,
    ProcedureFact,
    SatisfactionFact,
)
from satisfaction.refresh import refresh
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings
from satisfaction.stats import StatsQuery
from tests.dossiers.factories import AttachmentFactory, DossierFactory
from tests.procedures.factories import AgencyFactory
from tests.satisfaction.factories import ALL_FIVE, ComplaintFactory, returned_dossier

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=9):
    return dt.datetime(2026, 10, day, hour, tzinfo=VN)


@pytest.fixture
def october(travel):
    travel.to("2026-10-30 10:00")
    agency = AgencyFactory(code="S01", name="Sở Tư pháp")
    common = {"agency": agency}
    # Three received in October: one online resolved early (day before due), one counter resolved on
    # the due day, one post resolved late; plus one online still open and overdue, one open not due.
    early = returned_dossier(
        channel="online", received_at=at(1), intake_due_at=at(1, 17),
        due_at=at(10, 17), result_at=at(9), returned_at=at(9, 10), **common,
    )  # fmt: skip
    version = early.procedure_version
    common["procedure_version"] = version
    returned_dossier(
        channel="counter", received_at=at(2), due_at=at(12, 17), result_at=at(12, 10),
        returned_at=at(12, 11), **common,
    )  # fmt: skip
    returned_dossier(
        channel="post", received_at=at(3), due_at=at(13, 17), result_at=at(14, 9),
        returned_at=at(14, 10), **common,
    )  # fmt: skip
    DossierFactory(
        status="processing", channel="online", received_at=at(20), intake_due_at=at(19),
        due_at=at(29, 17), **common,
    )  # fmt: skip
    DossierFactory(
        status="processing", channel="counter", received_at=at(28), due_at=at(31, 17), **common
    )
    AttachmentFactory(dossier=early)
    AttachmentFactory(dossier=early, source="result")
    Payment.objects.create(
        dossier=early, amount=8000, status="paid", provider="sandbox", paid_at=at(2)
    )
    Payment.objects.create(
        dossier=early, amount=2000, status="paid", provider="counter", paid_at=at(2)
    )
    surveys.submit_response(early, Ratings(dict(ALL_FIVE)), channel="link")
    surveys.submit_response(
        DossierFactory._meta.model.objects.get(channel="counter", status="returned"),
        Ratings({**ALL_FIVE, "officer": 2, "result": 3}, problem="Phải chờ lâu"),
        channel="counter",
    )
    ComplaintFactory(
        agency=agency, submitted_at=at(5), due_at=at(19, 17), answered_at=at(15), status="answered"
    )
    ComplaintFactory(agency=agency, submitted_at=at(6), due_at=at(20, 17))  # unanswered, overdue
    return agency


def test_refresh_counts_dossiers_by_channel_and_timeliness_in_the_right_months(october):
    record = refresh()
    assert record.finished_at and record.rows["dossiers"] > 0
    query = StatsQuery(october, dt.date(2026, 10, 1), dt.date(2026, 10, 1))
    summary = stats.dossier_summary(query)
    assert (summary["received"], summary["received_online"], summary["received_counter"]) == (
        5,
        2,
        2,
    )
    assert summary["received_post"] == 1
    assert (summary["resolved_early"], summary["resolved_on_time"], summary["resolved_late"]) == (
        1,
        1,
        1,
    )
    assert summary["on_time_share"] == Decimal("66.7")
    assert (summary["open"], summary["overdue"]) == (2, 1)
    assert (summary["payments_paid"], summary["payments_online"]) == (2, 1)
    assert summary["online_share"] == Decimal("40.0")
    assert summary["digitised"] == 1 and summary["results_electronic"] == 1


def test_refresh_aggregates_ratings_per_aspect_and_overall(october):
    refresh()
    query = StatsQuery(october, dt.date(2026, 10, 1), dt.date(2026, 10, 1))
    sat = stats.satisfaction_summary(query)
    # (5.00 + 4.00) / 2 = 4.50; the second response has an answer at 2: dissatisfied, but its
    # average 4.00 reaches "satisfied from 4".
    assert (sat["responses"], sat["satisfied"], sat["dissatisfied"]) == (2, 2, 1)
    assert sat["average"] == Decimal("4.50")
    officer = next(a for a in sat["aspects"] if a["aspect"] == "officer")
    assert officer["average"] == Decimal("3.50") and officer["satisfied_share"] == Decimal("50.0")
    assert (sat["complaints_received"], sat["complaints_due"], sat["complaints_on_time"]) == (
        2,
        2,
        1,
    )


def test_refresh_computes_the_index_with_the_numbers_behind_each_indicator(october):
    refresh()
    score = IndexScore.objects.get(agency=october, month=dt.date(2026, 10, 1))
    lines = {line.indicator.metric: line for line in score.lines.select_related("indicator")}
    assert (lines["resolved_on_time"].numerator, lines["resolved_on_time"].denominator) == (2, 3)
    assert (lines["open_not_overdue"].numerator, lines["open_not_overdue"].denominator) == (1, 2)
    assert (lines["payments_online"].numerator, lines["payments_online"].denominator) == (1, 2)
    assert (lines["complaints_on_time"].numerator, lines["complaints_on_time"].denominator) == (
        1,
        2,
    )
    assert (lines["intake_on_time"].numerator, lines["intake_on_time"].denominator) == (1, 2)
    # 14 × 2/3 = 9.33 points for settlement on time
    assert lines["resolved_on_time"].points == Decimal("9.33")
    assert Decimal(0) < score.total <= Decimal(100)


def test_refresh_is_idempotent_and_records_each_run(october):
    refresh()
    counts = [
        m.objects.count() for m in (DossierFact, OpenDossierFact, ProcedureFact, SatisfactionFact)
    ]
    refresh()
    assert counts == [
        m.objects.count() for m in (DossierFact, OpenDossierFact, ProcedureFact, SatisfactionFact)
    ]
    assert FactRefresh.objects.count() == 2
    assert IndexScore.objects.filter(agency=october, month=dt.date(2026, 10, 1)).count() == 1


def test_procedure_facts_count_published_procedures_per_implementing_agency():
    from tests.procedures.factories import ProcedureVersionFactory

    agency = AgencyFactory()
    ProcedureVersionFactory(published=True, owner_agency=agency, online_level="full")
    ProcedureVersionFactory(published=True, owner_agency=agency, online_level="partial")
    ProcedureVersionFactory(owner_agency=agency, online_level="full")  # a draft: not counted
    refresh()
    levels = stats.procedure_levels(StatsQuery(agency, dt.date(2026, 1, 1), dt.date(2026, 1, 1)))
    assert (levels["total"], levels["full"], levels["partial"], levels["online"]) == (2, 1, 1, 2)
