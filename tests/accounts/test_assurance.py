import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.assurance import shortfall
from accounts.decorators import assurance_required
from tests.accounts.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_a_citizen_below_the_required_level_is_told_why_and_how_to_raise_it(settings):
    settings.ACCOUNTS_IDENTITY_PROVIDERS = ["local", "oidc"]
    person = CitizenFactory()
    problem = shortfall(person, "level2")
    assert "Định danh mức 2" in problem.reason and "Chưa xác thực" in problem.reason
    assert any("VNeID" in way for way in problem.how_to_raise)
    assert any("Bộ phận Một cửa" in way for way in problem.how_to_raise)


def test_a_citizen_at_the_required_level_passes():
    person = CitizenFactory(assurance_level="level2")
    assert shortfall(person, "level1") is None
    assert shortfall(person, "level2") is None


def test_the_assurance_decorator_answers_403_with_the_explanation():
    @assurance_required("level1")
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/ho-so/nop/")
    request.user = CitizenFactory()
    response = view(request)
    assert response.status_code == 403
    assert "Cách nâng mức định danh" in response.content.decode()
    request.user = CitizenFactory(assurance_level="level1")
    assert view(request).status_code == 200
