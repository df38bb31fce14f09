import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import PersonalDataAccess, Representation, User
from tests.accounts.factories import (
    CitizenFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_profile_masks_the_id_number_and_phone(client):
    person = CitizenFactory(id_number="001090012345", phone="0912345678")
    client.force_login(person)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "001******345" in body and "001090012345" not in body
    assert "091****678" in body and "0912345678" not in body


def test_download_my_data_gives_everything_held_as_json(client):
    person = CitizenFactory()
    RepresentationFactory(principal=person)
    client.force_login(person)
    response = client.get(reverse("accounts:my-data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["id_number"] == person.id_number
    assert len(data["representations_given"]) == 1


def test_deletion_closes_the_account_and_erases_contact_data(client):
    person = CitizenFactory()
    rep = RepresentationFactory(principal=person)
    client.force_login(person)
    response = client.post(reverse("accounts:delete"), {"confirm": "yes"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.is_active and person.deletion_requested_at
    assert (person.email, person.phone, person.id_number) == ("", "", "")
    assert not person.has_usable_password()
    rep.refresh_from_db()
    assert rep.revoked_at is not None
    assert "_auth_user_id" not in client.session


def test_deletion_keeps_identity_with_dossiers_under_archival_duty(client, settings):
    settings.ACCOUNTS_RETENTION_CHECKS = ["tests.accounts.test_personal_data.archival_duty"]
    person = CitizenFactory()
    id_number = person.id_number
    client.force_login(person)
    response = client.post(reverse("accounts:delete"), {"confirm": "yes"})
    assert "lưu trữ" in response.content.decode()
    person.refresh_from_db()
    assert person.id_number == id_number and not person.email and not person.is_active


def archival_duty(user):
    return ["Hồ sơ 000.00.12.H26-260301-0001 được lưu trữ đến năm 2036"]


def test_deletion_needs_the_confirmation_box(client):
    person = CitizenFactory()
    client.force_login(person)
    assert client.post(reverse("accounts:delete"), {}).status_code == 400
    person.refresh_from_db()
    assert person.is_active


def test_staff_looking_at_a_persons_account_is_logged_and_the_person_can_see_it(client):
    admin = UserFactory(is_superuser=True)
    person = CitizenFactory()
    client.force_login(admin)
    assert client.get(reverse("accounts:account", args=[person.pk])).status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.viewer, access.subject) == (admin, person)
    client.force_login(person)
    data = json.loads(client.get(reverse("accounts:my-data")).content)
    assert data["data_accesses"][0]["viewer"] == str(admin)


def test_a_citizen_is_refused_another_citizens_page(client):
    client.force_login(CitizenFactory())
    other = CitizenFactory()
    assert client.get(reverse("accounts:account", args=[other.pk])).status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_a_citizen_authorises_someone_until_a_date_and_revokes_it(client, travel):
    travel.to("2026-03-02 09:00", tick=True)
    principal, agent = CitizenFactory(), CitizenFactory()
    client.force_login(principal)
    response = client.post(
        reverse("accounts:representation-grant"),
        {"agent_identifier": agent.id_number, "scope": "all", "valid_until": "2026-06-30"},
    )
    assert response.status_code == 302
    rep = Representation.objects.get()
    assert (rep.principal, rep.agent, rep.is_active) == (principal, agent, True)
    from accounts.permissions import can_act_for

    assert can_act_for(agent, principal)
    client.post(reverse("accounts:representation-revoke", args=[rep.pk]))
    rep.refresh_from_db()
    assert rep.revoked_at is not None
    agent = User.objects.get(pk=agent.pk)
    assert not can_act_for(agent, principal)


def test_authorising_an_unknown_person_or_a_past_date_is_refused(client, travel):
    travel.to("2026-03-02 09:00", tick=True)
    principal = CitizenFactory()
    client.force_login(principal)
    response = client.post(
        reverse("accounts:representation-grant"),
        {"agent_identifier": "079085009999", "scope": "all", "valid_until": "2026-06-30"},
    )
    assert response.status_code == 400
    assert "Không tìm thấy" in response.content.decode()
    agent = CitizenFactory()
    response = client.post(
        reverse("accounts:representation-grant"),
        {"agent_identifier": agent.id_number, "scope": "all", "valid_until": "2026-03-01"},
    )
    assert response.status_code == 400
    assert not Representation.objects.exists()


def test_someone_elses_representation_cannot_be_revoked(client):
    rep = RepresentationFactory()
    client.force_login(CitizenFactory())
    assert client.post(reverse("accounts:representation-revoke", args=[rep.pk])).status_code == 404


def test_an_organisation_adds_a_member_who_then_acts_for_it(client):
    from accounts.permissions import acting_capacity, describe_acting

    company = OrganisationFactory(full_name="Công ty TNHH Sen Vàng")
    person = CitizenFactory(full_name="Phạm Thu Hà")
    client.force_login(company)
    response = client.post(
        reverse("accounts:org-member-add"), {"member_identifier": person.email, "role": "member"}
    )
    assert response.status_code == 302
    assert acting_capacity(person, company) == "organisation_member"
    assert describe_acting(person, company) == "Phạm Thu Hà thay mặt Công ty TNHH Sen Vàng"
    client.force_login(person)
    assert client.get(reverse("accounts:account", args=[company.pk])).status_code == 200


def test_an_ordinary_member_cannot_manage_the_organisations_members(client):
    member = OrganisationMemberFactory()
    other = OrganisationMemberFactory(organisation=member.organisation)
    client.force_login(member.member)
    assert client.post(reverse("accounts:org-member-remove", args=[other.pk])).status_code == 404


def test_staff_cannot_delete_their_own_account(client):
    staff = MembershipFactory().user
    client.force_login(staff)
    response = client.post(reverse("accounts:delete"), {"confirm": "yes"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.is_active


def test_password_reset_with_an_emailed_code(client):
    person = CitizenFactory()
    response = client.post(
        reverse("accounts:password-reset-request"), {"identifier": person.id_number}
    )
    assert response.status_code == 302
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    new = "Song-Huong-Xanh-2026"
    response = client.post(response["Location"], {"code": code, "password1": new, "password2": new})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new)


def test_password_reset_answers_the_same_for_an_unknown_account(client):
    response = client.post(
        reverse("accounts:password-reset-request"), {"identifier": "khongai@example.vn"}
    )
    assert response.status_code == 302
    assert not mail.outbox
    response = client.post(
        response["Location"],
        {
            "code": "123456",
            "password1": "Song-Huong-Xanh-2026",
            "password2": "Song-Huong-Xanh-2026",
        },
    )
    assert response.status_code == 400


def test_password_reset_refuses_a_weak_password_without_using_the_code(client):
    person = CitizenFactory()
    url = client.post(reverse("accounts:password-reset-request"), {"identifier": person.email})[
        "Location"
    ]
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    response = client.post(url, {"code": code, "password1": "123456789", "password2": "123456789"})
    assert response.status_code == 400
    new = "Song-Huong-Xanh-2026"
    assert client.post(url, {"code": code, "password1": new, "password2": new}).status_code == 302


def test_a_guardian_grant_opens_one_named_account_to_one_officer_and_is_logged(client):
    from guardian.shortcuts import assign_perm

    officer = MembershipFactory().user
    person, other = CitizenFactory(), CitizenFactory()
    assign_perm("accounts.view_user", officer, person)
    client.force_login(officer)
    assert client.get(reverse("accounts:account", args=[person.pk])).status_code == 200
    assert client.get(reverse("accounts:account", args=[other.pk])).status_code == 404
    assert PersonalDataAccess.objects.filter(viewer=officer, subject=person).count() == 1


def test_a_verified_name_cannot_be_changed_from_the_profile_but_the_address_can(client):
    person = CitizenFactory(full_name="Nguyễn Văn An", assurance_level="level2")
    client.force_login(person)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Tên Khác", "address": "12 Lê Lợi, Huế"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.address) == ("Nguyễn Văn An", "12 Lê Lợi, Huế")
