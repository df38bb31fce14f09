"""The periodic deadline scan: marks, notifications, escalations, and nothing twice (docs/adr/0009)."""

import datetime as dt
import io
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from accounts.models.membership import Role
from dossiers.models import Dossier, DossierStep, State
from portal.deadlines import scan as scanner
from portal.notifications.models import Notification
from tests.accounts.factories import StaffFactory
from tests.dossiers.factories import DossierFactory
from tests.portal.calendar_helpers import at
from tests.procedures.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    agency = AgencyFactory()
    officer = StaffFactory(username="chuyenvien-scan")
    leader = StaffFactory(username="lanhdao-scan")
    long_ago = at("01/01/2020 08:00")
    Membership.objects.create(
        user=officer, agency=agency, role=Role.SPECIALIST, started_at=long_ago
    )
    Membership.objects.create(user=leader, agency=agency, role=Role.LEADER, started_at=long_ago)
    return type("World", (), {"agency": agency, "officer": officer, "leader": leader})


def running(world, due, status=State.PROCESSING, **extra):
    return DossierFactory(
        agency=world.agency,
        handling_unit=world.agency,
        assignee=world.officer,
        status=status,
        received_at=due - dt.timedelta(days=7),
        due_at=due,
        **extra,
    )


def events_for(user):
    return sorted(
        Notification.objects.filter(recipient=user, channel="in_app").values_list(
            "event", flat=True
        )
    )


def test_overdue_dossiers_are_marked_their_officer_told_and_leaders_escalated(world, travel):
    now = travel.to("2026-03-04 10:00")
    late = running(world, at("03/03/2026 17:00"))
    running(world, at("10/03/2026 17:00"))  # not due for days

    result = scanner.scan()

    assert result["overdue"] == 1 and result["escalations"] == 1
    late.refresh_from_db()
    assert late.overdue_notified_at == now
    assert events_for(world.officer) == ["step_overdue"]
    assert events_for(world.leader) == ["overdue_escalation"]
    text = Notification.objects.get(recipient=world.officer, channel="in_app").texts["vi"]["body"]
    assert late.code in text and "17:00 03/03/2026" in text and "xin lỗi" in text


def test_running_the_scan_twice_changes_nothing_the_second_time(world, travel):
    travel.to("2026-03-04 10:00")
    running(world, at("03/03/2026 17:00"))
    running(world, at("04/03/2026 16:00"))  # due soon
    first = scanner.scan()
    rows = list(Notification.objects.order_by("pk").values_list("pk", "key"))
    marks = list(
        Dossier.objects.order_by("pk").values_list("overdue_notified_at", "due_soon_notified_at")
    )

    second = scanner.scan()

    assert first["overdue"] == 1 and first["due_soon"] == 1
    assert second == {
        "overdue": 0,
        "due_soon": 0,
        "intake_overdue": 0,
        "steps_overdue": 0,
        "steps_due_soon": 0,
        "escalations": 0,
    }
    assert list(Notification.objects.order_by("pk").values_list("pk", "key")) == rows
    assert (
        list(
            Dossier.objects.order_by("pk").values_list(
                "overdue_notified_at", "due_soon_notified_at"
            )
        )
        == marks
    )


def test_due_soon_means_one_working_day_left_on_the_agency_calendar(world, travel):
    travel.to("2026-03-06 16:00")  # Friday
    soon = running(world, at("09/03/2026 15:00"))  # 1 h on Friday + 6 h on Monday: 7 working hours
    later = running(world, at("09/03/2026 17:00"))  # 9 working hours: not yet
    assert scanner.scan()["due_soon"] == 1
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.due_soon_notified_at is not None and later.due_soon_notified_at is None
    assert events_for(world.officer) == ["step_due_soon"]


def test_paused_dossiers_are_not_overdue_while_the_citizen_owes_something(world, travel):
    travel.to("2026-03-04 10:00")
    running(world, at("03/03/2026 17:00"), status=State.SUPPLEMENT_IN_PROCESSING)
    running(world, at("03/03/2026 17:00"), status=State.PAYMENT_REQUESTED)
    assert scanner.scan()["overdue"] == 0


