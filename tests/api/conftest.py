import pytest
from rest_framework.test import APIClient

# The dossiers app's world (agency, unit, staff in every role, a citizen, a published procedure).
from tests.dossiers.conftest import (  # noqa: F401
    _fast_password_hashing,
    fast_pdf,
    grant,
    login_staff,
    world,
)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def receiver():
    from tests.api.receiver import Receiver

    r = Receiver()
    yield r
    r.close()
