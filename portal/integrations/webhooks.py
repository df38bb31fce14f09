"""Signed webhooks: every status event pushed to each partner subscription that may see the dossier.

Signature (HMAC-SHA256, in the spirit of Stripe's and Standard Webhooks'): the header

    X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>

The receiver recomputes it over the raw body with its secret, compares in constant time, and rejects
timestamps older than a few minutes (replays). ``verify_signature`` below is the reference.

Delivery: in ``seq`` order; an event waits while an earlier event of the same dossier is undelivered to
that subscription, so a partner never sees a dossier's events out of order. A failure (no answer, or
not 2xx) is retried with exponential backoff capped below the broker's visibility timeout; after
``WEBHOOK_GIVE_UP_AFTER`` the delivery is marked given up (the feed still has it, and ``replay``
resends from any point). Every attempt is logged (``WebhookAttempt``).

Destinations: never the portal's own machine or private networks (portal/integrations/destinations.py),
checked when a subscription is made and again when sending, connection by connection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import time

import requests
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone

from portal.integrations import destinations

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Portal-Signature"
LOCK_NAMESPACE = 0x0EB0  # pg_try_advisory_lock(namespace, subscription id)


# --- signing -------------------------------------------------------------------------------------
def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_signature(secret: str, header: str, body: bytes, tolerance: int = 300, now=None) -> bool:
    """What a receiver does: parse ``t`` and ``v1``, check the age, compare in constant time."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        received = parts["v1"]
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, received)


def body_of(entry) -> bytes:
    from portal.integrations.serializers import StatusEventSerializer

    data = StatusEventSerializer(entry).data
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


# --- fan-out (inside the numbering transaction) --------------------------------------------------
def fan_out(entries) -> int:
    """Create one delivery per (active subscription, entry whose dossier its partner may see)."""
    from dossiers.models import Dossier
    from portal.integrations.models import WebhookDelivery, WebhookSubscription

    if not entries:
        return 0
    dossier_ids = {entry.dossier_id for entry in entries}
    subscriptions = WebhookSubscription.objects.filter(
        is_active=True, partner__is_active=True
    ).select_related("partner__application__user")
    created = 0
    for subscription in subscriptions:
        account = subscription.partner.service_account
        if account is None or not account.is_active:
            continue
        visible = (
            set(
                Dossier.objects.for_staff(account)
                .filter(pk__in=dossier_ids)
                .values_list("pk", flat=True)
            )
            if not account.is_superuser
            else dossier_ids
        )
        rows = [
            WebhookDelivery(
                subscription=subscription,
                entry=entry,
                seq=entry.seq,
                dossier_id=entry.dossier_id,
            )
            for entry in entries
            if entry.dossier_id in visible and entry.seq > subscription.start_after_seq
        ]
        if rows:
            WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
            created += len(rows)
            schedule(subscription.pk)
    return created


def schedule(subscription_id: int, countdown: int = 0) -> None:
    from portal.integrations import tasks

    if countdown:
        transaction.on_commit(
            lambda: tasks.deliver.apply_async((subscription_id,), countdown=countdown)
        )
    else:
        tasks.deliver.delay_on_commit(subscription_id)


# --- delivery ------------------------------------------------------------------------------------
def backoff_seconds(attempts: int) -> int:
    """10 s, 20 s, 40 s … doubling, capped below the broker's visibility timeout (ADR 0003)."""
    cap = max(30, min(settings.WEBHOOK_MAX_BACKOFF, settings.CELERY_BROKER_VISIBILITY_TIMEOUT - 60))
    return int(min(cap, settings.WEBHOOK_FIRST_BACKOFF * 2 ** max(0, attempts - 1)))


def _try_lock(subscription_id) -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, subscription_id])
        return cursor.fetchone()[0]


def _unlock(subscription_id) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, subscription_id])


def deliverable(subscription_id, now=None):
    """Due deliveries with no earlier pending delivery of the same dossier, in seq order."""
    from portal.integrations.models import WebhookDelivery

    earlier = WebhookDelivery.objects.filter(
        subscription_id=OuterRef("subscription_id"),
        dossier_id=OuterRef("dossier_id"),
        seq__lt=OuterRef("seq"),
        status=WebhookDelivery.Status.PENDING,
    )
    return (
        WebhookDelivery.objects.due(now)
        .filter(subscription_id=subscription_id)
        .exclude(Exists(earlier))
        .order_by("seq")
    )