def test_a_new_due_date_is_checked_again(world, travel):
    travel.to("2026-03-04 10:00")
    dossier = running(world, at("03/03/2026 17:00"))
    scanner.scan()
    # Extension / apology: the dossier services move the due date and clear the mark.
    Dossier.objects.filter(pk=dossier.pk).update(
        due_at=at("06/03/2026 17:00"), overdue_notified_at=None
    )
    travel.to("2026-03-09 08:00")
    assert scanner.scan()["overdue"] == 1
    assert events_for(world.officer) == ["step_overdue", "step_overdue"]


def test_online_dossier_unanswered_after_8_working_hours_alerts_the_receiving_desk(world, travel):
    desk = StaffFactory(username="tiepnhan-scan")
    Membership.objects.create(
        user=desk,
        agency=world.agency,
        role=Role.RECEIVING_OFFICER,
        started_at=at("01/01/2020 08:00"),
    )
    travel.to("2026-03-04 10:00")
    DossierFactory(
        agency=world.agency, status=State.SUBMITTED, intake_due_at=at("04/03/2026 09:00")
    )
    assert scanner.scan()["intake_overdue"] == 1
    assert scanner.scan()["intake_overdue"] == 0
    assert events_for(desk) == ["step_overdue"]


def test_steps_not_handed_over_by_their_due_time_are_reported_once(world, travel):
    travel.to("2026-03-04 10:00")
    dossier = running(world, at("10/03/2026 17:00"))
    DossierStep.objects.create(
        dossier=dossier,
        name="Thẩm định hồ sơ",
        unit=world.agency,
        assignee=world.officer,
        received_at=at("03/03/2026 08:00"),
        due_at=at("04/03/2026 09:30"),
    )
    assert scanner.scan()["steps_overdue"] == 1
    assert scanner.scan()["steps_overdue"] == 0
    body = Notification.objects.get(recipient=world.officer, channel="in_app").texts["vi"]["body"]
    assert "Thẩm định hồ sơ" in body


