"""Fixtures for the citizen side: a published full-process procedure with an e-form, components and
fees; a verified citizen; the owner agency's receiving desk; private files in a temporary folder (to
see that nothing is left behind)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procedures.models import OnlineLevel
from tests.accounts.factories import CitizenFactory, MembershipFactory, StaffFactory
from tests.procedures.factories import (
    AgencyFactory,
    DossierComponentFactory,
    FeeFactory,
    ProcedureVersionFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100

SCHEMA = {
    "fields": [
        {"name": "ho_ten_cha", "type": "text", "label": {"vi": "Họ tên cha", "en": "Father"},
         "required": True, "max_length": 100},
        {"name": "ngay_sinh", "type": "date", "label": {"vi": "Ngày sinh của trẻ"}, "required": True},
        {"name": "ghi_chu", "type": "textarea", "label": {"vi": "Ghi chú"}},
    ]
}  # fmt: skip


def pdf(name="giay-to.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.PAYMENT_PROVIDERS = {
        "sandbox": {"class": "dossiers.payments.contrib.sandbox.SandboxProvider", "secret": "t"},
    }
    settings.PAYMENT_DEFAULT_PROVIDER = "sandbox"
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def agency(db):
    return AgencyFactory(code="000.00.12.H26", name="Ủy ban nhân dân phường Ba Đình")


@pytest.fixture
def version(agency):
    version = ProcedureVersionFactory(
        published=True,
        owner_agency=agency,
        online_level=OnlineLevel.FULL,
        channel_online=True,
        form_schema=SCHEMA,
        name="Đăng ký khai sinh",
    )
    DossierComponentFactory(version=version, name="Tờ khai đăng ký khai sinh", order=1)
    DossierComponentFactory(version=version, name="Giấy chứng sinh", order=2)
    DossierComponentFactory(
        version=version, name="Giấy tờ khác", order=3, is_mandatory=False, max_size_mb=1
    )
    FeeFactory(version=version, amount=50000, description="Lệ phí đăng ký khai sinh")
    return version


@pytest.fixture
def partial_version(agency):
    version = ProcedureVersionFactory(
        published=True, owner_agency=agency, online_level=OnlineLevel.PARTIAL, channel_online=True
    )
    DossierComponentFactory(version=version, name="Đơn đề nghị", order=1)
    return version


@pytest.fixture
def desk(agency):
    """A receiving officer of ``agency`` (the owner agency of ``version``, ``partial_version`` and
    ``ready_draft``), a member since long ago so that tests that travel back in time still see it."""
    from django.utils import timezone

    officer = StaffFactory()
    MembershipFactory(
        user=officer,
        agency=agency,
        role="receiving_officer",
        started_at=timezone.now() - dt.timedelta(days=3650),
    )
    return officer


@pytest.fixture
def citizen(db):
    return CitizenFactory(full_name="Nguyễn Văn An", address="Số 5 Phố Huế, Hà Nội")


ANSWERS = {"ho_ten_cha": "Nguyễn Văn An", "ngay_sinh": "2026-11-20", "ghi_chu": ""}


@pytest.fixture
def ready_draft(version, citizen):
    """A draft with valid answers and both mandatory files, fees not yet paid."""
    from dossiers.services import submission

    dossier = submission.start_draft(version, citizen)
    submission.save_draft(dossier, citizen, answers=ANSWERS)
    components = list(version.components.all())
    submission.add_files(dossier, citizen, {components[0].pk: [pdf()], components[1].pk: [pdf()]})
    dossier.refresh_from_db()
    return dossier


def pay_fees(dossier, user):
    """Pay the draft's fees through the sandbox: start, then its signed callback."""
    from dossiers.payments import registry
    from dossiers.services import payments

    payment = payments.fee_payment_for(dossier, user)
    payments.start(payment, user, build_urls=lambda p, n: ("http://t/ve/", "http://t/ipn/"))
    payment.refresh_from_db()
    params = registry.get("sandbox").sign(
        {
            "sb_reference": payment.provider_reference,
            "sb_amount": str(payment.amount),
            "sb_status": "success",
            "sb_transaction": "SB1",
        }
    )
    return payment, params


def paid(dossier, user):
    """Pay the draft's fees through the sandbox (``pay_fees``) and check the callback confirmed them."""
    from dossiers.payments.base import Outcome
    from dossiers.services import payments

    _payment, params = pay_fees(dossier, user)
    assert payments.handle_callback("sandbox", params) == Outcome.CONFIRMED
