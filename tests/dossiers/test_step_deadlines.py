"""Due-soon and overdue alerts for the steps of the internal process (docs/adr/0009), on the real 2026
calendar, through the real staff services: the holder is told once, the unit's leaders get the
escalation, a step handed over in time is never alerted, and a paused dossier stops its step's clock."""

from decimal import Decimal

import pytest
from django.utils import timezone

from dossiers.models import DossierStep, State
from dossiers.services import processing as p
from portal.calendars.engine import step_due_at
from portal.calendars.models import WorkingCalendar
from portal.deadlines import scan as scanner
from portal.notifications.models import Notification
from tests.dossiers.helpers import dossier_in
from tests.portal.calendar_helpers import at

pytestmark = pytest.mark.django_db


def alerts(user, *events):
    rows = Notification.objects.filter(recipient=user, channel="in_app")
    if events:
        rows = rows.filter(event__in=events)
    return sorted(rows.values_list("event", "texts__vi__subject"))


def step_alerts(user):
    return alerts(user, "step_due_soon", "step_overdue", "step_overdue_escalation")


def received_and_assigned(world, travel):
    """Received Monday 2/3/2026 09:00 (5 working days: due Monday 9/3 17:00), transferred to the unit
    and assigned at 10:00: the specialist's step "Thẩm định, xử lý hồ sơ" has 24 working hours, due
    Thursday 5/3 10:00."""
    travel.to("2026-03-02 09:00")
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    p.receive(dossier, world.receiver)
    travel.to("2026-03-02 10:00")
    p.transfer(dossier, world.receiver, world.unit)
    p.assign(dossier, world.leader, world.specialist)
    dossier.refresh_from_db()
    step = dossier.steps.get(handed_over_at__isnull=True)
    assert (step.name, step.assignee, step.due_at) == (
        "Thẩm định, xử lý hồ sơ",
        world.specialist,
        at("05/03/2026 10:00"),
    )
    assert dossier.due_at == at("09/03/2026 17:00")
    return dossier, step


def test_an_overdue_step_alerts_its_holder_once_and_escalates_to_the_units_leaders(world, travel):
    dossier, step = received_and_assigned(world, travel)
    travel.to("2026-03-05 10:30")  # Thursday: half an hour past the step's due time

    result = scanner.scan()

    assert result["steps_overdue"] == 1 and result["overdue"] == 0
    step.refresh_from_db()
    assert step.overdue_notified_at == timezone.now()
    subject = f'Hồ sơ {dossier.code}: bước "Thẩm định, xử lý hồ sơ" đã quá hạn'
    assert step_alerts(world.specialist) == [("step_overdue", subject)]
    escalation = Notification.objects.get(
        recipient=world.leader, event="step_overdue_escalation", channel="in_app"
    )
    assert "Thẩm định, xử lý hồ sơ" in escalation.texts["vi"]["body"]
    assert "10:00 05/03/2026" in escalation.texts["vi"]["body"]
    assert "1 overdue processing steps" in escalation.texts["en"]["subject"]
    # The leader of the parent agency is not the step's unit's leader: not escalated to.
    assert step_alerts(world.director) == []

    rows = list(Notification.objects.order_by("pk").values_list("pk", "key"))
    second = scanner.scan()
    assert second["steps_overdue"] == 0 and second["steps_due_soon"] == 0
    assert second["escalations"] == 0
    assert list(Notification.objects.order_by("pk").values_list("pk", "key")) == rows


def test_a_step_handed_over_before_its_due_time_is_never_alerted(world, travel):
    dossier, step = received_and_assigned(world, travel)
    travel.to("2026-03-04 09:00")  # Wednesday, a day before the step is due
    p.submit_for_approval(dossier, world.specialist)
    step.refresh_from_db()
    assert step.result == "before"

    travel.to("2026-03-06 12:00")  # Friday: the old due time is long past
    result = scanner.scan()

    assert step_alerts(world.specialist) == []
    assert DossierStep.objects.filter(overdue_notified_at__isnull=False).count() == 1
    # Only the approval step ("Phê duyệt kết quả", 4 h from Wednesday 09:00: due 14:30) is late; nobody holds
    # it, so the unit's leaders are told, once, with no escalation to themselves.
    assert result["steps_overdue"] == 1
    assert [e for e, _s in step_alerts(world.leader)] == ["step_overdue"]
    assert "Phê duyệt" in step_alerts(world.leader)[0][1]
    assert not DossierStep.objects.filter(
        handed_over_at__isnull=False, overdue_notified_at__isnull=False
    ).exists()


def test_a_step_due_soon_is_told_at_most_half_its_budget_before(world, travel):
    dossier, _step = received_and_assigned(world, travel)
    travel.to("2026-03-04 14:00")  # 5.5 working hours left: not yet (threshold 4 h)
    assert scanner.scan()["steps_due_soon"] == 0
    travel.to("2026-03-05 07:00")  # 2.5 working hours left
    assert scanner.scan()["steps_due_soon"] == 1
    assert scanner.scan()["steps_due_soon"] == 0
    body = Notification.objects.get(
        recipient=world.specialist, event="step_due_soon", channel="in_app"
    ).texts["vi"]["body"]
    assert "Thẩm định, xử lý hồ sơ" in body and "10:00 05/03/2026" in body and "2,5 giờ" in body

    # The leader's 4-hour approval step: due soon only with 2 working hours left (half its budget).
    travel.to("2026-03-05 08:00")
    p.submit_for_approval(dossier, world.specialist)  # "Phê duyệt": 3.5 h before noon, 0.5 h after
    approval = dossier.steps.get(handed_over_at__isnull=True)
    assert approval.due_at == at("05/03/2026 13:30")
    travel.to("2026-03-05 09:30")  # 2.5 h left
    assert scanner.scan()["steps_due_soon"] == 0
    travel.to("2026-03-05 11:00")  # 1 h left
    assert scanner.scan()["steps_due_soon"] == 1
    assert [e for e, _s in step_alerts(world.leader)] == ["step_due_soon"]


