"""Factories of the dossiers app. ``DossierFactory(status=...)`` builds a dossier directly in a state
(for queues and permission tests); walking transitions goes through dossiers.services."""

import datetime as dt

import factory
import factory.random
from django.utils import timezone

from dossiers.models import (
    Attachment,
    Channel,
    Dossier,
    DossierEvent,
    Note,
    State,
    SupplementItem,
    SupplementRequest,
)
from tests.accounts.factories import CitizenFactory
from tests.procedures.factories import AgencyFactory, ProcedureVersionFactory


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    agency = factory.SubFactory(AgencyFactory)
    procedure_version = factory.SubFactory(
        ProcedureVersionFactory,
        published=True,
        owner_agency=factory.SelfAttribute("..agency"),
    )
    applicant = factory.SubFactory(CitizenFactory)
    submitted_by = factory.SelfAttribute("applicant")
    applicant_name = factory.LazyAttribute(lambda d: d.applicant.full_name if d.applicant else "")
    applicant_id_number = factory.LazyAttribute(
        lambda d: d.applicant.id_number if d.applicant else ""
    )
    applicant_phone = factory.LazyAttribute(lambda d: d.applicant.phone if d.applicant else "")
    applicant_email = factory.LazyAttribute(lambda d: d.applicant.email if d.applicant else "")
    applicant_address = "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội"
    channel = Channel.ONLINE
    status = State.SUBMITTED
    code = factory.LazyAttribute(
        lambda d: (
            None
            if d.status == State.DRAFT
            else f"{d.agency.code}-{factory.random.randgen.randint(0, 10**9):09d}"
        )
    )
    submitted_at = factory.LazyAttribute(
        lambda d: None if d.status == State.DRAFT else timezone.now() - dt.timedelta(hours=2)
    )


class DossierEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierEvent

    dossier = factory.SubFactory(DossierFactory)
    action = "submit"
    to_state = State.SUBMITTED


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    dossier = factory.SubFactory(DossierFactory)
    file = factory.django.FileField(filename="giay-to.pdf", data=b"%PDF-1.4\n%test\n")
    name = "giay-to.pdf"
    size = 15
    content_type = "application/pdf"


class SupplementRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplementRequest

    dossier = factory.SubFactory(DossierFactory, status=State.SUPPLEMENT_AT_INTAKE)
    phase = SupplementRequest.Phase.INTAKE


class SupplementItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplementItem

    request = factory.SubFactory(SupplementRequestFactory)
    content = "Bản sao Giấy khai sinh"
    reason = "Bản chụp bị mờ, không đọc được"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    dossier = factory.SubFactory(DossierFactory)
    author = factory.SubFactory(CitizenFactory)
    body = "Đề nghị kiểm tra lại giấy tờ số 2."
