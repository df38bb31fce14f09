import pytest


@pytest.fixture(autouse=True)
def _clean_sms_outbox():
    from accounts.otp import ConsoleSmsBackend

    ConsoleSmsBackend.outbox.clear()
    yield
    ConsoleSmsBackend.outbox.clear()