def test_a_paused_dossier_stops_its_steps_clock_and_moves_its_due_time(world, travel):
    dossier, step = received_and_assigned(world, travel)
    travel.to("2026-03-03 09:00")  # Tuesday: a financial obligation is found, the clock stops
    payment = p.request_payment(dossier, world.specialist, 500000, "Lệ phí trước bạ")

    travel.to("2026-03-06 09:00")  # Friday: the step's old due time (Thursday 10:00) has passed
    assert scanner.scan()["steps_overdue"] == 0
    assert step_alerts(world.specialist) == []

    p.confirm_payment_at_counter(dossier, world.receiver, payment, "BL-0001")
    step.refresh_from_db()
    dossier.refresh_from_db()
    # Paused Tuesday 09:00 → Friday 09:00: 24 working hours; the dossier moves by 3 working days.
    assert step.due_at == at("10/03/2026 10:00")
    assert dossier.due_at == at("12/03/2026 17:00")
    assert scanner.scan()["steps_overdue"] == 0

    travel.to("2026-03-10 08:30")
    assert scanner.scan()["steps_due_soon"] == 1
    travel.to("2026-03-10 10:01")
    assert scanner.scan()["steps_overdue"] == 1
    assert [e for e, _s in step_alerts(world.specialist)] == ["step_due_soon", "step_overdue"]
    assert scanner.scan()["steps_overdue"] == 0


def test_a_resumed_clock_checks_the_new_due_time_again(world, travel):
    dossier, step = received_and_assigned(world, travel)
    travel.to("2026-03-05 10:30")
    scanner.scan()  # overdue: told
    p.request_payment(dossier, world.specialist, 100000, "Phí thẩm định")
    travel.to("2026-03-05 14:30")  # paused 10:30 → 14:30: 2.5 working hours
    p.confirm_payment_at_counter(
        dossier, world.receiver, dossier.payments.get(status="pending"), "BL-2"
    )
    step.refresh_from_db()
    # Paused Thursday 10:30 → 14:30: 2.5 working hours; due 10:00 + 2.5 h = 14:00.
    assert step.due_at == at("05/03/2026 14:00")
    assert step.overdue_notified_at is None  # still overdue, at a new due time: told again
    assert scanner.scan()["steps_overdue"] == 1
    assert [e for e, _s in step_alerts(world.specialist)] == ["step_overdue", "step_overdue"]


def test_steps_count_on_the_real_calendar_over_30_april_and_1_may(world, travel):
    """A step handed over Wednesday 29/4/2026 at 14:00 with 8 working hours: 3 h that day, then
    Thursday 30/4 and Friday 1/5 are holidays and the weekend follows; due Monday 4/5 at 14:00."""
    calendar = WorkingCalendar.objects.create(name="Lịch chung", is_default=True)
    dossier = dossier_in(world, State.PROCESSING, due_at=at("08/05/2026 17:00"))
    due = step_due_at(calendar, at("29/04/2026 14:00"), 8)
    assert due == at("04/05/2026 14:00")
    DossierStep.objects.create(
        dossier=dossier,
        name="Thẩm định hồ sơ",
        role="specialist",
        unit=world.unit,
        assignee=world.specialist,
        received_at=at("29/04/2026 14:00"),
        due_at=due,
        budget_hours=Decimal("8"),
    )
    travel.to("2026-05-01 16:00")  # a holiday: 5 working hours still left
    assert scanner.scan()["steps_due_soon"] == 0
    travel.to("2026-05-04 10:00")  # Monday: 2.5 working hours left
    assert scanner.scan()["steps_due_soon"] == 1
    travel.to("2026-05-04 14:01")
    assert scanner.scan()["steps_overdue"] == 1


def test_a_step_nobody_holds_goes_to_the_units_staff_in_its_role(world, travel):
    dossier = dossier_in(world, State.RESULT_READY, due_at=at("20/03/2026 17:00"))
    DossierStep.objects.create(
        dossier=dossier,
        name="Trả kết quả",
        role="receiving_officer",
        unit=world.agency,
        received_at=at("02/03/2026 08:00"),
        due_at=at("02/03/2026 12:00"),
        budget_hours=Decimal("4"),
    )
    travel.to("2026-03-03 09:00")
    assert scanner.scan()["steps_overdue"] == 1
    assert [e for e, _s in step_alerts(world.receiver)] == ["step_overdue"]
    # The receiving desk's step escalates to the agency's leaders.
    assert [e for e, _s in step_alerts(world.director)] == ["step_overdue_escalation"]


def test_steps_of_closed_or_paused_dossiers_are_left_alone(world, travel):
    for state in (State.SUPPLEMENT_IN_PROCESSING, State.PAYMENT_REQUESTED, State.STOPPED):
        DossierStep.objects.create(
            dossier=dossier_in(world, state),
            name="Thẩm định hồ sơ",
            role="specialist",
            unit=world.unit,
            assignee=world.specialist,
            received_at=at("02/03/2026 08:00"),
            due_at=at("02/03/2026 12:00"),
        )
    travel.to("2026-03-03 09:00")
    result = scanner.scan()
    assert result["steps_overdue"] == 0 and result["steps_due_soon"] == 0
    assert not Notification.objects.exists()
