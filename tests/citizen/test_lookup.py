import pytest
from django.core.cache import cache
from django.urls import reverse

from dossiers.models import State
from dossiers.services.base import new_pin
from tests.dossiers.factories import DossierFactory

URL = "/tra-cuu/"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier(db):
    dossier = DossierFactory(status=State.PROCESSING, code="000.00.12.H26-261125-0007")
    return dossier


def test_the_lookup_url_is_named_and_linked_from_the_home_page(client):
    assert reverse("dossiers:lookup") == URL
    assert f'href="{URL}"' in client.get("/").content.decode()


def test_lookup_by_code_and_id_number_shows_status_and_nothing_personal(client, dossier):
    response = client.post(
        URL, {"code": dossier.code.lower(), "secret": dossier.applicant_id_number}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Đang xử lý" in text and dossier.code in text
    assert dossier.applicant_name not in text and dossier.applicant_phone not in text


def test_lookup_by_code_and_pin(client, dossier):
    pin = new_pin(dossier)
    dossier.save()
    assert client.post(URL, {"code": dossier.code, "secret": pin}).status_code == 200


def test_a_wrong_second_factor_and_an_unknown_code_get_the_same_answer(client, dossier):
    wrong = client.post(URL, {"code": dossier.code, "secret": "001090000000"})
    unknown = client.post(URL, {"code": "KHONG-CO", "secret": dossier.applicant_id_number})
    assert wrong.status_code == unknown.status_code == 404
    assert "Không tìm thấy hồ sơ" in wrong.content.decode()
    assert "Không tìm thấy hồ sơ" in unknown.content.decode()


def test_the_code_alone_is_not_enough(client, dossier):
    assert client.post(URL, {"code": dossier.code, "secret": ""}).status_code == 400


def test_drafts_are_never_found(client, db):
    draft = DossierFactory(status=State.DRAFT, code=None)
    assert client.post(URL, {"code": "", "secret": draft.applicant_id_number}).status_code == 400


def test_guessing_is_rate_limited(client, dossier, settings):
    settings.DOSSIER_LOOKUP_RATE_PER_CODE = 3
    for _ in range(3):
        client.post(URL, {"code": dossier.code, "secret": "000000"})
    response = client.post(URL, {"code": dossier.code, "secret": dossier.applicant_id_number})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
