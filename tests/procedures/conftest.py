from decimal import Decimal

import pytest

from procedures.models import ProcessStep
from tests.accounts.factories import UserFactory
from tests.procedures.factories import (
    ProcedureVersionFactory,
    ProcessStepFactory,
)


def ready_draft(**kwargs):
    """A draft whose internal process adds up to its 5 working days (40 hours)."""
    version = ProcedureVersionFactory(**kwargs)
    ProcessStepFactory(version=version, order=1, budget_hours=Decimal("4"))
    ProcessStepFactory(
        version=version,
        order=2,
        name="Thẩm định hồ sơ",
        role=ProcessStep.Role.SPECIALIST,
        budget_hours=Decimal("28"),
    )
    ProcessStepFactory(
        version=version,
        order=3,
        name="Phê duyệt, ký kết quả",
        role=ProcessStep.Role.LEADER,
        budget_hours=Decimal("8"),
    )
    return version


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri-test", is_staff=True, is_superuser=True)
