"""Find dossiers and steps that have become due soon or overdue; mark them; notify staff and leaders.

Set-based and safe to run at any time, as often as beat likes (docs/adr/0009):

- one run at a time: a PostgreSQL advisory lock (a second, concurrent run returns at once, doing
  nothing);
- dossiers in batches of ``DEADLINE_SCAN_BATCH`` over the partial index of open dossiers by due date,
  ``SELECT … FOR UPDATE SKIP LOCKED`` (a dossier being changed right now is left for the next run),
  marked with ``overdue_notified_at`` / ``due_soon_notified_at`` in the same transaction as their
  notifications; a second run finds nothing left to mark;
- steps of the internal process the same way, over the narrow partial indexes of running steps not
  yet told (``dossier_step_overdue_scan``, ``dossier_step_due_soon_scan``), marked with their own
  ``overdue_notified_at`` / ``due_soon_notified_at``; a step handed over in time is never alerted,
  a step whose dossier is paused is skipped (its due time moves when the clock resumes);
- the 8-working-hour answer to online dossiers (Decree 45/2020) has no mark of its own: a watermark
  remembers up to when the due times were looked at, so each crossing is handled once;
- notification keys carry the due time: the same crossing can never notify twice, a new due date
  (extension, apology with a new date) notifies again.

"Due soon" is DEADLINE_DUE_SOON_WORKING_HOURS (default 8: one working day) or fewer working hours left,
counted on the dossier's agency calendar; for a step, DEADLINE_STEP_DUE_SOON_WORKING_HOURS (default 4)
and at most half its budget, on its unit's calendar. Paused dossiers (supplement or payment owed) are skipped:
their clock is stopped.
"""

import datetime as dt
import functools
import logging
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.calendars import engine
from portal.deadlines.models import ScanWatermark
from portal.notifications.services import Message, notify_many

logger = logging.getLogger(__name__)
LOCK_ID = 740_020_001  # pg advisory lock key of the deadline scan
# One lazy label per text, not one per row: the notification renderer translates each label object once
# per language and run (a new lazy object per row meant a translation.override per row and language).
DOSSIER_STEP = _("giải quyết hồ sơ")
INTAKE_STEP = _("trả lời tiếp nhận hồ sơ trực tuyến (8 giờ làm việc)")


class ScanBusy(Exception):
    pass


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
            return cursor.fetchone()[0]
    return cache.add("deadline-scan-lock", "1", timeout=600)


def _unlock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
    else:
        cache.delete("deadline-scan-lock")


def scan(now: dt.datetime | None = None) -> dict:
    """One run of the deadline scan; returns what it did ({"skipped": True} if another run holds the
    lock)."""
    now = now or timezone.now()
    if not _lock():
        logger.info("deadline scan already running: skipped")
        return {"skipped": True}
    _staff_link_pattern.cache_clear()
    try:
        # Reversed once per run, here, so that loading the URLconf (once per worker process) is not
        # billed to whichever batch happens to notify first.
        _staff_link_pattern()
        context = _Context(now)
        result = {
            "overdue": _dossiers_overdue(context),
            "due_soon": _dossiers_due_soon(context),
            "intake_overdue": _intake_overdue(context),
            "steps_overdue": _steps_overdue(context),
            "steps_due_soon": _steps_due_soon(context),
        }
        result["escalations"] = _escalate(context)
        return result
    finally:
        _unlock()


