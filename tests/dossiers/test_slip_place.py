"""The "place, date" line of a statutory slip names the issuing agency's own place (issue 6), not the
DOCUMENTS_PLACE setting: Agency.place, else its province or commune from vietnam-provinces, else the
nearest ancestor's."""

import pytest

from dossiers import slips
from dossiers.documents.rendering import render_html
from dossiers.models import State
from procedures.models import Agency
from tests.dossiers.factories import DossierFactory
from tests.procedures.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(settings):
    settings.DOCUMENTS_PLACE = "Nơi khác"


def _receipt_html(dossier):
    context = slips.receipt_context(dossier, None, "1/GTN")
    return context, render_html("receipt", context)


def test_the_slip_names_the_place_set_on_the_agency(elsewhere):
    agency = AgencyFactory(place="Đà Nẵng")
    dossier = DossierFactory(agency=agency, status=State.RECEIVED)
    context, html = _receipt_html(dossier)
    assert context.agency.place == "Đà Nẵng"
    assert "Đà Nẵng, ngày" in html
    assert "Nơi khác, ngày" not in html


def test_a_department_takes_its_province_name_from_the_administrative_unit_code(elsewhere):
    province = AgencyFactory(
        code="000.00.00.H46", level=Agency.Level.PROVINCE, admin_unit_code="46"
    )
    department = AgencyFactory(parent=province, level=Agency.Level.DEPARTMENT)
    unit = AgencyFactory(parent=department, level=Agency.Level.DEPARTMENT)
    dossier = DossierFactory(agency=unit, status=State.RECEIVED)
    context, html = _receipt_html(dossier)
    assert context.agency.place == "Huế"  # "Thành phố Huế" in vietnam-provinces
    assert "Huế, ngày" in html


def test_a_commune_takes_its_own_name(elsewhere):
    province = AgencyFactory(
        code="000.00.00.H46", level=Agency.Level.PROVINCE, admin_unit_code="46"
    )
    commune = AgencyFactory(
        parent=province, level=Agency.Level.COMMUNE, admin_unit_code="19900"
    )  # Phường Thuận An
    assert commune.document_place() == "Thuận An"


def test_without_any_place_the_setting_is_the_last_resort(elsewhere):
    dossier = DossierFactory(agency=AgencyFactory(), status=State.RECEIVED)
    context, html = _receipt_html(dossier)
    assert context.agency.place == ""
    assert "Nơi khác, ngày" in html
