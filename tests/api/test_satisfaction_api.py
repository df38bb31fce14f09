"""Satisfaction over the API: the applicant rates their returned dossier through the survey page's own
service (same rules, same messages), and anyone reads the public statistics from the fact tables."""

import pytest
from django.apps import apps
from django.core.cache import cache

from satisfaction import defaults
from satisfaction.models import SurveyResponse
from satisfaction.refresh import refresh
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings
from tests.accounts.factories import CitizenFactory
from tests.api.factories import CitizenAppFactory, bearer, issue_token
from tests.procedures.factories import AgencyFactory
from tests.satisfaction.factories import ALL_FIVE, returned_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def survey_form(db):
    defaults.install(apps)  # the data migration's form (a transactional test may have flushed it)
    cache.delete("satisfaction:last-refresh-id")
    yield
    cache.delete("satisfaction:last-refresh-id")


@pytest.fixture
def applicant():
    return CitizenFactory()


@pytest.fixture
def app(api, applicant):
    token = issue_token(CitizenAppFactory(), ["dossiers:own"], user=applicant)
    api.credentials(**bearer(token))
    return api


def test_the_applicant_rates_a_returned_dossier_and_changes_the_rating(app, applicant):
    dossier = returned_dossier(applicant=applicant, submitted_by=applicant)
    url = f"/api/v1/my/dossiers/{dossier.code}/survey/"

    survey = app.get(url)
    first = app.put(url, {"ratings": ALL_FIVE, "comment": "Nhanh gọn"}, format="json")
    changed = app.put(
        url,
        {"ratings": {**ALL_FIVE, "officer": 1}, "problem": "Cán bộ hẹn nhiều lần"},
        format="json",
    )

    assert survey.status_code == 200 and survey.json()["response"] is None
    assert {q["code"] for q in survey.json()["form"]["questions"]} == set(ALL_FIVE)
    assert first.status_code == 201, first.content
    assert first.json()["response"]["ratings"] == ALL_FIVE
    assert changed.status_code == 200
    response = SurveyResponse.objects.get(dossier=dossier)
    assert response.channel == "online" and response.respondent == applicant
    assert response.is_dissatisfied and response.problem == "Cán bộ hẹn nhiều lần"


def test_a_dissatisfied_rating_without_a_reason_is_refused_with_the_pages_message(app, applicant):
    dossier = returned_dossier(applicant=applicant, submitted_by=applicant)

    response = app.put(
        f"/api/v1/my/dossiers/{dossier.code}/survey/?lang=en",
        {"ratings": {**ALL_FIVE, "result": 1}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "survey_problem_missing"
    assert not SurveyResponse.objects.exists()


def test_a_rating_outside_the_scale_or_a_dossier_without_result_is_refused(app, applicant):
    returned = returned_dossier(applicant=applicant, submitted_by=applicant)
    open_one = returned_dossier(applicant=applicant, submitted_by=applicant, status="processing")

    out_of_scale = app.put(
        f"/api/v1/my/dossiers/{returned.code}/survey/",
        {"ratings": {**ALL_FIVE, "access": 9}},
        format="json",
    )
    no_result = app.put(
        f"/api/v1/my/dossiers/{open_one.code}/survey/", {"ratings": ALL_FIVE}, format="json"
    )

    assert out_of_scale.status_code == 400
    assert out_of_scale.json()["code"] == "survey_out_of_scale"
    assert no_result.status_code == 409 and no_result.json()["code"] == "survey_no_result"
    assert not SurveyResponse.objects.exists()


def test_after_the_change_window_the_rating_is_final(api, applicant, travel):
    import datetime as dt

    from django.utils import timezone

    api.force_login(applicant)
    dossier = returned_dossier(applicant=applicant, submitted_by=applicant)
    url = f"/api/v1/my/dossiers/{dossier.code}/survey/"
    api.put(url, {"ratings": ALL_FIVE}, format="json")
    travel.to(timezone.now() + dt.timedelta(days=30))
    api.force_login(applicant)  # a month later: signed in again

    response = api.put(url, {"ratings": {**ALL_FIVE, "access": 4}}, format="json")

    assert response.status_code == 409 and response.json()["code"] == "survey_duplicate"
    assert api.get(url).json()["response"]["can_change"] is False


def test_another_citizen_can_neither_read_nor_rate_it(api, applicant):
    dossier = returned_dossier(applicant=applicant, submitted_by=applicant)
    token = issue_token(CitizenAppFactory(), ["dossiers:own"], user=CitizenFactory())
    api.credentials(**bearer(token))
    url = f"/api/v1/my/dossiers/{dossier.code}/survey/"

    assert api.get(url).status_code == 404
    assert api.put(url, {"ratings": ALL_FIVE}, format="json").status_code == 404
    assert not SurveyResponse.objects.exists()


@pytest.fixture
def figures(travel):
    travel.to("2026-11-20 10:00")
    province = AgencyFactory(code="P01", name="Tỉnh Thử", level="province")
    department = AgencyFactory(code="P01.S", name="Sở Thử", parent=province)
    other = AgencyFactory(code="P02", name="Tỉnh Khác", level="province")
    for agency in (department, department, department, other):
        dossier = returned_dossier(agency=agency)
        surveys.submit_response(dossier, Ratings(dict(ALL_FIVE)), channel="link")
    refresh()
    return province, department


def test_public_dossier_statistics_per_agency_and_period(api, figures):
    everything = api.get("/api/v1/statistics/dossiers/?from=2026-01&to=2026-11").json()
    mine = api.get("/api/v1/statistics/dossiers/?agency=P01&from=2026-01&to=2026-11").json()

    assert everything["summary"]["resolved"] == 4
    assert mine["summary"]["resolved"] == 3 and mine["summary"]["received"] == 3
    assert mine["period"]["agency_code"] == "P01"
    assert mine["period"]["refreshed_at"] is not None
    assert len(mine["months"]) == 11
    assert mine["months"][-1]["month"] == "2026-11-01"


def test_public_satisfaction_statistics_and_index(api, figures):
    response = api.get("/api/v1/statistics/satisfaction/?agency=P01&to=2026-11")

    body = response.json()
    assert response.status_code == 200
    assert body["satisfaction"]["responses"] == 3
    assert body["satisfaction"]["satisfied_share"] == 100.0
    assert {a["aspect"] for a in body["satisfaction"]["aspects"]} >= {"officer", "result"}
    assert isinstance(body["index"], list)


def test_a_bad_period_or_an_unknown_agency_is_a_400_with_fields(api, figures):
    bad = api.get("/api/v1/statistics/dossiers/?from=2026-13&agency=KHONG")

    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"agency", "non_field_errors"}


def test_statistics_are_public_but_cost_few_queries_once_cached(
    api, figures, django_assert_max_num_queries
):
    url = "/api/v1/statistics/dossiers/?agency=P01"
    api.get(url)

    with django_assert_max_num_queries(6):
        assert api.get(url).status_code == 200