class _Context:
    """Per-run caches: calendars per agency, leaders per unit, the newly overdue per unit."""

    def __init__(self, now):
        self.now = now
        self.hours = getattr(settings, "DEADLINE_DUE_SOON_WORKING_HOURS", 8)
        self.step_hours = getattr(settings, "DEADLINE_STEP_DUE_SOON_WORKING_HOURS", 4)
        self.batch = getattr(settings, "DEADLINE_SCAN_BATCH", 1000)
        self._calendars: dict = {}
        self._agencies: dict = {}
        self._limits: dict = {}
        self.newly_overdue: dict[int, list] = defaultdict(list)
        self.newly_overdue_steps: dict[int, list] = defaultdict(list)

    def agency(self, agency_id):
        from procedures.models import Agency

        if agency_id not in self._agencies:
            self._agencies[agency_id] = Agency.objects.filter(pk=agency_id).first()
        return self._agencies[agency_id]

    def load_agencies(self, ids):
        from procedures.models import Agency

        missing = [i for i in set(ids) if i is not None and i not in self._agencies]
        self._agencies.update(Agency.objects.in_bulk(missing))

    def calendar(self, agency_id):
        if agency_id not in self._calendars:
            self._calendars[agency_id] = engine.calendar_for(self.agency(agency_id))
        return self._calendars[agency_id]

    def soon_limit(self, agency_id, hours=None) -> dt.datetime:
        """The latest due time that counts as due soon on this agency's calendar (``hours`` working
        hours from now; once per agency and number of hours in a run, not once per row)."""
        hours = self.hours if hours is None else hours
        key = (agency_id, hours)
        if key not in self._limits:
            self._limits[key] = engine.add_working_hours(self.calendar(agency_id), self.now, hours)
        return self._limits[key]

    def latest_soon_limit(self, hours=None) -> dt.datetime:
        """The latest due time that can count as due soon on any calendar (the SQL bound)."""
        from portal.calendars.models import WorkingCalendar

        hours = self.hours if hours is None else hours
        calendars = [engine.default_calendar(), *WorkingCalendar.objects.all()]
        return max(engine.add_working_hours(c, self.now, hours) for c in calendars)


def _staff_link(dossier_id) -> str:
    return _staff_link_pattern().replace("999999999", str(dossier_id))


@functools.cache
def _staff_link_pattern() -> str:
    """The staff dossier page's URL with a placeholder id (reversed once per run, not per row)."""
    for name in ("dossiers:staff-dossier", "dossiers:staff_detail"):
        try:
            return reverse(name, args=[999999999])
        except NoReverseMatch:
            continue
    return "/can-bo/"


def _people(ids):
    from accounts.models import User

    return User.objects.in_bulk([i for i in set(ids) if i])


def _leaders(unit_ids) -> dict[int, list]:
    """Active leaders per unit (memberships in the unit itself)."""
    from accounts.models import Membership
    from accounts.models.membership import Role

    leaders = defaultdict(list)
    rows = (
        Membership.objects.active()
        .with_role(Role.LEADER)
        .filter(agency_id__in=[u for u in unit_ids if u])
        .select_related("user")
    )
    for membership in rows:
        leaders[membership.agency_id].append(membership.user)
    return leaders


def _running_states():
    from dossiers.models.states import PAUSED_STATES, RUNNING_STATES

    return sorted(RUNNING_STATES - PAUSED_STATES)


FIELDS = ("id", "code", "agency_id", "handling_unit_id", "assignee_id", "due_at")


def _claim_batch(filters, mark_field, context, refine=None, after=None):
    """Lock a batch of unmarked dossiers (SKIP LOCKED), keep those ``refine`` accepts and mark them, in
    the transaction of their notifications. Returns (accepted rows, cursor of the last candidate or
    None when the candidates ran out); rows ``refine`` rejects stay unmarked, for a later run."""
    from django.db.models import Q

    from dossiers.models import Dossier

    candidates = Dossier.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        **filters, **{f"{mark_field}__isnull": True}
    )
    if after is not None:
        due, pk = after
        candidates = candidates.filter(Q(due_at__gt=due) | Q(due_at=due, pk__gt=pk))
    if refine is None and after is None and connection.vendor == "postgresql":
        # Every candidate is taken: the caller loops until a batch comes back empty, no cursor.
        return _claim_and_mark(Dossier, candidates, mark_field, FIELDS, context), None
    rows = list(candidates.order_by("due_at", "pk").values(*FIELDS)[: context.batch])
    cursor = (rows[-1]["due_at"], rows[-1]["id"]) if len(rows) == context.batch else None
    if refine is not None:
        context.load_agencies(r["agency_id"] for r in rows)
        rows = [r for r in rows if refine(r)]
    _mark(Dossier, [r["id"] for r in rows], mark_field, context.now)
    return rows, cursor


