"""The dossiers' part of a person's data rights: a deletion request keeps what the records need while
dossiers are handled or archived (and says so), and the data export includes the dossiers."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dossiers import privacy
from dossiers.models import Attachment, IssuedDocument, Payment, PersonalDocument, State
from tests.accounts.factories import CitizenFactory
from tests.dossiers.factories import DossierEventFactory, DossierFactory

pytestmark = pytest.mark.django_db


def test_an_open_dossier_keeps_the_identity_and_the_citizen_is_told_which_and_why(client):
    person = CitizenFactory(id_number="001090012345", full_name="Nguyễn Văn An")
    dossier = DossierFactory(applicant=person, status=State.PROCESSING)
    client.force_login(person)

    page = client.get(reverse("accounts:delete")).content.decode()
    assert dossier.code in page and "đang được giải quyết" in page

    response = client.post(reverse("accounts:delete"), {"confirm": "yes"})
    body = response.content.decode()
    assert response.status_code == 200
    assert dossier.code in body and "còn phải lưu trữ" in body
    person.refresh_from_db()
    assert (person.full_name, person.id_number) == ("Nguyễn Văn An", "001090012345")
    assert (person.email, person.phone, person.is_active) == ("", "", False)


def test_a_closed_dossier_within_its_archival_period_keeps_the_identity(settings, travel):
    travel.to("2026-03-02 09:00")
    settings.DOSSIER_RETENTION_YEARS = 10
    person = CitizenFactory()
    DossierFactory(
        applicant=person, status=State.RETURNED, closed_at=timezone.now() - dt.timedelta(days=30)
    )
    (reason,) = privacy.retention_reasons(person)
    assert "được lưu trữ đến hết ngày 31/01/2036" in reason


def test_the_reasons_are_in_english_for_an_english_page(client):
    person = CitizenFactory()
    dossier = DossierFactory(applicant=person, status=State.RECEIVED)
    client.force_login(person)
    client.cookies["portal_language"] = "en"
    body = client.post(reverse("accounts:delete"), {"confirm": "yes"}).content.decode()
    assert f"Dossier {dossier.code}" in body and "is being handled" in body


def test_erasure_goes_through_when_every_dossier_is_past_its_archival_period(settings, travel):
    travel.to("2026-03-02 09:00")
    settings.DOSSIER_RETENTION_YEARS = 5
    person = CitizenFactory()
    DossierFactory(
        applicant=person,
        status=State.RETURNED,
        closed_at=timezone.now() - dt.timedelta(days=6 * 366),
    )
    DossierFactory(applicant=person, status=State.DRAFT)  # a draft is not a record
    from accounts.services.privacy import request_deletion

    assert request_deletion(person) == []
    person.refresh_from_db()
    assert (person.full_name, person.id_number) == ("", "")


def test_a_dossier_submitted_for_someone_else_keeps_the_representatives_identity():
    agent = CitizenFactory()
    DossierFactory(submitted_by=agent, status=State.SUBMITTED)
    assert len(privacy.retention_reasons(agent)) == 1


def test_many_dossiers_are_listed_up_to_ten_then_counted():
    person = CitizenFactory()
    DossierFactory.create_batch(12, applicant=person, status=State.RECEIVED)
    reasons = privacy.retention_reasons(person)
    assert len(reasons) == privacy.LISTED + 1
    assert "2 hồ sơ khác" in reasons[-1]


def test_the_export_has_the_dossiers_their_log_and_the_metadata_of_their_files(client):
    person = CitizenFactory()
    dossier = DossierFactory(applicant=person, status=State.RECEIVED, form_data={"ho_ten": "An"})
    DossierEventFactory(dossier=dossier, action="receive", is_public=True, note="Đủ giấy tờ")
    DossierEventFactory(dossier=dossier, action="note", is_public=False, note="nội bộ")
    Attachment.objects.create(
        dossier=dossier, file="dossiers/x.pdf", name="to-khai.pdf", size=10, sha256="ab" * 32
    )
    IssuedDocument.objects.create(
        dossier=dossier,
        agency=dossier.agency,
        kind=IssuedDocument.Kind.RECEIPT,
        file="issued/r.pdf",
    )
    Payment.objects.create(dossier=dossier, amount=50000, status=Payment.Status.PAID)
    PersonalDocument.objects.create(owner=person, file="personal/a.pdf", name="cccd.pdf")
    DossierFactory()  # someone else's
    client.force_login(person)

    data = json.loads(client.get(reverse("accounts:my-data")).content)

    (exported,) = data["dossiers"]
    assert exported["code"] == dossier.code and exported["form_data"] == {"ho_ten": "An"}
    assert [e["action"] for e in exported["events"]] == ["receive"]  # internal notes are not shown
    assert exported["attachments"][0]["name"] == "to-khai.pdf"
    assert exported["documents"][0]["kind"] == IssuedDocument.Kind.RECEIPT
    assert exported["payments"][0]["amount"] == 50000
    assert exported["retained_until"] is None  # still open
    assert data["personal_documents"][0]["name"] == "cccd.pdf"


def test_the_export_costs_the_same_queries_whatever_the_number_of_dossiers():
    person = CitizenFactory()
    DossierFactory(applicant=person)
    with CaptureQueriesContext(connection) as one:
        privacy.export(person)
    for dossier in DossierFactory.create_batch(5, applicant=person):
        DossierEventFactory(dossier=dossier, is_public=True)
        Attachment.objects.create(dossier=dossier, file="dossiers/y.pdf", name="y.pdf")
    with CaptureQueriesContext(connection) as six:
        privacy.export(person)
    assert len(six) == len(one)
