import pytest
from django.db import IntegrityError

from accounts.models import AssuranceLevel, AssuranceSource, User
from tests.accounts.factories import (
    CitizenFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_one_id_number_belongs_to_one_account_only():
    person = CitizenFactory()
    with pytest.raises(IntegrityError):
        CitizenFactory(id_number=person.id_number)


def test_email_is_unique_whatever_its_case():
    UserFactory(email="an@example.vn")
    with pytest.raises(IntegrityError):
        UserFactory(email="AN@example.vn")


def test_many_accounts_may_leave_id_number_phone_and_email_empty():
    UserFactory(email="")
    UserFactory(email="")
    assert User.objects.filter(id_number="", phone="", email="").count() == 2


def test_sign_in_identifier_matches_id_number_email_phone_or_tax_code():
    person = CitizenFactory(email="binh@example.vn")
    company = OrganisationFactory()
    assert list(User.objects.matching_identifier(person.id_number)) == [person]
    assert list(User.objects.matching_identifier("BINH@example.vn")) == [person]
    assert list(User.objects.matching_identifier(person.phone)) == [person]
    assert list(User.objects.matching_identifier("+84" + person.phone[1:])) == [person]
    assert list(User.objects.matching_identifier(company.tax_code)) == [company]
    assert not User.objects.matching_identifier("").exists()


def test_assurance_only_rises_and_records_its_source():
    person = CitizenFactory()
    assert not person.has_assurance(AssuranceLevel.LEVEL1)
    person.raise_assurance(AssuranceLevel.LEVEL2, AssuranceSource.VNEID)
    person.raise_assurance(AssuranceLevel.LEVEL1, AssuranceSource.SELF_DECLARED)
    person.refresh_from_db()
    assert person.assurance_level == AssuranceLevel.LEVEL2
    assert person.assurance_source == AssuranceSource.VNEID
    assert person.has_assurance(AssuranceLevel.LEVEL1)
    assert list(User.objects.with_assurance_at_least("level2")) == [person]


def test_people_act_for_themselves_their_organisations_and_those_who_authorised_them(travel):
    from accounts.permissions import acting_capacity, acting_for_ids, can_act_for

    travel.to("2026-03-02 09:00")
    member = OrganisationMemberFactory()
    rep = RepresentationFactory(agent=member.member)
    stranger = CitizenFactory()
    agent = member.member
    assert acting_for_ids(agent) == {agent.pk, member.organisation_id, rep.principal_id}
    assert can_act_for(agent, rep.principal)
    assert not can_act_for(agent, stranger)
    assert acting_capacity(agent, member.organisation) == "organisation_member"
    assert acting_capacity(agent, rep.principal) == "representative"


def test_a_revoked_or_expired_representation_gives_no_right(travel):
    import datetime as dt

    from django.utils import timezone

    from accounts.permissions import can_act_for

    travel.to("2026-03-02 09:00")
    expired = RepresentationFactory(valid_until=timezone.now() + dt.timedelta(days=1))
    revoked = RepresentationFactory(revoked_at=timezone.now())
    scoped = RepresentationFactory(scope="procedures", procedure_codes=["1.001234"])
    travel.to("2026-03-04 09:00")
    assert not can_act_for(expired.agent, expired.principal)
    assert not can_act_for(revoked.agent, revoked.principal)
    assert can_act_for(scoped.agent, scoped.principal, "1.001234")
    assert not can_act_for(scoped.agent, scoped.principal, "2.000635")
