"""Writing notifications: ``notify`` (in the caller's transaction), reading them, preferences."""

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

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


class Renderer:
    """Renders one event in every language: the event's texts are translated once, lazy values in
    the context (labels) once per language and text, so rendering thousands of messages is cheap."""

    def __init__(self, event: events.Event):
        self.event = event
        self.formats = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                self.formats[code] = {
                    "subject": str(event.subject),
                    "body": str(event.body),
                    "sms": str(event.sms),
                }
        self._labels: dict = {}

    def _value(self, value, language):
        if isinstance(value, Promise):
            # Keyed by the label object: the cache keeps it alive, so its id cannot be reused by
            # another label. Pass the same lazy object for every message (a module constant), not a
            # new one per message, or each message pays a translation.override per language.
            key = (language, id(value))
            cached = self._labels.get(key)
            if cached is None or cached[0] is not value:
                with translation.override(language):
                    cached = self._labels[key] = (value, str(value))
            return cached[1]
        return value

    def render_shown(self, shown: dict) -> dict:
        """The event's subject, body and SMS text in every language of the portal, for a context
        already passed through ``_display``."""
        texts = {}
        for language, formats in self.formats.items():
            values = _Lenient(
                {name: self._value(value, language) for name, value in shown.items()},
                self.event.code,
            )
            texts[language] = {part: text % values for part, text in formats.items()}
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