def test_a_second_scan_while_one_runs_does_nothing(world, travel):
    travel.to("2026-03-04 10:00")
    running(world, at("03/03/2026 17:00"))
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [scanner.LOCK_ID])
        assert scanner.scan() == {"skipped": True}
        assert not Notification.objects.exists()
        with other.cursor() as cursor:  # released now (a closed session frees it only eventually)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [scanner.LOCK_ID])
    finally:
        other.close()
    assert scanner.scan()["overdue"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_scans_started_together_notify_each_dossier_once(world, travel):
    travel.to("2026-03-04 10:00")
    for n in range(30):
        running(world, at("03/03/2026 17:00") - dt.timedelta(minutes=n))
    results, barrier = [], threading.Barrier(2)

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(scanner.scan())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(r.get("overdue", 0) for r in results) == 30
    assert Notification.objects.filter(event="step_overdue", channel="in_app").count() == 30
    assert scanner.scan()["overdue"] == 0


@pytest.mark.django_db(transaction=True)
def test_a_dossier_being_changed_is_left_for_the_next_run(world, travel):
    """The overdue batch is claimed with SKIP LOCKED: a dossier another transaction holds right now is
    neither waited for nor marked; the next run takes it."""
    travel.to("2026-03-04 10:00")
    busy = running(world, at("03/03/2026 16:00"))
    free = running(world, at("03/03/2026 17:00"))
    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("SELECT id FROM dossiers_dossier WHERE id = %s FOR UPDATE", [busy.pk])
        assert scanner.scan()["overdue"] == 1
        other.rollback()
    finally:
        other.close()
    busy.refresh_from_db()
    free.refresh_from_db()
    assert busy.overdue_notified_at is None and free.overdue_notified_at is not None
    assert scanner.scan()["overdue"] == 1
    busy.refresh_from_db()
    assert busy.overdue_notified_at is not None


def test_a_batch_of_overdue_dossiers_costs_the_same_queries_whatever_its_size(world, travel):
    """Set-based: one statement claims, marks and reads a batch, one query per kind of recipient, one
    insert for the outbox rows; nothing per dossier, officer or notification."""

    def scan_queries(moment, count):
        travel.to(moment)
        due = timezone.now() - dt.timedelta(minutes=30)
        for n in range(count):
            running(world, due - dt.timedelta(seconds=n))
        with CaptureQueriesContext(connection) as queries:
            result = scanner.scan()
        assert result["overdue"] == count and result["escalations"] == 1
        return len(queries)

    travel.to("2026-03-02 10:00")
    scanner.scan()  # the first run ever creates its watermark
    assert scan_queries("2026-03-04 10:00", 2) == scan_queries("2026-03-05 10:00", 25)
    assert Notification.objects.filter(event="step_overdue", channel="in_app").count() == 27


def test_each_message_renders_its_own_lazy_label_in_both_languages(world, travel):
    """The renderer translates a lazy label once per language; distinct labels never share a text."""
    from django.utils.translation import gettext_lazy as _

    from portal.notifications.services import Message, notify_many

    due = at("03/03/2026 17:00")
    labels = [_("giải quyết hồ sơ"), _("Thẩm định hồ sơ")] * 3
    notify_many(
        "step_overdue",
        [
            Message(
                [world.officer],
                key=f"label-test:{n}",
                context={"code": f"X-{n}", "step": label, "due": due},
            )
            for n, label in enumerate(labels)
        ],
    )
    rows = Notification.objects.filter(key__startswith="label-test:", channel="in_app")
    bodies = {row.key.split(":")[1]: row.texts for row in rows}
    assert "giải quyết hồ sơ" in bodies["0"]["vi"]["body"]
    assert "Thẩm định hồ sơ" in bodies["1"]["vi"]["body"]
    assert "giải quyết hồ sơ" not in bodies["1"]["vi"]["body"]
    assert bodies["0"]["vi"]["body"] != bodies["0"]["en"]["body"]


def test_bench_generator_makes_open_dossiers_once(world):
    from django.core.management import call_command

    from tests.procedures.factories import ProcedureVersionFactory

    ProcedureVersionFactory(published=True)
    out = io.StringIO()
    call_command("generate_bench_dossiers", "--open", "5", "--staff", "2", stdout=out)
    call_command("generate_bench_dossiers", "--open", "5", "--staff", "2", stdout=out)
    bench = Dossier.objects.filter(code__startswith="BENCH-")
    assert bench.count() == 5
    assert set(bench.values_list("status", flat=True)) == {State.PROCESSING}
    assert scanner.scan()["overdue"] == 0


def test_leaders_get_a_daily_digest_per_unit_once_a_day(world, travel):
    from portal.deadlines.digest import send_daily_digest

    travel.to("2026-03-04 07:00")
    running(world, at("03/03/2026 17:00"))  # overdue
    running(world, at("04/03/2026 16:00"))  # due soon
    DossierFactory(
        agency=world.agency, status=State.PROCESSING, received_at=at("03/03/2026 09:00"),
        due_at=at("20/03/2026 17:00"),
    )  # fmt: skip
    assert send_daily_digest() == 1
    assert send_daily_digest() == 1  # same day: the key exists, nothing new
    rows = Notification.objects.filter(recipient=world.leader, event="daily_digest")
    assert rows.filter(channel="in_app").count() == 1
    body = rows.get(channel="in_app").texts["vi"]["body"]
    assert "03/03/2026" in body and "1 hồ sơ tiếp nhận" in body and "1 quá hạn" in body
    assert "1 sắp đến hạn" in body


def test_the_partial_indexes_of_the_scan_match_its_query():
    """dossier_overdue_scan / dossier_due_soon_scan are used only if their condition is the scan's."""
    from dossiers.models.dossier import SCAN_STATES

    assert scanner._running_states() == SCAN_STATES
    indexes = {i.name: i for i in Dossier._meta.indexes}
    for name in ("dossier_overdue_scan", "dossier_due_soon_scan"):
        assert ("status__in", SCAN_STATES) in indexes[name].condition.children
