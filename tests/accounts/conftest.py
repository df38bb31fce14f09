import pytest


@pytest.fixture(autouse=True)
def _clean_sms_provider():
    from portal.notifications.channels.sms import FakeSmsAdapter

    FakeSmsAdapter.reset()
    yield
    FakeSmsAdapter.reset()
