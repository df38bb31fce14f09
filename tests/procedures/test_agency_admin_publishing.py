"""The agency admin role reaches the publishing screens (issue 3): no is_staff or admin permissions set
by hand; object-level checks keep them to their own agency's procedures."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import Role
from accounts.services import staff as staff_services
from procedures.models import VersionStatus
from procedures.permissions import CATALOGUE_ADMIN_GROUP
from tests.accounts.factories import StaffFactory, UserFactory
from tests.procedures.conftest import ready_draft
from tests.procedures.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    system = UserFactory(username="he-thong", is_staff=True, is_superuser=True)
    agency_a, agency_b = AgencyFactory(name="Sở A"), AgencyFactory(name="Sở B")
    admin_a = StaffFactory(username="quan-tri-a")
    staff_services.add_membership(system, admin_a.username, agency_a, Role.AGENCY_ADMIN)
    admin_a.refresh_from_db()
    return {
        "system": system,
        "admin_a": admin_a,
        "draft_a": ready_draft(owner_agency=agency_a, name="Thủ tục của Sở A"),
        "draft_b": ready_draft(owner_agency=agency_b, name="Thủ tục của Sở B"),
        "agency_a": agency_a,
    }


def test_the_role_alone_opens_the_publishing_screens(setting):
    admin_a = setting["admin_a"]
    assert admin_a.is_staff and not admin_a.is_superuser
    assert admin_a.groups.filter(name=CATALOGUE_ADMIN_GROUP).exists()
    assert admin_a.has_perm("procedures.change_procedureversion")
    assert not admin_a.has_perm("accounts.change_user")


def test_agency_admin_of_a_publishes_a_procedure_of_a(client, setting):
    client.force_login(setting["admin_a"])
    draft = setting["draft_a"]
    changelist = reverse("admin:procedures_procedureversion_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert "Thủ tục của Sở A" in page.content.decode()
    assert (
        client.get(reverse("admin:procedures_procedureversion_change", args=[draft.pk])).status_code
        == 200
    )
    assert client.get(reverse("procedures:preview", args=[draft.pk])).status_code == 200
    data = {"action": "publish_action", ACTION_CHECKBOX_NAME: [draft.pk]}
    client.post(changelist, {**data, "confirmed": "yes", "effective_date": "2026-01-01"})
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.published_by == setting["admin_a"]


def test_agency_admin_of_a_neither_sees_nor_publishes_a_procedure_of_b(client, setting):
    client.force_login(setting["admin_a"])
    draft_b = setting["draft_b"]
    changelist = reverse("admin:procedures_procedureversion_changelist")
    assert "Thủ tục của Sở B" not in client.get(changelist).content.decode()
    change = client.get(reverse("admin:procedures_procedureversion_change", args=[draft_b.pk]))
    assert change.status_code == 302  # "does not exist" back to the list
    assert client.get(reverse("procedures:preview", args=[draft_b.pk])).status_code == 404
    data = {"action": "publish_action", ACTION_CHECKBOX_NAME: [draft_b.pk]}
    client.post(changelist, {**data, "confirmed": "yes", "effective_date": "2026-01-01"})
    draft_b.refresh_from_db()
    assert draft_b.status == VersionStatus.DRAFT


def test_a_new_draft_can_only_be_owned_by_the_admins_agencies(rf, setting):
    from django.contrib import admin

    from procedures.models import ProcedureVersion

    request = rf.get("/")
    request.user = setting["admin_a"]
    form = admin.site._registry[ProcedureVersion].get_form(request)
    owners = list(form.base_fields["owner_agency"].queryset)
    assert owners == [setting["agency_a"]]


def test_ending_the_role_takes_the_screens_back(client, setting):
    admin_a = setting["admin_a"]
    membership = admin_a.memberships.get(role=Role.AGENCY_ADMIN)
    staff_services.end_membership(setting["system"], membership)
    admin_a.refresh_from_db()
    assert not admin_a.is_staff
    assert not admin_a.groups.filter(name=CATALOGUE_ADMIN_GROUP).exists()
    client.force_login(admin_a)
    response = client.get(reverse("admin:procedures_procedureversion_changelist"))
    assert response.status_code == 302  # to the admin login


def test_other_roles_get_no_admin_access(setting):
    officer = StaffFactory(username="tiep-nhan-a")
    staff_services.add_membership(
        setting["system"], officer.username, setting["agency_a"], Role.RECEIVING_OFFICER
    )
    officer.refresh_from_db()
    assert not officer.is_staff
    assert not officer.has_perm("procedures.change_procedureversion")
