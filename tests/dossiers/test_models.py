import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import ProgrammingError

from accounts.models import OrganisationMember, Representation
from dossiers.models import NATIONAL_CODE, Dossier, NationalStatus, State
from dossiers.services import base
from tests.accounts.factories import CitizenFactory, OrganisationFactory, StaffFactory
from tests.dossiers.factories import DossierFactory
from tests.procedures.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_every_internal_state_but_draft_maps_to_a_national_status_code():
    assert set(NATIONAL_CODE) == set(State.values)
    assert NATIONAL_CODE[State.DRAFT] is None
    codes = {code for state, code in NATIONAL_CODE.items() if state != State.DRAFT}
    assert codes == set(NationalStatus.values)


def test_status_code_is_stored_with_the_state():
    dossier = DossierFactory(status=State.AWAITING_APPROVAL)
    dossier.refresh_from_db()
    assert dossier.status_code == NationalStatus.PROCESSING


def test_status_cannot_be_assigned_outside_a_transition():
    dossier = DossierFactory(status=State.SUBMITTED)
    with pytest.raises(AttributeError):
        dossier.status = State.RETURNED


def test_dossier_code_follows_the_setting_agency_date_and_daily_sequence(settings, travel):
    travel.to("2026-06-15 09:00")
    agency = AgencyFactory(code="000.00.12.H26")
    assert base.next_code(agency) == "000.00.12.H26-260615-0001"
    assert base.next_code(agency) == "000.00.12.H26-260615-0002"
    travel.to("2026-06-16 08:00")
    assert base.next_code(agency) == "000.00.12.H26-260616-0001"
    settings.DOSSIER_CODE_FORMAT = "{date:%Y}/{agency_code}/{seq:06d}"
    assert base.next_code(agency) == "2026/000.00.12.H26/000002"


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_never_get_the_same_code():
    agency = AgencyFactory()
    codes, errors = [], []

    def take():
        try:
            with transaction.atomic():
                codes.append(base.next_code(agency))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(codes) == 8 == len(set(codes))


def test_dossier_code_is_unique():
    DossierFactory(code="X-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierFactory(code="X-1")


def test_lookup_pin_is_stored_hashed():
    dossier = DossierFactory()
    pin = base.new_pin(dossier)
    dossier.save()
    assert pin not in dossier.lookup_pin_hash
    assert dossier.check_pin(pin)
    assert not dossier.check_pin("000000" if pin != "000000" else "111111")


def test_applicant_sees_own_dossiers_and_those_of_people_they_act_for():
    me = CitizenFactory()
    principal = CitizenFactory()
    org = OrganisationFactory()
    Representation.objects.create(principal=principal, agent=me)
    OrganisationMember.objects.create(organisation=org, member=me)
    mine = DossierFactory(applicant=me)
    theirs = DossierFactory(applicant=principal, submitted_by=principal)
    company = DossierFactory(applicant=org, submitted_by=org)
    draft_for_someone = DossierFactory(
        applicant=CitizenFactory(), submitted_by=me, status=State.DRAFT
    )
    stranger = DossierFactory()
    visible = set(Dossier.objects.visible_to(me))
    assert {mine, theirs, company, draft_for_someone} <= visible
    assert stranger not in visible


def test_anonymous_and_unrelated_staff_see_nothing(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    DossierFactory()
    assert not Dossier.objects.visible_to(AnonymousUser()).exists()
    assert not Dossier.objects.visible_to(StaffFactory()).exists()


def test_visible_to_is_one_query(django_assert_max_num_queries):
    me = CitizenFactory()
    DossierFactory.create_batch(3, applicant=me)
    with django_assert_max_num_queries(4):
        assert len(list(Dossier.objects.visible_to(me))) == 3


def test_trigram_search_index_exists():
    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'dossier_search_trgm'")
        except ProgrammingError:  # pragma: no cover
            pytest.skip("not PostgreSQL")
        assert cursor.fetchone()
