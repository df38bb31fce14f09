import pytest
from django.urls import reverse

from accounts.models import OrganisationMember, User
from accounts.permissions import can_act_for
from tests.accounts.factories import CitizenFactory, OrganisationFactory, make_tax_code

pytestmark = pytest.mark.django_db

URL = "/tai-khoan/to-chuc/dang-ky/"


def test_a_citizen_registers_their_company_and_becomes_its_legal_representative(client):
    person = CitizenFactory()
    client.force_login(person)
    response = client.post(URL, {"name": "Công ty TNHH Hoa Sen", "tax_code": "0100109106-001"})
    assert response.status_code == 302
    company = User.objects.get(tax_code="0100109106001")
    assert company.kind == "organisation" and not company.has_usable_password()
    assert company.assurance_level == "unverified"
    member = OrganisationMember.objects.get(organisation=company)
    assert (member.member, member.role) == (person, "legal_representative")
    assert can_act_for(User.objects.get(pk=person.pk), company)


@pytest.mark.parametrize(
    ("tax_code", "message"),
    [("0100109107", "chữ số kiểm tra"), ("12345", "10 chữ số"), ("0100109106-000", "001")],
)
def test_an_invalid_tax_code_is_refused_in_vietnamese_and_nothing_is_saved(
    client, tax_code, message
):
    client.force_login(CitizenFactory())
    response = client.post(URL, {"name": "Công ty A", "tax_code": tax_code})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["tax_code"])
    assert not User.objects.organisations().exists()
    assert not OrganisationMember.objects.exists()


def test_a_tax_code_that_already_has_an_account_is_a_conflict(client):
    existing = OrganisationFactory()
    client.force_login(CitizenFactory())
    response = client.post(URL, {"name": "Công ty B", "tax_code": existing.tax_code})
    assert response.status_code == 409
    assert User.objects.organisations().count() == 1


def test_the_legal_representative_adds_an_employee_who_may_then_act_for_the_company(client):
    boss, employee = CitizenFactory(), CitizenFactory()
    client.force_login(boss)
    client.post(URL, {"name": "Công ty C", "tax_code": make_tax_code(777)})
    company = User.objects.organisations().get()
    page = client.get(reverse("accounts:account", args=[company.pk]))
    assert "Thêm thành viên" in page.content.decode()
    response = client.post(
        reverse("accounts:org-member-add"),
        {"organisation": company.pk, "member_identifier": employee.id_number, "role": "member"},
    )
    assert response.status_code == 302
    assert can_act_for(User.objects.get(pk=employee.pk), company)
    # The employee cannot add members themselves.
    client.force_login(employee)
    other = CitizenFactory()
    response = client.post(
        reverse("accounts:org-member-add"),
        {"organisation": company.pk, "member_identifier": other.id_number, "role": "member"},
    )
    assert response.status_code == 404
    assert not OrganisationMember.objects.filter(member=other).exists()
