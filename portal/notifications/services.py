"""Writing notifications: ``notify`` (in the caller's transaction), reading them, preferences."""

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from portal.formatting import format_date, format_datetime
from portal.notifications import events
from portal.notifications.channels.registry import adapter
from portal.notifications.models import Channel, Notification, NotificationPreference

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contact:
    """A recipient without an account (a walk-in applicant): addresses only, no bell."""

    ref: str
    email: str = ""
    phone: str = ""
    language: str = "vi"
    pk = None


def render(event: events.Event, context: dict) -> dict:
    """The event's subject, body and SMS text in every language of the portal."""
    values = _Lenient({name: _display(value) for name, value in context.items()}, event.code)
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = {
                "subject": str(event.subject) % values,
                "body": str(event.body) % values,
                "sms": str(event.sms) % values,
            }
    return texts


class _Lenient(dict):
    """A missing placeholder renders empty and is logged: a notification must never roll back the
    legal change that caused it."""

    def __init__(self, values, event_code):
        super().__init__(values)
        self.event_code = event_code

    def __missing__(self, name):
        logger.warning("notification %s: no value for %%(%s)s", self.event_code, name)
        return ""


def _display(value):
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return "" if value is None else value


@dataclass(frozen=True)
class Message:
    """One occurrence of an event for ``notify_many``: recipients, occurrence key, context, link."""

    recipients: list
    key: str
    context: dict
    link: str = ""
    attachments: tuple = ()


def notify(
    event: str,
    recipients,
    *,
    key: str,
    context: dict | None = None,
    link: str = "",
    channels=None,
    attachments=(),
) -> list[Notification]:
    """Queue ``event`` for each recipient on each channel they can and want to receive it on.

    Call it inside the transaction of the change that causes it: the rows commit or roll back with
    that change, and dispatch is enqueued only after commit. ``key`` names the occurrence of the event
    (e.g. ``f"dossier:{dossier.pk}:received"``); each row's key adds the recipient and the channel, and
    is unique, so calling ``notify`` twice for the same occurrence queues nothing the second time.
    ``recipients``: users (or ``Contact`` for people without an account). ``channels`` narrows the
    event's channels. ``attachments``: [{"name", "path" (default storage), "type"}] for email.
    """
    if isinstance(recipients, Contact) or hasattr(recipients, "_meta"):
        recipients = [recipients]
    message = Message(list(recipients), key, dict(context or {}), link, tuple(attachments))
    return notify_many(event, [message], channels=channels)


def notify_many(event: str, messages, *, channels=None) -> list[Notification]:
    """``notify`` for many occurrences of one event at once (the deadline scan): one query for the
    preferences, one insert, one select, whatever the number of messages."""
    spec = events.get(event)
    messages = list(messages)
    users = {r.pk for m in messages for r in m.recipients if not isinstance(r, Contact)}
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user__in=users)}
    wanted = [c for c in spec.channels if channels is None or c in channels]
    now = timezone.now()

    rows = []
    for message in messages:
        context = dict(message.context)
        context.setdefault("link", message.link)
        texts = render(spec, context)
        payload = {
            "context": {k: _display(v) for k, v in context.items()},
            "attachments": list(message.attachments),
        }
        for person in message.recipients:
            preference = preferences.get(person.pk)
            language = preference.language if preference else getattr(person, "language", "vi")
            for channel in wanted:
                address = _address(person, channel)
                if not address or (preference and not _allowed(preference, channel)):
                    continue
                owner = f"c{person.ref}" if isinstance(person, Contact) else f"u{person.pk}"
                in_app = channel == Channel.IN_APP
                rows.append(
                    Notification(
                        key=f"{message.key}:{owner}:{channel}",
                        event=event,
                        channel=channel,
                        recipient=None if isinstance(person, Contact) else person,
                        address=address,
                        language=language,
                        payload=payload,
                        texts=texts,
                        link=message.link,
                        # In-app: the row is the delivery.
                        status=Notification.Status.SENT if in_app else Notification.Status.PENDING,
                        sent_at=now if in_app else None,
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
    if not rows:
        return []
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        keys = [row.key for row in rows if row.channel != Channel.IN_APP]
        to_send = []
        for start in range(0, len(keys), 5000):
            to_send += Notification.objects.filter(
                key__in=keys[start : start + 5000], status=Notification.Status.PENDING
            ).values_list("id", flat=True)
    if to_send:
        transaction.on_commit(partial(enqueue_dispatch, to_send))
    return rows


def _address(person, channel) -> str:
    if isinstance(person, Contact):
        if channel == Channel.EMAIL:
            return person.email
        if channel == Channel.SMS:
            from portal.notifications.channels.sms import normalise_phone

            return normalise_phone(person.phone)
        return ""
    return adapter(channel).address_for(person)


def _allowed(preference, channel) -> bool:
    if channel == Channel.EMAIL:
        return preference.email
    if channel == Channel.SMS:
        return preference.sms
    return True


def enqueue_dispatch(ids, countdown=None):
    """Ask a worker to send these rows. If the broker is down, nothing is lost: the rows stay pending in
    the database and the sweeper queues them again once it is back (docs/adr/0007). Fails fast (one
    quick reconnection attempt) so that a request never hangs on a dead broker."""
    from portal.celery import app
    from portal.notifications.tasks import dispatch

    size = settings.NOTIFICATION_BATCH_SIZE
    for start in range(0, len(ids), size):
        batch = list(ids[start : start + size])
        try:
            if app.conf.task_always_eager:
                dispatch.apply_async(args=[batch], countdown=countdown)
                continue
            with app.pool.acquire(block=True, timeout=2) as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, interval_step=0.2, timeout=2
                )
                dispatch.apply_async(
                    args=[batch], countdown=countdown, retry=False, connection=connection
                )
        except Exception:  # the broker is down: the sweeper will pick the rows up
            logger.warning("could not enqueue notifications %s; the sweeper will send them", batch)


# --- the bell --------------------------------------------------------------------------------------------
def unread_count(user) -> int:
    return Notification.objects.visible_to(user).unread().count()


def mark_read(user, notification_id=None) -> int:
    """Mark one (or every) in-app notification of ``user`` as read; returns how many changed."""
    rows = Notification.objects.visible_to(user).unread()
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


def set_preferences(user, *, email: bool, sms: bool, language: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email, "sms": sms, "language": language}
    )
    return preference


__all__ = [
    "Contact",
    "Message",
    "mark_read",
    "notify",
    "notify_many",
    "set_preferences",
    "unread_count",
]
