"""Satisfaction per officer: who settled the dossier is kept, backfilled from the log, counted in the
facts, shown to the agency's leaders and admins with the responses behind each number, and never
named on the public pages."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from dossiers.models import State
from satisfaction import stats
from satisfaction.models import SatisfactionFact, SurveyResponse
from satisfaction.refresh import refresh
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings
from satisfaction.stats import StatsQuery
from tests.accounts.factories import StaffFactory
from tests.dossiers.factories import DossierEventFactory, DossierFactory
from tests.procedures.factories import AgencyFactory
from tests.satisfaction.factories import ALL_FIVE, returned_dossier
from tests.satisfaction.helpers import sign_in_staff

pytestmark = pytest.mark.django_db
NOVEMBER = dt.date(2026, 11, 1)


@pytest.fixture
def rated(travel):
    """Officer An settled two rated dossiers (5.00 and 3.40, the second dissatisfied), officer Bình
    one (4.00); a third officer works in another province."""
    travel.to("2026-11-20 10:00")
    province = AgencyFactory(code="P01", name="Tỉnh Thử", level="province")
    department = AgencyFactory(code="P01.S", name="Sở Thử", parent=province)
    elsewhere = AgencyFactory(code="P02", name="Tỉnh Khác", level="province")
    an = StaffFactory(full_name="Nguyễn Văn An")
    binh = StaffFactory(full_name="Trần Thị Bình")
    other = StaffFactory(full_name="Lê Văn Khác")
    first = returned_dossier(agency=department, handled_by=an)
    second = returned_dossier(agency=department, handled_by=an)
    third = returned_dossier(agency=department, handled_by=binh)
    far = returned_dossier(agency=elsewhere, handled_by=other)
    surveys.submit_response(first, Ratings(dict(ALL_FIVE)), channel="link")
    surveys.submit_response(
        second,
        Ratings(
            {"access": 4, "procedure": 4, "officer": 2, "result": 3, "feedback": 4},
            problem="Cán bộ hướng dẫn chưa rõ",
        ),
        channel="counter",
    )
    surveys.submit_response(third, Ratings(dict.fromkeys(ALL_FIVE, 4)), channel="link")
    surveys.submit_response(far, Ratings(dict(ALL_FIVE)), channel="link")
    refresh()
    return {
        "province": province,
        "department": department,
        "elsewhere": elsewhere,
        "an": an,
        "binh": binh,
        "other": other,
        "dossiers": (first, second, third),
    }


def test_a_response_records_the_officer_who_settled_the_dossier_after_it_was_returned(rated):
    first, _second, third = rated["dossiers"]
    assert first.assignee is None  # returned: nobody holds it any more
    assert SurveyResponse.objects.get(dossier=first).officer == rated["an"]
    assert SurveyResponse.objects.get(dossier=third).officer == rated["binh"]
    assert SatisfactionFact.objects.filter(officer=rated["an"], aspect="").exists()


def test_figures_per_officer_match_a_hand_computation(rated):
    query = StatsQuery(rated["province"], NOVEMBER, NOVEMBER)
    rows = {row["name"]: row for row in stats.satisfaction_by_officer(query)}
    assert list(rows) == ["Nguyễn Văn An", "Trần Thị Bình"]  # most rated first; not Lê Văn Khác
    an, binh = rows["Nguyễn Văn An"], rows["Trần Thị Bình"]
    # An: (5.00 + 3.40) / 2 = 4.20; one of two satisfied (3.40 < 4); "officer" aspect (5 + 2) / 2.
    assert (an["responses"], an["satisfied"], an["dissatisfied"]) == (2, 1, 1)
    assert (an["satisfied_share"], an["average"]) == (Decimal("50.0"), Decimal("4.20"))
    aspects = {a["aspect"]: a["average"] for a in an["aspects"]}
    assert aspects == {
        "access": Decimal("4.50"),
        "procedure": Decimal("4.50"),
        "officer": Decimal("3.50"),
        "result": Decimal("4.00"),
        "feedback": Decimal("4.50"),
    }
    assert (binh["responses"], binh["satisfied_share"], binh["average"]) == (
        1,
        Decimal("100.0"),
        Decimal("4.00"),
    )


def test_the_overall_average_keeps_the_decimals_of_each_response(rated):
    """(5.00 + 3.40 + 4.00) / 3 = 4.13 — not 12 / 3 = 4.00 from a truncated sum."""
    query = StatsQuery(rated["department"], NOVEMBER, NOVEMBER)
    assert stats.satisfaction_summary(query)["average"] == Decimal("4.13")


def test_leaders_see_the_officers_with_links_to_the_responses_behind_each_number(
    client, rated, django_assert_max_num_queries
):
    sign_in_staff(client, agency=rated["department"], role="leader")
    url = reverse("satisfaction:staff-dashboard") + "?tu=2026-11&den=2026-11"
    with django_assert_max_num_queries(60):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" in html and "Lê Văn Khác" not in html
    drill = reverse("satisfaction:staff-officer-responses", args=[rated["an"].pk])
    assert drill in html

    listing = client.get(drill + "?tu=2026-11&den=2026-11")
    assert listing.status_code == 200
    body = listing.content.decode()
    first, second, third = rated["dossiers"]
    assert first.code in body and second.code in body and third.code not in body
    satisfied = client.get(drill + "?tu=2026-11&den=2026-11&loai=hai-long").content.decode()
    assert first.code in satisfied and second.code not in satisfied
    assert client.get(drill + "?loai=xyz").status_code == 404


def test_specialists_and_leaders_of_other_agencies_do_not_see_figures_per_officer(client, rated):
    sign_in_staff(client, agency=rated["department"], role="specialist")
    html = client.get(reverse("satisfaction:staff-dashboard")).content.decode()
    assert "Nguyễn Văn An" not in html and "officers-title" not in html
    drill = reverse("satisfaction:staff-officer-responses", args=[rated["an"].pk])
    assert client.get(drill).status_code == 403


def test_a_leader_elsewhere_sees_none_of_the_officers_responses(client, rated):
    sign_in_staff(client, agency=rated["elsewhere"], role="leader")
    drill = reverse("satisfaction:staff-officer-responses", args=[rated["an"].pk])
    response = client.get(drill + "?tu=2026-11&den=2026-11")
    assert response.status_code == 200  # their own agency's view of that officer: nothing
    body = response.content.decode()
    assert all(d.code not in body for d in rated["dossiers"])
    refused = client.get(drill + f"?co_quan={rated['department'].pk}&tu=2026-11&den=2026-11")
    assert refused.status_code == 400  # not their agency: refused, their own shown instead
    body = refused.content.decode()
    assert "Không tìm thấy cơ quan" in body and all(d.code not in body for d in rated["dossiers"])


def test_public_pages_never_name_an_officer(client, rated):
    for name in ("statistics", "results"):
        html = client.get(
            reverse(f"satisfaction:{name}") + f"?co_quan={rated['province'].pk}"
        ).content.decode()
        assert "Nguyễn Văn An" not in html and "Trần Thị Bình" not in html


def _migration(app, name):
    return importlib.import_module(f"{app}.migrations.{name}")


def test_the_backfill_finds_the_officer_in_the_event_log(travel):
    travel.to("2026-11-20 10:00")
    first, second, leader = StaffFactory(), StaffFactory(), StaffFactory()
    gone = StaffFactory()
    now = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    reassigned = returned_dossier()
    DossierEventFactory(dossier=reassigned, action="assign", data={"assignee": first.pk}, at=now)
    DossierEventFactory(
        dossier=reassigned,
        action="assign",
        data={"assignee": second.pk},
        at=now + dt.timedelta(hours=1),
    )
    DossierEventFactory(
        dossier=reassigned, action="issue_result", actor=leader, at=now + dt.timedelta(hours=2)
    )
    by_leader = returned_dossier()
    DossierEventFactory(dossier=by_leader, action="issue_result", actor=leader, at=now)
    deleted = returned_dossier()
    DossierEventFactory(dossier=deleted, action="assign", data={"assignee": gone.pk}, at=now)
    DossierEventFactory(dossier=deleted, action="issue_result", actor=leader, at=now)
    gone.delete()
    open_one = DossierFactory(status=State.PROCESSING)
    DossierEventFactory(dossier=open_one, action="assign", data={"assignee": first.pk}, at=now)
    surveys.submit_response(reassigned, Ratings(dict(ALL_FIVE)), channel="link")
    assert SurveyResponse.objects.get(dossier=reassigned).officer is None  # before the backfill

    _migration("dossiers", "0003_dossier_handled_by").backfill_handled_by(apps, None)
    _migration("satisfaction", "0005_response_officer_backfill").backfill_officer(apps, None)

    for dossier in (reassigned, by_leader, deleted, open_one):
        dossier.refresh_from_db()
    assert reassigned.handled_by == second  # the last assignment before the result
    assert by_leader.handled_by == leader  # nobody assigned: who issued the result
    assert deleted.handled_by == leader  # the assigned account no longer exists
    assert open_one.handled_by is None  # no result yet
    assert SurveyResponse.objects.get(dossier=reassigned).officer == second


def test_the_satisfaction_trend_counts_each_month_by_hand(rated):
    query = StatsQuery(rated["province"], dt.date(2026, 10, 1), NOVEMBER)
    october, november = stats.satisfaction_trend(query)
    assert (october["month"], october["responses"], october["average"]) == (
        dt.date(2026, 10, 1),
        0,
        None,
    )
    # 5.00, 3.40 and 4.00 in the province (not the 5.00 elsewhere): 2 of 3 satisfied.
    assert (november["responses"], november["satisfied"], november["dissatisfied"]) == (3, 2, 1)
    assert (november["satisfied_share"], november["average"]) == (Decimal("66.7"), Decimal("4.13"))
