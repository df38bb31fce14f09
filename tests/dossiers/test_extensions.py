"""Extensions (gia hạn) counted in working days on the agency calendar, explained with their reason
(DOMAIN.md §6, docs/adr/0005)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from dossiers.models import IssuedDocument, State
from dossiers.services import processing as p
from dossiers.services.base import InvalidInput
from tests.dossiers.helpers import dossier_in
from tests.portal.calendar_helpers import at

pytestmark = pytest.mark.django_db


def processing(world, travel, received="2026-03-02 09:00"):
    """Received (5 working days) and transferred, as the services leave it."""
    travel.to(received)
    dossier = dossier_in(world, State.SUBMITTED, submitted_at=timezone.now())
    p.receive(dossier, world.receiver)
    p.transfer(dossier, world.receiver, world.unit)
    dossier.refresh_from_db()
    return dossier


def test_an_extension_in_working_days_skips_the_weekend_and_explains_itself(world, travel):
    # Received Wednesday 22/4/2026: Giỗ Tổ (observed Monday 27/4), 30/4 and 1/5 skipped: due 4/5.
    dossier = processing(world, travel, "2026-04-22 09:00")
    assert dossier.due_at == at("04/05/2026 17:00")
    travel.to("2026-04-29 10:00")

    document = p.extend(
        dossier, world.leader, None, "Chờ kết quả xác minh thực địa", working_days=5
    )

    dossier.refresh_from_db()
    assert dossier.due_at == at("11/05/2026 17:00")  # Tuesday 5 … Friday 8, Monday 11
    assert dossier.original_due_at == at("04/05/2026 17:00")
    entry = dossier.extensions[0]
    assert entry["working_days"] == 5 and entry["reason"] == "Chờ kết quả xác minh thực địa"
    assert dt.datetime.fromisoformat(entry["from"]) == at("04/05/2026 17:00")
    engine = dossier.due_explanation["engine"]
    assert dt.datetime.fromisoformat(engine["due_at"]) == dossier.due_at
    assert engine["extensions"] == [
        {
            "amount": 5,
            "reason": "Chờ kết quả xác minh thực địa",
            "at": entry["at"],
        }
    ]
    extended = [d for d in engine["days"] if d["status"] == "extended"]
    assert [d["date"] for d in extended] == [
        "2026-05-05",
        "2026-05-06",
        "2026-05-07",
        "2026-05-08",
        "2026-05-11",
    ]
    assert extended[0]["note"] == "Gia hạn: Chờ kết quả xác minh thực địa"
    html = Template("{% load due_dates %}{% due_explanation stored %}").render(
        Context({"stored": dossier.due_explanation})
    )
    assert "+5 ngày làm việc" in html and "Chờ kết quả xác minh thực địa" in html
    assert "17:00 11/05/2026" in html
    assert document.kind == IssuedDocument.Kind.APOLOGY
    event = dossier.events.get(action="extend")
    assert event.data["working_days"] == 5 and event.due_at == dossier.due_at


def test_a_typed_date_is_counted_as_working_days_and_a_day_off_moves_to_the_next(world, travel):
    dossier = processing(world, travel)  # due Monday 9/3/2026 17:00
    p.extend(dossier, world.leader, dt.date(2026, 3, 14), "Chờ ý kiến cơ quan phối hợp")  # Saturday
    dossier.refresh_from_db()
    assert dossier.due_at == at("16/03/2026 17:00")
    assert dossier.extensions[0]["working_days"] == 5
    # A second extension adds to the first, each with its reason.
    p.extend(dossier, world.leader, None, "Bổ sung xác minh", working_days=1)
    dossier.refresh_from_db()
    assert dossier.due_at == at("17/03/2026 17:00")
    notes = [
        d["note"] for d in dossier.due_explanation["engine"]["days"] if d["status"] == "extended"
    ]
    assert notes == ["Gia hạn: Chờ ý kiến cơ quan phối hợp"] * 5 + ["Gia hạn: Bổ sung xác minh"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"new_due": dt.date(2026, 3, 9)},  # not after the current due date
        {"new_due": None},  # neither a date nor a number of days
        {"new_due": None, "working_days": 0},
        {"new_due": None, "working_days": "ba"},
        {"new_due": dt.date(2026, 3, 20), "working_days": 2},  # both
    ],
)
def test_bad_extensions_are_refused_and_change_nothing(world, travel, kwargs):
    dossier = processing(world, travel)
    new_due = kwargs.pop("new_due")
    with pytest.raises(InvalidInput):
        p.extend(dossier, world.leader, new_due, "Chậm", **kwargs)
    dossier.refresh_from_db()
    assert dossier.due_at == at("09/03/2026 17:00") and dossier.extensions == []
    assert not dossier.issued_documents.filter(kind="apology").exists()


def test_an_extension_while_the_citizen_owes_a_payment_counts_from_when_they_answer(world, travel):
    dossier = processing(world, travel)
    p.assign(dossier, world.leader, world.specialist)
    travel.to("2026-03-04 09:00")  # Wednesday: the clock stops
    payment = p.request_payment(dossier, world.specialist, 100000, "Phí thẩm định")
    travel.to("2026-03-05 10:00")
    document = p.extend(dossier, world.leader, None, "Chờ xác minh", working_days=2)
    dossier.refresh_from_db()
    assert dossier.due_at is None  # still paused
    # The apology is issued even while paused: one, the one extend returned, by the leader.
    apology = dossier.issued_documents.get(kind="apology")
    assert apology.pk == document.pk and apology.issued_by == world.leader and apology.number
    # The new date if the citizen answered now: 10/3 (one day paused) + 2.
    assert dt.datetime.fromisoformat(dossier.extensions[0]["to"]) == at("12/03/2026 17:00")
    travel.to("2026-03-06 09:00")  # answered Friday: paused Wednesday → Friday, 2 working days
    p.confirm_payment_at_counter(dossier, world.receiver, payment, "BL-9")
    dossier.refresh_from_db()
    assert dossier.due_at == at("13/03/2026 17:00")  # 9/3 + 2 (pause) + 2 (extension)


def test_the_leader_extends_from_the_dossier_page_in_working_days(world, travel, login_staff):
    dossier = processing(world, travel)
    client = login_staff(world.leader)
    url = reverse("dossiers:staff-action", args=[dossier.pk, "gia-han"])
    page = client.get(reverse("dossiers:staff-dossier", args=[dossier.pk])).content.decode()
    assert "Gia hạn thêm (số ngày làm việc)" in page
    refused = client.post(url, {"gia-han-version": dossier.version, "gia-han-reason": "Chậm"})
    assert refused.status_code == 400
    assert "Phải nhập ngày hẹn mới hoặc số ngày làm việc gia hạn" in refused.content.decode()
    response = client.post(
        url,
        {
            "gia-han-version": dossier.version,
            "gia-han-working_days": "3",
            "gia-han-reason": "Chờ kết quả giám định",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.due_at == at("12/03/2026 17:00")
    assert dossier.extensions[0]["working_days"] == 3
