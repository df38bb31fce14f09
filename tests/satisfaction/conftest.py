import pytest
from django.apps import apps

from satisfaction import defaults


@pytest.fixture(autouse=True)
def satisfaction_defaults(request):
    """The data migration's survey form and index scheme: a transactional test elsewhere may have
    flushed them, so install them again (idempotent) for every database test here."""
    if request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
        request.getfixturevalue("db") if "transactional_db" not in request.fixturenames else None
        defaults.install(apps)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 costs ~0.5 s a password on this machine; these tests create many accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_statistics_cache():
    """Statistics are cached per last refresh; forget the cached refresh id between tests."""
    from django.core.cache import cache

    cache.delete("satisfaction:last-refresh-id")
    yield
    cache.delete("satisfaction:last-refresh-id")
