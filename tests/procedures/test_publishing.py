import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from procedures import services
from procedures.models import CatalogueChange, ProcedureVersion, VersionStatus
from procedures.permissions import can_publish
from tests.accounts.factories import UserFactory
from tests.procedures.conftest import ready_draft
from tests.procedures.factories import FeeFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_makes_it_live_and_records_who_and_when(admin_user):
    draft = ready_draft()
    services.publish(draft, admin_user, dt.date(2026, 1, 1))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.effective_date == dt.date(2026, 1, 1)
    assert draft.published_by == admin_user
    change = CatalogueChange.objects.get(version=draft, action="publish")
    assert change.actor == admin_user
    assert "01/01/2026" in change.summary


def test_publishing_refuses_steps_that_do_not_add_up_to_the_processing_time(admin_user):
    draft = ready_draft(processing_time=6)
    with pytest.raises(services.CatalogueError) as error:
        services.publish(draft, admin_user)
    assert "không bằng thời hạn giải quyết" in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert not CatalogueChange.objects.filter(action="publish").exists()


def test_publishing_refuses_a_version_without_internal_process(admin_user):
    from tests.procedures.factories import ProcedureVersionFactory

    with pytest.raises(services.CatalogueError, match="quy trình nội bộ"):
        services.publish(ProcedureVersionFactory(), admin_user)


def test_only_admins_of_the_owning_agency_or_system_admins_publish():
    clerk = UserFactory(is_staff=True)
    draft = ready_draft()
    assert not can_publish(clerk, draft.owner_agency)
    assert not can_publish(None, draft.owner_agency)
    with pytest.raises(PermissionDenied):
        services.publish(draft, clerk)


def test_a_new_draft_is_prepared_while_the_live_version_stays_published(admin_user):
    live = ready_draft()
    FeeFactory(version=live, amount=100000)
    services.publish(live, admin_user)

    draft = services.new_version(live.procedure, admin_user)
    assert draft.number == live.number + 1
    assert draft.status == VersionStatus.DRAFT
    assert draft.fees.get().amount == 100000
    assert draft.steps.count() == 3
    assert list(draft.agencies.all()) == list(live.agencies.all())
    live.refresh_from_db()
    assert live.status == VersionStatus.PUBLISHED
    with pytest.raises(services.CatalogueError, match="dự thảo"):
        services.new_version(live.procedure, admin_user)

    draft.name = "Tên mới"
    draft.save()
    services.publish(draft, admin_user)
    live.refresh_from_db()
    assert live.status == VersionStatus.SUPERSEDED
    assert ProcedureVersion.objects.published().get(procedure=live.procedure) == draft
    live.procedure.refresh_from_db()
    assert live.procedure.name == "Tên mới"


def test_withdrawal_needs_a_reason_and_ends_publication(admin_user):
    live = ready_draft()
    services.publish(live, admin_user)
    with pytest.raises(services.CatalogueError, match="lý do"):
        services.withdraw(live, admin_user, " ")
    services.withdraw(live, admin_user, "Bãi bỏ theo Quyết định 99/QĐ-UBND")
    live.refresh_from_db()
    assert live.status == VersionStatus.WITHDRAWN
    assert not ProcedureVersion.objects.published().exists()


def test_same_day_procedures_accept_steps_within_one_working_day(admin_user):
    draft = ready_draft(processing_time=0, processing_time_unit="same_day")
    draft.steps.update(budget_hours=Decimal("2"))
    services.publish(draft, admin_user)


def test_an_invalid_e_form_blocks_publishing(admin_user):
    draft = ready_draft(form_schema={"fields": [{"name": "Họ tên", "type": "magic"}]})
    with pytest.raises(services.CatalogueError) as error:
        services.publish(draft, admin_user)
    text = " ".join(error.value.messages)
    assert "không được hỗ trợ" in text
    assert "thiếu nhãn tiếng Việt" in text


def test_agency_admins_publish_for_their_agency_and_its_units_only():
    from tests.accounts.factories import MembershipFactory
    from tests.procedures.factories import AgencyFactory

    province = AgencyFactory(level="province")
    department = AgencyFactory(parent=province)
    elsewhere = AgencyFactory(level="province")
    admin = MembershipFactory(agency=province, role="agency_admin").user
    specialist = MembershipFactory(agency=department, role="specialist").user

    draft = ready_draft(owner_agency=department)
    assert can_publish(admin, department)
    assert not can_publish(admin, elsewhere)
    assert not can_publish(specialist, department)
    services.publish(draft, admin)
    assert draft.__class__.objects.get(pk=draft.pk).status == VersionStatus.PUBLISHED
