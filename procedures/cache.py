"""What the catalogue pages may keep in the cache between requests, keyed by the catalogue's version.

The public catalogue changes when a version is published or withdrawn, a fee, a dossier component or
an agency link of a version changes, or an agency or sector is edited — a few times a day — while
citizens read it thousands of times. Every such write (``post_save``/``post_delete``/``m2m_changed``
of those models, and the bulk generators explicitly) moves the version token; cached figures carry
the token in their key, so a change is seen by the next request in every process that shares the
cache (Redis in production). ``CATALOGUE_CACHE_SECONDS`` (default 300) bounds what a write outside
the ORM could leave stale; 0 turns the cache off (the test suite does).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "procedures:catalogue-version"


def ttl() -> int:
    return settings.CATALOGUE_CACHE_SECONDS


# The token as this process last read it, and when: a page reads it once, not once per figure.
# Another process's change is seen within TOKEN_REUSE_SECONDS; this process's own at once.
TOKEN_REUSE_SECONDS = 1.0
_seen = {"token": None, "at": 0.0}


def version() -> str:
    now = time.monotonic()
    if _seen["token"] is not None and now - _seen["at"] < TOKEN_REUSE_SECONDS:
        return _seen["token"]
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, str(time.time_ns()), None)
        token = cache.get(VERSION_KEY) or str(time.time_ns())
    _seen.update(token=token, at=now)
    return token


def _move() -> None:
    token = str(time.time_ns())
    cache.set(VERSION_KEY, token, None)
    _seen.update(token=token, at=time.monotonic())


def bump(*_args, **_kwargs) -> None:
    """The catalogue changed: every figure cached under the old token is dead.

    Moved at once (this process sees its own write) and again when the write commits: in between,
    another process may read the rows as they were before the write under the new token and keep
    them; the second move drops what it kept (also after bulk writes that send no signal, such as
    the import's components, made in the same transaction as a signalled one)."""
    _move()
    transaction.on_commit(_move)


def key(kind: str, *parts) -> str:
    raw = "|".join(str(p) for p in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"procedures:{kind}:{version()}:{digest}"


def peek(kind: str, parts):
    """What ``remember`` keeps for ``kind`` and ``parts``, or None (also when the cache is off)."""
    return cache.get(key(kind, *parts)) if ttl() > 0 else None


def keep(kind: str, parts, value) -> None:
    """Keep ``value`` as ``remember`` would have (nothing when the cache is off)."""
    if ttl() > 0:
        cache.set(key(kind, *parts), value, ttl())


def remember(kind: str, parts, compute):
    """``compute()``, kept ``ttl()`` seconds under the catalogue's current version."""
    seconds = ttl()
    if seconds <= 0:
        return compute()
    name = key(kind, *parts)
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, seconds)
    return value


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from procedures.models import Agency, DossierComponent, Fee, ProcedureVersion, Sector

    for model in (ProcedureVersion, Fee, Agency, Sector, DossierComponent):
        post_save.connect(bump, sender=model, dispatch_uid=f"catalogue-cache-save-{model.__name__}")
        post_delete.connect(
            bump, sender=model, dispatch_uid=f"catalogue-cache-delete-{model.__name__}"
        )
    m2m_changed.connect(
        bump, sender=ProcedureVersion.agencies.through, dispatch_uid="catalogue-cache-agencies"
    )