def _claim_and_mark(model, candidates, mark_field, fields, context) -> list[dict]:
    """PostgreSQL: lock, mark and read a batch in one statement, ``UPDATE … SET mark = now WHERE id IN
    (SELECT id … ORDER BY due_at LIMIT batch FOR UPDATE SKIP LOCKED) RETURNING …`` (one round trip;
    no list of a thousand ids sent back). Rows returned in (due_at, id) order.

    Ordered by ``due_at`` alone, the order of the narrow partial index of unmarked dossiers: with
    ``due_at, id`` the planner prefers the queues' ``dossier_open_queue (due_at, id)`` and walks every
    overdue dossier already told (EXPLAIN on 1,000,000 dossiers with 10,000 told: 10,191 buffers,
    10 ms for a batch that finds nothing, against 3 buffers, 0.15 ms). Only for callers that take
    every candidate (no keyset cursor, which needs the ``id`` tie-break)."""
    qn = connection.ops.quote_name
    meta = model._meta
    batch = candidates.order_by("due_at").values("pk")[: context.batch]
    subquery, params = batch.query.sql_with_params()
    columns = ", ".join(qn(meta.get_field(name).column) for name in fields)
    sql = (
        f"UPDATE {qn(meta.db_table)} SET {qn(meta.get_field(mark_field).column)} = %s "  # noqa: S608
        f"WHERE {qn(meta.pk.column)} IN ({subquery}) RETURNING {columns}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [context.now, *params])
        rows = [dict(zip(fields, row, strict=True)) for row in cursor.fetchall()]
    rows.sort(key=lambda r: (r["due_at"], r["id"]))
    return rows


def _mark(model, ids, mark_field, now) -> None:
    """``UPDATE … SET mark = now WHERE id = ANY(ids)``: one array parameter, not one per id."""
    if not ids:
        return
    if connection.vendor != "postgresql":
        model.objects.filter(pk__in=ids).update(**{mark_field: now})
        return
    qn = connection.ops.quote_name
    meta = model._meta
    sql = (
        f"UPDATE {qn(meta.db_table)} SET {qn(meta.get_field(mark_field).column)} = %s "  # noqa: S608
        f"WHERE {qn(meta.pk.column)} = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, list(ids)])


def _dossiers_overdue(context) -> int:
    total = 0
    while True:
        with transaction.atomic():
            rows, _cursor = _claim_batch(
                {"status__in": _running_states(), "due_at__lt": context.now},
                "overdue_notified_at",
                context,
            )
            if not rows:
                return total
            people = _people(r["assignee_id"] for r in rows)
            leaders = _leaders({r["handling_unit_id"] or r["agency_id"] for r in rows})
            messages = []
            for row in rows:
                unit = row["handling_unit_id"] or row["agency_id"]
                context.newly_overdue[unit].append(row)
                officer = people.get(row["assignee_id"])
                recipients = [officer] if officer else leaders.get(unit, [])
                messages.append(
                    Message(
                        recipients,
                        key=f"dossier:{row['id']}:overdue:{row['due_at']:%Y%m%d%H%M}",
                        context={
                            "code": row["code"],
                            "step": DOSSIER_STEP,
                            "due": row["due_at"],
                        },
                        link=_staff_link(row["id"]),
                    )
                )
            notify_many("step_overdue", messages)
        total += len(rows)


def _dossiers_due_soon(context) -> int:
    total, cursor = 0, None
    latest = context.latest_soon_limit()
    while True:
        with transaction.atomic():
            rows, cursor = _claim_batch(
                {
                    "status__in": _running_states(),
                    "due_at__gte": context.now,
                    "due_at__lte": latest,
                },
                "due_soon_notified_at",
                context,
                refine=lambda r: r["due_at"] <= context.soon_limit(r["agency_id"]),
                after=cursor,
            )
            people = _people(r["assignee_id"] for r in rows)
            messages = [
                Message(
                    [people[r["assignee_id"]]] if r["assignee_id"] in people else [],
                    key=f"dossier:{r['id']}:due-soon:{r['due_at']:%Y%m%d%H%M}",
                    context={
                        "code": r["code"],
                        "step": DOSSIER_STEP,
                        "due": r["due_at"],
                        "remaining": _hours(context, r),
                    },
                    link=_staff_link(r["id"]),
                )
                for r in rows
            ]
            notify_many("step_due_soon", messages)
        total += len(rows)
        if cursor is None:
            return total


def _hours(context, row, agency_id=None) -> str:
    left = engine.working_hours_between(
        context.calendar(agency_id or row["agency_id"]), context.now, row["due_at"]
    )
    return f"{left:.1f}".replace(".", ",")


def _advance(name: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Move the watermark ``name`` to ``now``; returns (previous, now). Inside the caller's transaction."""
    mark, created = ScanWatermark.objects.select_for_update().get_or_create(
        name=name, defaults={"value": now}
    )
    previous = now - dt.timedelta(days=1) if created else mark.value
    if not created:
        ScanWatermark.objects.filter(pk=mark.pk).update(value=max(now, previous))
    return previous, now


def _intake_overdue(context) -> int:
    """Online dossiers still unanswered 8 working hours after submission (Decree 45/2020)."""
    from accounts.models import Membership
    from accounts.models.membership import Role
    from dossiers.models import Dossier
    from dossiers.models.states import State

    with transaction.atomic():
        since, until = _advance("intake-overdue", context.now)
        rows = list(
            Dossier.objects.filter(
                status=State.SUBMITTED, intake_due_at__gt=since, intake_due_at__lte=until
            ).values("id", "code", "agency_id", "intake_due_at")
        )
        if not rows:
            return 0
        officers = defaultdict(list)
        for membership in (
            Membership.objects.active()
            .with_role(Role.RECEIVING_OFFICER)
            .filter(agency_id__in={r["agency_id"] for r in rows})
            .select_related("user")
        ):
            officers[membership.agency_id].append(membership.user)
        notify_many(
            "step_overdue",
            [
                Message(
                    officers.get(r["agency_id"], []),
                    key=f"dossier:{r['id']}:intake-overdue:{r['intake_due_at']:%Y%m%d%H%M}",
                    context={
                        "code": r["code"],
                        "step": INTAKE_STEP,
                        "due": r["intake_due_at"],
                    },
                    link=_staff_link(r["id"]),
                )
                for r in rows
            ],
        )
        return len(rows)


# --- steps of the internal process ----------------------------------------------------------------------
STEP_FIELDS = (
    "id",
    "name",
    "role",
    "unit_id",
    "assignee_id",
    "due_at",
    "budget_hours",
    "dossier_id",
    "dossier__code",
    "dossier__agency_id",
)


def _step_states():
    """Dossier states in which the open step's clock runs: received and not closed, not paused (the
    citizen owes a supplement or a payment: the step's clock stops with the dossier's, and its due
    time moves when it resumes, dossiers.services.base.resume_clock), result not yet handed back."""
    from dossiers.models.states import PAUSED_STATES, RUNNING_STATES, State

    return sorted((RUNNING_STATES | {State.RESULT_READY}) - PAUSED_STATES)


def _claim_steps(filters, mark_field, context, refine=None, after=None):
    """``_claim_batch`` for steps: lock a batch of unmarked running steps (SKIP LOCKED: a step being
    handed over right now is left alone), keep those ``refine`` accepts, mark them."""
    from django.db.models import Q

    from dossiers.models import DossierStep

    candidates = DossierStep.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        handed_over_at__isnull=True,
        due_at__isnull=False,
        dossier__status__in=_step_states(),
        **filters,
        **{f"{mark_field}__isnull": True},
    )
    if after is not None:
        due, pk = after
        candidates = candidates.filter(Q(due_at__gt=due) | Q(due_at=due, pk__gt=pk))
    rows = list(candidates.order_by("due_at", "pk").values(*STEP_FIELDS)[: context.batch])
    cursor = (rows[-1]["due_at"], rows[-1]["id"]) if len(rows) == context.batch else None
    if refine is not None:
        context.load_agencies(_step_unit(r) for r in rows)
        rows = [r for r in rows if refine(r)]
    _mark(DossierStep, [r["id"] for r in rows], mark_field, context.now)
    return rows, cursor


def _step_unit(row):
    """The unit whose calendar and staff the step belongs to (the receiving agency if none)."""
    return row["unit_id"] or row["dossier__agency_id"]


def _step_holders(rows) -> dict[int, list]:
    """Who to tell about each step: the officer holding it; if nobody holds it yet, the unit's staff
    in the step's role (e.g. the leaders for "assign" and "approve", the receiving desk for "return
    the result"), else the unit's leaders."""
    from accounts.models import Membership
    from accounts.models.membership import Role

    people = _people(r["assignee_id"] for r in rows)
    unheld = [r for r in rows if r["assignee_id"] not in people]
    staff = defaultdict(list)
    if unheld:
        for membership in (
            Membership.objects.active()
            .filter(agency_id__in={_step_unit(r) for r in unheld})
            .select_related("user")
        ):
            staff[(membership.agency_id, membership.role)].append(membership.user)
    holders = {}
    for row in rows:
        if row["assignee_id"] in people:
            holders[row["id"]] = [people[row["assignee_id"]]]
            continue
        unit = _step_unit(row)
        role = row["role"] if row["role"] in Role.values else Role.LEADER
        holders[row["id"]] = staff.get((unit, role)) or staff.get((unit, Role.LEADER), [])
    return holders


def _step_context(row, **extra):
    return {"code": row["dossier__code"], "step": row["name"], "due": row["due_at"], **extra}


def _steps_overdue(context) -> int:
    """Steps of the internal process not handed over by their due time (the control slip's "late"):
    the holder is told, the unit's leaders get one escalation per run (``_escalate``)."""
    from accounts.models.membership import Role

    total = 0
    while True:
        with transaction.atomic():
            rows, _cursor = _claim_steps(
                {"due_at__lt": context.now}, "overdue_notified_at", context
            )
            if not rows:
                return total
            holders = _step_holders(rows)
            messages = []
            for row in rows:
                if row["assignee_id"] is not None or row["role"] != Role.LEADER:
                    # A step nobody holds in the leaders' own role already went to the leaders.
                    context.newly_overdue_steps[_step_unit(row)].append(row)
                messages.append(
                    Message(
                        holders[row["id"]],
                        key=f"step:{row['id']}:overdue:{row['due_at']:%Y%m%d%H%M}",
                        context=_step_context(row),
                        link=_staff_link(row["dossier_id"]),
                    )
                )
            notify_many("step_overdue", messages)
        total += len(rows)


def _steps_due_soon(context) -> int:
    """Steps with little working time left: at most DEADLINE_STEP_DUE_SOON_WORKING_HOURS (default 4),
    and at most half the step's budget, so a short step is not "due soon" the moment it is handed
    over (its holder has just been given it, with its due time)."""
    total, cursor = 0, None
    latest = context.latest_soon_limit(context.step_hours)

    def refine(row):
        hours = context.step_hours
        if row["budget_hours"] is not None:
            hours = min(hours, float(row["budget_hours"]) / 2)
        return row["due_at"] <= context.soon_limit(_step_unit(row), hours)

    while True:
        with transaction.atomic():
            rows, cursor = _claim_steps(
                {"due_at__gte": context.now, "due_at__lte": latest},
                "due_soon_notified_at",
                context,
                refine=refine,
                after=cursor,
            )
            holders = _step_holders(rows) if rows else {}
            notify_many(
                "step_due_soon",
                [
                    Message(
                        holders[r["id"]],
                        key=f"step:{r['id']}:due-soon:{r['due_at']:%Y%m%d%H%M}",
                        context=_step_context(r, remaining=_hours(context, r, _step_unit(r))),
                        link=_staff_link(r["dossier_id"]),
                    )
                    for r in rows
                ],
            )
        total += len(rows)
        if cursor is None:
            return total


def _escalate(context) -> int:
    """One escalation per unit and run to its leaders for the dossiers that just became overdue, and
    one for the steps that just did (returns how many escalations reached somebody)."""
    sent = 0
    for event, newly, prefix in (
        ("overdue_escalation", context.newly_overdue, "escalation"),
        ("step_overdue_escalation", context.newly_overdue_steps, "step-escalation"),
    ):
        if not newly:
            continue
        leaders = _leaders(newly)
        context.load_agencies(newly)
        messages = []
        for unit_id, rows in newly.items():
            first = min(rows, key=lambda r: r["due_at"])
            agency = context.agency(unit_id)
            messages.append(
                Message(
                    leaders.get(unit_id, []),
                    key=f"{prefix}:{unit_id}:{context.now:%Y%m%d%H%M%S%f}",  # one per run
                    context={
                        "unit": agency.name if agency else "",
                        "count": len(rows),
                        "code": first.get("code") or first.get("dossier__code"),
                        "step": first.get("name", ""),
                        "due": first["due_at"],
                    },
                    link="/can-bo/",
                )
            )
        with transaction.atomic():
            notify_many(event, messages)
        sent += sum(1 for m in messages if m.recipients)
    return sent
