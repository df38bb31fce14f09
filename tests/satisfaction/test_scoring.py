"""The index arithmetic, checked against figures computed by hand."""

import datetime as dt
from decimal import Decimal as D

import pytest

from satisfaction.index import active_scheme, compute_for, scheme_specs
from satisfaction.models import DossierFact, OpenDossierFact, ProcedureFact, SatisfactionFact
from satisfaction.scoring import (
    Band,
    GroupSpec,
    IndicatorSpec,
    band_for,
    compute_index,
    score_group,
    score_indicator,
)
from tests.procedures.factories import AgencyFactory, ProcedureFactory, SectorFactory


def spec(metric="m", points="10", when_no_data="full"):
    return IndicatorSpec(
        code=metric, metric=metric, max_points=D(points), when_no_data=when_no_data
    )


def test_indicator_scores_its_share_of_the_maximum_rounded_half_up():
    # 14 × 412 / 430 = 13.4139… → 13.41
    assert score_indicator(spec(points="14"), 412, 430).points == D("13.41")
    # 11 × 1 / 3 = 3.6666… → 3.67
    assert score_indicator(spec(points="11"), 1, 3).points == D("3.67")
    # 7 × 5 / 8 = 4.375 → 4.38 (half up, not banker's rounding)
    assert score_indicator(spec(points="7"), 5, 8).points == D("4.38")


def test_indicator_without_data_scores_full_or_zero_as_configured():
    full = score_indicator(spec(points="6"), 0, 0)
    zero = score_indicator(spec(points="6", when_no_data="zero"), 0, 0)
    assert (full.points, full.no_data) == (D("6.00"), True)
    assert (zero.points, zero.no_data) == (D("0.00"), True)


def test_ratio_is_clamped_between_zero_and_one():
    assert score_indicator(spec(points="8"), 12, 10).points == D("8.00")
    assert score_indicator(spec(points="8"), -3, 10).points == D("0.00")


def test_group_scores_within_its_own_maximum_when_indicators_add_up_differently():
    group = GroupSpec("g", D("18"), (spec("a", "10"), spec("b", "10")))
    # earned 10 + 5 = 15 of 20 → 18 × 15 / 20 = 13.50
    assert score_group(group, {"a": (4, 4), "b": (1, 2)}).points == D("13.50")


def test_bands_take_the_first_lower_bound_reached():
    bands = [Band(D(90), "Xuất sắc"), Band(D(70), "Tốt"), Band(D(50), "Khá"), Band(D(0), "Yếu")]
    assert band_for(D("90.00"), bands) == "Xuất sắc"
    assert band_for(D("89.99"), bands) == "Tốt"
    assert band_for(D("49.99"), bands) == "Yếu"


def test_all_indicators_perfect_scores_one_hundred():
    groups = [
        GroupSpec("a", D("18"), (spec("x", "10"), spec("y", "8"))),
        GroupSpec("b", D("82"), (spec("z", "82"),)),
    ]
    result = compute_index(groups, {"x": (3, 3), "y": (1, 1), "z": (9, 9)})
    assert result.total == D("100.00")


HAND_INPUTS = {
    "procedures_complete": (8, 10),  # 10 × 0.8 = 8.00
    "intake_on_time": (45, 50),  # 8 × 0.9 = 7.20 → publicity 15.20
    "resolved_on_time": (90, 100),  # 14 × 0.9 = 12.60
    "open_not_overdue": (3, 4),  # 6 × 0.75 = 4.50 → progress 17.10
    "dossiers_digitised": (50, 100),  # 11 × 0.5 = 5.50
    "results_electronic": (1, 3),  # 11 / 3 = 3.67 → digitisation 9.17
    "procedures_online": (3, 4),  # 7 × 0.75 = 5.25
    "dossiers_online": (30, 100),  # 8 × 0.3 = 2.40
    "payments_online": (2, 5),  # 7 × 0.4 = 2.80 → online 10.45
    "complaints_on_time": (0, 0),  # no complaints due: full 12.00
    "satisfied": (7, 8),  # 6 × 0.875 = 5.25 → satisfaction 17.25
}


@pytest.mark.django_db
def test_default_scheme_scores_a_hand_computed_month():
    groups, bands = scheme_specs(active_scheme())
    result = compute_index(groups, HAND_INPUTS, bands)
    assert [g.points for g in result.groups] == [
        D("15.20"),
        D("17.10"),
        D("9.17"),
        D("10.45"),
        D("17.25"),
    ]
    # 15.20 + 17.10 + 9.17 + 10.45 + 17.25
    assert result.total == D("69.17")
    assert result.band.startswith("Khá")


@pytest.mark.django_db
def test_default_satisfaction_group_weights_follow_the_decision_summaries():
    """18 points: 6 for the dossier ratio (cited), 12 for the complaint ratios; by hand:
    12 × 3/4 = 9.00 and 6 × 7/8 = 5.25 → 14.25."""
    groups, bands = scheme_specs(active_scheme())
    satisfaction = next(g for g in groups if g.code == "satisfaction")
    points = {i.metric: i.max_points for i in satisfaction.indicators}
    assert points == {"complaints_on_time": D("12"), "satisfied": D("6")}
    inputs = {**HAND_INPUTS, "complaints_on_time": (3, 4)}
    result = compute_index(groups, inputs, bands)
    assert result.groups[-1].points == D("14.25")
    # 15.20 + 17.10 + 9.17 + 10.45 + 14.25
    assert result.total == D("66.17")


