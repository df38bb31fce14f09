import pytest
from rest_framework.test import APIClient

# The citizen side's world (tests/citizen): a full-process procedure with an e-form, components and
# fees, a partial-online one, a citizen, a ready draft, the owner agency's receiving desk; private
# files in a temporary folder and the sandbox payment provider (autouse).
from tests.citizen.conftest import (  # noqa: F401
    agency,
    citizen,
    desk,
    partial_version,
    private_media,
    ready_draft,
    version,
)

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