def deliver(subscription_id: int, limit: int = 200) -> dict:
    """Send what is due for one subscription. One sender per subscription at a time (an advisory
    lock), so two workers never race and reorder a dossier's events."""
    from portal.integrations.models import WebhookSubscription

    if not _try_lock(subscription_id):
        return {"skipped": "locked"}
    try:
        subscription = (
            WebhookSubscription.objects.filter(pk=subscription_id, is_active=True)
            .select_related("partner")
            .first()
        )
        if subscription is None or not subscription.partner.is_active:
            return {"skipped": "inactive"}
        sent = failed = 0
        try:
            destinations.check_url(subscription.url)
            refused = ""
        except destinations.UnsafeDestination as error:
            refused = str(error.message)  # logged on each attempt; nothing is sent
        session = destinations.session()
        while sent + failed < limit:
            batch = list(
                deliverable(subscription_id).select_related(
                    "entry__event__unit",
                    "entry__dossier__agency",
                    "entry__dossier__procedure_version__procedure",
                )[: min(50, limit - sent - failed)]
            )
            if not batch:
                break
            blocked: set[int] = set()
            progress = False
            for delivery in batch:
                if delivery.dossier_id in blocked:
                    continue
                if _attempt(session, subscription, delivery, refused=refused):
                    sent += 1
                    progress = True
                else:
                    failed += 1
                    blocked.add(delivery.dossier_id)
            if not progress:
                break
        _schedule_next(subscription_id)
        return {"sent": sent, "failed": failed}
    finally:
        _unlock(subscription_id)


def _attempt(session, subscription, delivery, refused="") -> bool:
    from portal.integrations.models import WebhookAttempt, WebhookDelivery

    body = body_of(delivery.entry)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "CongDichVuCong-Webhooks/1",
        SIGNATURE_HEADER: sign(subscription.secret, body),
        "X-Portal-Delivery": str(delivery.pk),
        "X-Portal-Event-Seq": str(delivery.seq),
        "X-Portal-Attempt": str(delivery.attempts + 1),
    }
    started = time.monotonic()
    status_code, error = None, ""
    try:
        if refused:
            raise destinations.UnsafeDestination(refused)
        response = session.post(
            subscription.url,
            data=body,
            headers=headers,
            timeout=(settings.WEBHOOK_CONNECT_TIMEOUT, settings.WEBHOOK_READ_TIMEOUT),
            allow_redirects=False,
        )
        status_code = response.status_code
        ok = 200 <= status_code < 300
        if not ok:
            error = f"HTTP {status_code}"
    except destinations.UnsafeDestination as exc:
        ok = False
        error = str(exc.message)[:500]
    except requests.RequestException as exc:
        ok = False
        error = f"{type(exc).__name__}: {exc}"[:500]
    duration = int((time.monotonic() - started) * 1000)
    now = timezone.now()
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            response_status=status_code,
            error=error,
            duration_ms=duration,
            succeeded=ok,
        )
        delivery.attempts += 1
        delivery.last_attempt_at = now
        if ok:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = now
        elif now - delivery.created_at > dt.timedelta(seconds=settings.WEBHOOK_GIVE_UP_AFTER):
            delivery.status = WebhookDelivery.Status.GAVE_UP
        else:
            delivery.next_attempt_at = now + dt.timedelta(
                seconds=backoff_seconds(delivery.attempts)
            )
        delivery.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "status",
                "delivered_at",
                "next_attempt_at",
            ]
        )
    if not ok:
        logger.info("Webhook %s #%s failed: %s", subscription.pk, delivery.seq, error)
    return ok


def _schedule_next(subscription_id) -> None:
    """Ask for another run when the earliest pending delivery is due (never in eager mode: there the
    beat sweep, or the test, calls again)."""
    from portal.celery import app
    from portal.integrations.models import WebhookDelivery

    if app.conf.task_always_eager:
        return
    nxt = (
        WebhookDelivery.objects.pending()
        .filter(subscription_id=subscription_id)
        .aggregate(at=Min("next_attempt_at"))["at"]
    )
    if nxt is None:
        return
    countdown = max(1, int((nxt - timezone.now()).total_seconds()))
    from portal.integrations import tasks

    tasks.deliver.apply_async((subscription_id,), countdown=countdown)


def sweep() -> int:
    """On beat: start a sender for every subscription with something due (lost messages, restarts)."""
    from portal.integrations import tasks
    from portal.integrations.models import WebhookDelivery

    ids = list(
        WebhookDelivery.objects.due()
        .values_list("subscription_id", flat=True)
        .distinct()
        .order_by()
    )
    for subscription_id in ids:
        tasks.deliver.delay(subscription_id)
    return len(ids)


def replay(subscription, after_seq: int) -> int:
    """Send again every event after ``after_seq`` that the partner may see (including events from
    before the subscription existed); already-delivered ones are resent, in order."""
    from portal.integrations.feed import entries_visible_to
    from portal.integrations.models import WebhookDelivery

    account = subscription.partner.service_account
    now = timezone.now()
    with transaction.atomic():
        entries = list(entries_visible_to(account).filter(seq__gt=after_seq).order_by("seq"))
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    subscription=subscription, entry=e, seq=e.seq, dossier_id=e.dossier_id
                )
                for e in entries
            ],
            ignore_conflicts=True,
        )
        from django.db.models import F

        count = (
            WebhookDelivery.objects.filter(subscription=subscription, seq__gt=after_seq)
            .exclude(status=WebhookDelivery.Status.PENDING, attempts=0)
            .update(
                status=WebhookDelivery.Status.PENDING,
                next_attempt_at=now,
                created_at=now,
                replays=F("replays") + 1,
            )
        )
        schedule(subscription.pk)
    return max(count, len(entries))
