"""The outbox: rows written with the change, once per event, sent through the person's channels."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.notifications import dispatcher
from portal.notifications.channels.sms import FakeSmsAdapter, normalise_phone
from portal.notifications.models import Notification, NotificationPreference
from portal.notifications.services import Contact, notify, set_preferences
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Notification.Status


@pytest.fixture(autouse=True)
def fake_sms():
    FakeSmsAdapter.reset()
    yield FakeSmsAdapter
    FakeSmsAdapter.reset()


@pytest.fixture
def citizen():
    return UserFactory(username="congdan-tb", email="congdan@example.vn", phone="0912345678")


def received(user, key="dossier:1:received", **extra):
    return notify(
        "dossier_received",
        user,
        key=key,
        context={
            "code": "000.00.12.H26-260302-0001",
            "procedure": "Đăng ký khai sinh",
            "at": dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
            "due": dt.date(2026, 3, 9),
        },
        link="/ho-so/1/",
        **extra,
    )


def test_notification_is_written_in_the_callers_transaction_and_sent_after_commit(
    citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        received(citizen)
        assert Notification.objects.filter(status=Status.PENDING).count() == 2
        assert not mail.outbox  # nothing leaves before the commit
    assert len(callbacks) == 1
    statuses = dict(Notification.objects.values_list("channel", "status"))
    assert statuses == {"email": "sent", "sms": "sent", "in_app": "sent"}
    assert mail.outbox[0].subject == "Hồ sơ 000.00.12.H26-260302-0001 đã được tiếp nhận"
    assert "09/03/2026" in mail.outbox[0].body and "16:00 02/03/2026" in mail.outbox[0].body
    assert (
        mail.outbox[0].extra_headers["X-Portal-Notification-Key"]
        == f"dossier:1:received:u{citizen.pk}:email"
    )
    assert FakeSmsAdapter.sent[0]["to"] == "84912345678"
    assert FakeSmsAdapter.sent[0]["key"].endswith(":sms")


def test_a_rolled_back_change_leaves_no_notification(citizen, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        received(citizen)
        raise RuntimeError
    assert not callbacks
    assert not Notification.objects.exists()


def test_the_same_event_never_queues_twice(citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        received(citizen)
        received(citizen)
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 1 and len(FakeSmsAdapter.sent) == 1


def test_each_person_chooses_email_and_or_sms(citizen, django_capture_on_commit_callbacks):
    set_preferences(citizen, email=False, sms=True, language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        received(citizen)
    assert set(Notification.objects.values_list("channel", flat=True)) == {"sms", "in_app"}


def test_channels_without_an_address_are_skipped(django_capture_on_commit_callbacks):
    user = UserFactory(username="khongsdt", email="", phone="")
    with django_capture_on_commit_callbacks(execute=True):
        received(user)
    assert list(Notification.objects.values_list("channel", flat=True)) == ["in_app"]


def test_texts_are_stored_in_both_languages_and_sent_in_the_persons(
    citizen, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=citizen, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        received(citizen)
    row = Notification.objects.get(channel="email")
    assert row.texts["vi"]["subject"].startswith("Hồ sơ")
    assert row.texts["en"]["subject"] == "Dossier 000.00.12.H26-260302-0001 has been received"
    assert mail.outbox[0].subject == row.texts["en"]["subject"]


def test_applicant_without_an_account_is_reached_by_address(django_capture_on_commit_callbacks):
    contact = Contact(ref="walkin-7", email="nguoinop@example.vn", phone="0987654321")
    with django_capture_on_commit_callbacks(execute=True):
        received(contact)
    assert set(Notification.objects.values_list("channel", "status")) == {
        ("email", "sent"),
        ("sms", "sent"),
    }


def test_failed_send_is_retried_with_exponential_backoff(
    citizen, django_capture_on_commit_callbacks, settings
):
    FakeSmsAdapter.fail_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        received(citizen, channels=["sms"])
    row = Notification.objects.get(channel="sms")
    assert row.status == Status.PENDING and row.attempts == 1
    assert "unavailable" in row.last_error
    assert row.next_attempt_at > timezone.now() + dt.timedelta(seconds=20)

    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert dispatcher.dispatch([row.pk]) == {"sent": 1}
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2 and len(FakeSmsAdapter.sent) == 1


def test_every_retry_countdown_is_shorter_than_the_visibility_timeout(settings):
    settings.CELERY_BROKER_VISIBILITY_TIMEOUT = 600
    delays = [dispatcher.retry_delay(attempt) for attempt in range(1, 30)]
    assert all(0 < delay < 600 for delay in delays)
    assert delays[0] < delays[3] < delays[5]


def test_permanent_errors_and_exhausted_attempts_fail_without_retry(citizen, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    rows = received(citizen, channels=["sms"])
    row = Notification.objects.get(key=rows[0].key)
    FakeSmsAdapter.fail_next = 5
    dispatcher.dispatch([row.pk])
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    dispatcher.dispatch([row.pk])
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.attempts == 2

    Notification.objects.filter(pk=row.pk).update(status=Status.PENDING, attempts=0, address="")
    dispatcher.dispatch([row.pk])
    row.refresh_from_db()
    assert row.status == Status.FAILED and "no mobile number" in row.last_error


def test_a_row_is_never_sent_twice_by_duplicate_tasks(citizen):
    rows = received(citizen, channels=["sms"])
    row = Notification.objects.get(key=rows[0].key)
    dispatcher.dispatch([row.pk])
    dispatcher.dispatch([row.pk])
    assert len(FakeSmsAdapter.attempts) == 1


def test_broker_down_at_commit_loses_nothing_and_the_sweeper_sends_later(
    citizen, django_capture_on_commit_callbacks
):
    from portal.notifications.tasks import dispatch

    with (
        mock.patch.object(
            dispatch, "apply_async", side_effect=ConnectionRefusedError("redis down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        received(citizen)
    assert Notification.objects.filter(status=Status.PENDING).count() == 2
    assert dispatcher.sweep(grace_seconds=0) == {"requeued": 2, "stuck": 0, "failed": 0}
    assert not Notification.objects.filter(status=Status.PENDING).exists()
    assert len(mail.outbox) == 1 and len(FakeSmsAdapter.sent) == 1


def test_sweeper_requeues_rows_stuck_in_sending_after_a_worker_died(citizen):
    rows = received(citizen, channels=["sms"])
    row = Notification.objects.get(key=rows[0].key)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.SENDING, claimed_at=long_ago, attempts=1
    )
    assert dispatcher.sweep(grace_seconds=0)["stuck"] == 1
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2
    # A fresh claim is left alone: its worker may still be sending.
    Notification.objects.filter(pk=row.pk).update(status=Status.SENDING, claimed_at=timezone.now())
    assert dispatcher.sweep()["stuck"] == 0


def test_phone_numbers_are_normalised():
    assert normalise_phone("0912 345 678") == "84912345678"
    assert normalise_phone("+84 912345678") == "84912345678"
    assert normalise_phone("12345") == ""


# --- the bell ----------------------------------------------------------------------------------------
def test_signed_in_header_shows_the_bell_with_unread_count(client, citizen):
    received(citizen)
    client.force_login(citizen)
    page = client.get("/").content.decode()
    assert 'class="bell"' in page and 'class="bell-count">1<' in page
    client.logout()
    assert 'class="bell"' not in client.get("/").content.decode()


def test_inbox_lists_ones_own_notifications_and_opening_marks_read(
    client, citizen, django_assert_max_num_queries
):
    received(citizen)
    other = UserFactory(username="nguoikhac")
    received(other, key="dossier:2:received")
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert response.content.decode().count('class="notification notification-unread"') == 1
    mine = Notification.objects.get(recipient=citizen, channel="in_app")
    theirs = Notification.objects.get(recipient=other, channel="in_app")
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/ho-so/1/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_all_read(client, citizen):
    received(citizen)
    received(citizen, key="dossier:9:received")
    client.force_login(citizen)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.visible_to(citizen).unread().exists()


def test_preferences_page_saves_choices_and_rejects_bad_input(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"sms": "on", "language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=citizen)
    assert (preference.email, preference.sms, preference.language) == (False, True, "en")
    response = client.post(reverse("notifications:preferences"), {"language": "fr"})
    assert response.status_code == 400 and "error-summary" in response.content.decode()


def test_bell_pages_need_sign_in(client):
    assert client.get(reverse("notifications:inbox")).status_code == 302


def test_admin_lists_the_outbox(client, citizen):
    received(citizen)
    client.force_login(UserFactory(username="qt-tb", is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:portal_notification_changelist")).status_code == 200


def test_a_missing_placeholder_never_rolls_back_the_change(citizen):
    rows = notify("result_ready", citizen, key="dossier:5:result", context={"code": "X-1"})
    assert rows and "X-1" in rows[0].texts["vi"]["subject"]


def test_receipt_is_attached_to_the_email(
    citizen, django_capture_on_commit_callbacks, settings, tmp_path
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    path = default_storage.save("receipts/giay-tiep-nhan.pdf", ContentFile(b"%PDF-1.7 test"))
    with django_capture_on_commit_callbacks(execute=True):
        received(citizen, attachments=[{"name": "giay-tiep-nhan.pdf", "path": path}])
    assert mail.outbox[0].attachments[0][0] == "giay-tiep-nhan.pdf"


def test_bulk_rows_store_every_field_as_rendered(citizen):
    """notify_many's one-statement insert: texts, payload, statuses and times as written, per channel."""
    from django.db import DataError

    from portal.notifications.services import Message, notify_many

    contact = Contact(ref="walkin-9", email="ba.o'hara@example.vn", phone="0987654321")
    with transaction.atomic():
        rows = notify_many(
            "dossier_received",
            [
                Message(
                    [citizen, contact],
                    key=f"bulk:{n}",
                    context={
                        "code": f'Mã "{n}" 50%',
                        "procedure": "Đăng ký khai sinh\nlần đầu",
                        "at": dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
                        "due": dt.date(2026, 3, 9),
                    },
                    link=f"/ho-so/{n}/",
                )
                for n in range(3)
            ],
        )
    stored = {row.key: row for row in Notification.objects.filter(key__startswith="bulk:")}
    assert len(stored) == len(rows) == 3 * 5  # citizen: in-app, email, SMS; contact: email, SMS
    for row in rows:
        saved = stored[row.key]
        for field in ("event", "channel", "recipient_id", "address", "language", "status", "link"):
            assert getattr(saved, field) == getattr(row, field), field
        assert saved.texts == row.texts and saved.payload == row.payload
        assert saved.created_at == row.created_at and saved.next_attempt_at == row.next_attempt_at
        assert (saved.sent_at is not None) == (saved.channel == "in_app")
    email = stored[f"bulk:1:c{contact.ref}:email"]
    assert email.address == "ba.o'hara@example.vn" and email.recipient_id is None
    assert 'Mã "1" 50%' in email.texts["vi"]["subject"]
    assert email.payload["context"]["procedure"] == "Đăng ký khai sinh\nlần đầu"
    assert stored[f"bulk:0:u{citizen.pk}:in_app"].texts.keys() == {"vi", "en"}
    # A value too long for its column is refused, never cut short.
    with pytest.raises(DataError), transaction.atomic():
        notify_many("dossier_received", [Message([citizen], key="x" * 300, context={})])