@pytest.mark.django_db
def test_the_weights_migration_updates_only_the_values_first_shipped():
    import importlib

    from django.apps import apps

    from satisfaction.models import IndexIndicator, IndexScheme

    migration = importlib.import_module(
        "satisfaction.migrations.0006_index_weights_from_decision_summaries"
    )
    scheme = active_scheme()
    indicators = IndexIndicator.objects.filter(group__scheme=scheme, group__code="satisfaction")
    indicators.filter(code="5.1").update(max_points=6, source_note=migration.FIRST_INDICATOR_NOTE)
    indicators.filter(code="5.2").update(max_points=12, source_note=migration.FIRST_INDICATOR_NOTE)
    IndexScheme.objects.filter(pk=scheme.pk).update(source_note=migration.FIRST_SCHEME_NOTE)
    migration.forwards(apps, None)
    assert dict(indicators.values_list("code", "max_points")) == {"5.1": D("12"), "5.2": D("6")}
    assert "lamdong.dcs.vn" in indicators.get(code="5.2").source_note
    scheme.refresh_from_db()
    assert "18/20/22/22/18" in scheme.source_note and "cần xác minh" in scheme.source_note

    indicators.filter(code="5.1").update(max_points=7)  # an admin's choice
    indicators.filter(code="5.2").update(max_points=11)
    migration.forwards(apps, None)
    assert dict(indicators.values_list("code", "max_points")) == {"5.1": D("7"), "5.2": D("11")}


@pytest.mark.django_db
def test_default_scheme_groups_add_up_to_one_hundred_and_name_their_source():
    scheme = active_scheme()
    groups, _bands = scheme_specs(scheme)
    assert sum(g.max_points for g in groups) == D("100")
    assert {g.code for g in groups} == {
        "publicity",
        "progress",
        "digitisation",
        "online",
        "satisfaction",
    }
    for g in groups:
        assert 18 <= g.max_points <= 22
        assert sum(i.max_points for i in g.indicators) == g.max_points
    assert "766/QĐ-TTg" in scheme.legal_source
    assert "cần xác minh" in scheme.source_note


@pytest.mark.django_db
def test_index_reads_the_numbers_of_the_agency_subtree_from_the_fact_tables():
    province = AgencyFactory(code="T01", name="Tỉnh", level="province")
    department = AgencyFactory(code="T01.S1", name="Sở", parent=province)
    other = AgencyFactory(code="T02", name="Tỉnh khác", level="province")
    procedure, sector = ProcedureFactory(), SectorFactory()
    month = dt.date(2026, 10, 1)
    common = {"procedure": procedure, "sector": sector, "month": month}
    DossierFact.objects.create(
        agency=department, channel="online", received=6, digitised=6, **common
    )
    DossierFact.objects.create(
        agency=province, channel="counter", received=4, digitised=1, **common
    )
    DossierFact.objects.create(
        agency=department,
        channel="online",
        resolved=5,
        resolved_early=1,
        resolved_on_time=3,
        resolved_late=1,
        **common,
    )
    DossierFact.objects.create(agency=other, channel="online", received=100, **common)
    OpenDossierFact.objects.create(
        agency=department, procedure=procedure, sector=sector, channel="online", open=4, overdue=1
    )
    ProcedureFact.objects.create(
        agency=department, sector=sector, online_level="full", published=3, complete=2
    )
    ProcedureFact.objects.create(
        agency=province, sector=sector, online_level="not_online", published=1, complete=1
    )
    SatisfactionFact.objects.create(
        agency=department, procedure=procedure, month=month, responses=4, satisfied=3, rating_sum=17
    )

    from satisfaction.refresh import build_rollups

    build_rollups()
    result = compute_for(province, month, active_scheme())
    lines = {line.indicator.metric: line for g in result.groups for line in g.lines}
    assert (lines["dossiers_online"].numerator, lines["dossiers_online"].denominator) == (6, 10)
    assert (lines["dossiers_digitised"].numerator, lines["dossiers_digitised"].denominator) == (
        7,
        10,
    )
    assert (lines["resolved_on_time"].numerator, lines["resolved_on_time"].denominator) == (4, 5)
    assert (lines["open_not_overdue"].numerator, lines["open_not_overdue"].denominator) == (3, 4)
    assert (lines["procedures_online"].numerator, lines["procedures_online"].denominator) == (3, 4)
    assert (lines["procedures_complete"].numerator, lines["procedures_complete"].denominator) == (
        3,
        4,
    )
    assert (lines["satisfied"].numerator, lines["satisfied"].denominator) == (3, 4)
    # 8 × 6/10 = 4.80 points for online submission
    assert lines["dossiers_online"].points == D("4.80")