def _text(value, labels: dict) -> str:
    """``str(value)``; a lazy label is translated once per ``labels`` cache (the cache keeps the
    label alive, so its id is not reused)."""
    if isinstance(value, Promise):
        cached = labels.get(id(value))
        if cached is None or cached[0] is not value:
            cached = labels[id(value)] = (value, str(value))
        return cached[1]
    return str(value)


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
    preferences and one multi-row insert, whatever the number of messages. Returns the rows it meant
    to write (unsaved; existing keys were skipped)."""
    return notify_events([(event, messages)], channels=channels)


def notify_events(batches, *, channels=None) -> list[Notification]:
    """``notify_many`` for several events at once, ``batches`` being ``[(event, messages), …]`` (a
    submission tells the applicant and the receiving desk): one query for the preferences, one
    multi-row insert and, after commit, one message to the workers for all of them."""
    batches = [(event, list(messages)) for event, messages in batches]
    users = {
        r.pk
        for _event, messages in batches
        for m in messages
        for r in m.recipients
        if not isinstance(r, Contact)
    }
    preferences = (
        {p.user_id: p for p in NotificationPreference.objects.filter(user__in=users)}
        if users
        else {}
    )
    records = []
    for event, messages in batches:
        records += _records(event, messages, channels, preferences)
    if not records:
        return []
    # No savepoint: a failed insert fails the caller's transaction (nobody catches it; the change
    # that caused the notifications must not commit without them).
    with transaction.atomic(savepoint=False):
        to_send = _insert(records)
    if to_send:
        transaction.on_commit(partial(enqueue_dispatch, to_send))
    return [Notification(**record) for record in records] if len(records) <= 100 else records


# Each channel stores only the texts it sends (email and the bell: subject and body; SMS: its text).
PARTS = {
    Channel.SMS: ("sms",),
    Channel.EMAIL: ("subject", "body"),
    Channel.IN_APP: ("subject", "body"),
}


def _records(event, messages, channels, preferences) -> list[dict]:
    spec = events.get(event)
    wanted = [c for c in spec.channels if channels is None or c in channels]
    now = timezone.now()
    renderer = Renderer(spec)
    pending, sent = Notification.Status.PENDING, Notification.Status.SENT
    records = []
    labels = {}  # lazy label -> its text in the active language, once per call
    addresses = {}  # (owner, channel) -> address: the same officers recur across thousands of messages
    for message in messages:
        context = dict(message.context)
        context.setdefault("link", message.link)
        shown = {name: _display(value) for name, value in context.items()}
        texts = renderer.render_shown(shown)
        # Channels storing the same parts (email and the bell) share one dict: _insert encodes it once.
        by_parts = {}
        by_channel = {}
        for channel in wanted:
            parts = PARTS[channel]
            if parts not in by_parts:
                by_parts[parts] = {lang: {p: t[p] for p in parts} for lang, t in texts.items()}
            by_channel[channel] = by_parts[parts]
        payload = {"context": {k: _text(v, labels) for k, v in shown.items()}}
        if message.attachments:
            payload["attachments"] = list(message.attachments)
        for person in message.recipients:
            contact = isinstance(person, Contact)
            preference = preferences.get(person.pk)
            language = preference.language if preference else getattr(person, "language", "vi")
            owner = f"c{person.ref}" if contact else f"u{person.pk}"
            for channel in wanted:
                if contact:
                    address = _address(person, channel)
                elif (address := addresses.get((owner, channel))) is None:
                    address = addresses[(owner, channel)] = _address(person, channel)
                if not address or (preference and not _allowed(preference, channel)):
                    continue
                in_app = channel == Channel.IN_APP
                records.append(
                    {
                        "key": f"{message.key}:{owner}:{channel}",
                        "event": event,
                        "channel": channel,
                        "recipient_id": None if contact else person.pk,
                        "address": address,
                        "language": language,
                        "payload": payload,
                        "texts": by_channel[channel],
                        "link": message.link,
                        # In-app: the row is the delivery.
                        "status": sent if in_app else pending,
                        "sent_at": now if in_app else None,
                        "created_at": now,
                        "next_attempt_at": now,
                    }
                )
    return records


def _insert(records) -> list[int]:
    """Insert the rows, skipping keys that exist; return the ids of new rows to dispatch."""
    if connection.vendor != "postgresql":
        Notification.objects.bulk_create(
            [Notification(**record) for record in records], ignore_conflicts=True, batch_size=1000
        )
        keys = [r["key"] for r in records if r["channel"] != Channel.IN_APP]
        to_send = []
        for start in range(0, len(keys), 5000):
            to_send += Notification.objects.filter(
                key__in=keys[start : start + 5000], status=Notification.Status.PENDING
            ).values_list("id", flat=True)
        return to_send
    # PostgreSQL: one INSERT … SELECT … ON CONFLICT (key) DO NOTHING RETURNING per page of rows, the
    # page sent as one JSON array parameter. The deadline scan writes tens of thousands of rows: as a
    # multi-row VALUES list (psycopg2's execute_values) the server spent most of the statement parsing
    # and planning 2 MB of SQL literals (EXPLAIN alone on 2,000 rows: 140-170 ms of 220-240 ms), and
    # the client adapting every value (mogrify); Django's bulk_create spends it compiling SQL.
    import json

    defaults = {
        "attempts": 0,
        "last_error": "",
        "provider_id": "",
        "claimed_at": None,
        "read_at": None,
    }
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    table = qn(Notification._meta.db_table)
    json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    time_fields = {f.attname for f in fields if f.get_internal_type() == "DateTimeField"}
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    encoded = {}  # id(value) -> JSON: messages share their payload and texts between rows

    def encode(value):
        key = id(value)
        if key not in encoded:
            encoded[key] = encoder.encode(value)
        return encoded[key]

    # Values the same in every row (event, creation time, the defaults) are SQL literals, written once.
    constant = {}
    for name in CONSTANT_CANDIDATES | defaults.keys():
        values = {record.get(name, defaults.get(name)) for record in records}
        if len(values) == 1:
            constant[name] = values.pop()
    varying = [f for f in fields if f.attname not in constant]
    names = [f.attname for f in varying]
    with connection.cursor() as cursor:
        position = {name: n for n, name in enumerate(names)}
        selected = []
        for f in fields:
            if f.attname in constant:
                literal = cursor.cursor.mogrify("%s", [constant[f.attname]]).decode()
                selected.append(literal.replace("%", "%%"))
            else:
                # varchar(n) as text: an explicit cast would silently truncate a value the column
                # refuses (assignment keeps the length check).
                kind = f.db_type(connection)
                kind = "text" if kind.startswith("varchar") else kind
                selected.append(f"(r->>{position[f.attname]})::{kind}")
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT {', '.join(selected)} "  # noqa: S608 - model names
            "FROM jsonb_array_elements(%s::jsonb) AS r "
            "ON CONFLICT (key) DO NOTHING RETURNING id, status"
        )
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        returned = []
        for start in range(0, len(records), 2000):
            rows = []
            for record in records[start : start + 2000]:
                row = []
                for name in names:
                    value = record.get(name, defaults.get(name))
                    if name in json_fields:
                        value = encode(value)
                    elif name in time_fields and value is not None:
                        value = value.isoformat()
                    row.append(value)
                rows.append(row)
            cursor.execute(sql, [dumps(rows)])
            returned += cursor.fetchall()
    return [pk for pk, status in returned if status == Notification.Status.PENDING]


# Fields whose value is usually the same in every row of one notify_many call (checked per call).
CONSTANT_CANDIDATES = {"event", "created_at", "next_attempt_at"}


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
    "notify_events",
    "notify_many",
    "set_preferences",
    "unread_count",
]
