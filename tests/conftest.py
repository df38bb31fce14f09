"""Shared fixtures: time travel, and the factories of every app (tests/<app>/factories.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class Traveller:
    """Move the clock for code that reads the time: ``travel.to("2026-02-16 15:01")`` (Hà Nội time)."""

    def __init__(self):
        self._travellers = []

    def to(self, when, tick=False):
        if isinstance(when, str):
            when = dt.datetime.fromisoformat(when)
        if isinstance(when, dt.datetime) and when.tzinfo is None:
            when = when.replace(tzinfo=VN)
        traveller = time_machine.travel(when, tick=tick)
        traveller.start()
        self._travellers.append(traveller)
        return when

    def stop(self):
        while self._travellers:
            self._travellers.pop().stop()


@pytest.fixture
def travel():
    traveller = Traveller()
    yield traveller
    traveller.stop()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow (about 0.1 s a hash on these machines); tests create many users.
    Production keeps argon2 first (tests/accounts/test_sign_in.py checks the setting)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _each_test_starts_in_vietnamese():
    """A test-client request in English (set_language, Accept-Language) leaves English active in the
    thread; without this, a later test that reads translated names (holidays, statuses) sees English
    depending on the random order."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_catalogue_figures(settings):
    """The catalogue keeps counts and choice lists in the cache in production (procedures.cache);
    tests read them fresh (tests/procedures/test_catalogue_cache.py turns the cache on)."""
    settings.CATALOGUE_CACHE_SECONDS = 0
