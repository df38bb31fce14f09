"""A citizen goes from the catalogue to a downloaded result: a draft with attachments, the fee paid in
the sandbox gateway, submission, a supplement request answered, the result. And anyone looks a
dossier up by its code."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import Membership
from dossiers.models import Dossier, Payment, State
from dossiers.services import processing
from procedures.models import OnlineLevel
from tests.accounts.factories import CitizenFactory, StaffFactory
from tests.e2e.conftest import accessibility_problems
from tests.procedures.factories import (
    AgencyFactory,
    DossierComponentFactory,
    FeeFactory,
    ProcedureVersionFactory,
    ProcessStepFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RESULT = b"%PDF-1.4\n% Giay khai sinh ban dien tu\n%%EOF\n"
SCHEMA = {
    "fields": [
        {"name": "ho_ten_tre", "type": "text", "label": {"vi": "Họ, chữ đệm, tên của trẻ"},
         "required": True},
        {"name": "ngay_sinh", "type": "date", "label": {"vi": "Ngày sinh"}, "required": True},
        {"name": "gioi_tinh", "type": "radio", "label": {"vi": "Giới tính"}, "required": True,
         "choices": [{"value": "nam", "label": {"vi": "Nam"}}, {"value": "nu", "label": {"vi": "Nữ"}}]},
    ]
}  # fmt: skip


def sign_in(page, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.base_url}])


def grant(user, agency, role):
    Membership.objects.create(
        user=user, agency=agency, role=role, started_at=timezone.now() - dt.timedelta(days=365)
    )
    return user


@pytest.fixture
def birth_registration(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.PAYMENT_PROVIDERS = {
        "sandbox": {"class": "dossiers.payments.contrib.sandbox.SandboxProvider", "secret": "e2e"},
    }
    settings.PAYMENT_DEFAULT_PROVIDER = "sandbox"
    agency = AgencyFactory(code="000.00.12.H26", name="Ủy ban nhân dân phường Thuận Hóa")
    unit = AgencyFactory(code="000.01.12.H26", name="Công chức Tư pháp - Hộ tịch", parent=agency)
    version = ProcedureVersionFactory(
        published=True,
        owner_agency=agency,
        online_level=OnlineLevel.FULL,
        channel_online=True,
        name="Đăng ký khai sinh",
        form_schema=SCHEMA,
    )
    DossierComponentFactory(version=version, name="Tờ khai đăng ký khai sinh", order=1)
    DossierComponentFactory(version=version, name="Giấy chứng sinh", order=2)
    FeeFactory(version=version, amount=8000, description="Lệ phí đăng ký khai sinh")
    for order, (name, role) in enumerate(
        [("Tiếp nhận", "receiving_officer"), ("Thẩm định", "specialist"), ("Phê duyệt", "leader")]
    ):
        ProcessStepFactory(
            version=version, order=order, name=name, role=role, budget_hours=Decimal("8")
        )
    staff = {
        "receiver": grant(StaffFactory(), agency, "receiving_officer"),
        "leader": grant(StaffFactory(), unit, "leader"),
        "specialist": grant(StaffFactory(), unit, "specialist"),
    }
    citizen = CitizenFactory(full_name="Trần Thị Bình", address="12 Lê Lợi, Huế")
    return version, agency, unit, staff, citizen


def test_a_citizen_submits_pays_answers_a_supplement_and_downloads_the_result(
    page, birth_registration, tmp_path
):
    version, _agency, unit, staff, citizen = birth_registration
    sign_in(page, citizen)

    # From the catalogue to a draft.
    page.goto(f"{page.base_url}/thu-tuc/{version.procedure.code}/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_role("button", name="Bắt đầu khai hồ sơ").click()
    page.wait_for_selector("h1:has-text('Khai hồ sơ')")
    assert accessibility_problems(page) == []
    assert page.locator("text=Trần Thị Bình").count() >= 1  # prefilled from the account

    # The e-form and one file per component; first an executable dressed as a PDF.
    virus = tmp_path / "to-khai.pdf"
    virus.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    form_file = tmp_path / "to-khai-khai-sinh.pdf"
    form_file.write_bytes(PDF)
    birth_file = tmp_path / "giay-chung-sinh.pdf"
    birth_file.write_bytes(PDF + b"% chung sinh\n")
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("Trần Minh An")
    page.get_by_label("Ngày sinh").fill("20/11/2026")
    page.get_by_label("Nữ").check()
    components = list(version.components.all())
    page.set_input_files(f"#tp-{components[0].pk}", str(virus))
    page.get_by_role("button", name="Lưu và xem lại").click()
    assert page.locator(".error-summary").get_by_text("chạy được").count() >= 1
    page.get_by_label("Ngày sinh").fill("20/11/2026")
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("Trần Minh An")
    page.get_by_label("Nữ").check()
    page.set_input_files(f"#tp-{components[0].pk}", str(form_file))
    page.set_input_files(f"#tp-{components[1].pk}", str(birth_file))
    page.get_by_role("button", name="Lưu và xem lại").click()
    page.wait_for_selector("h1:has-text('Xem lại và nộp hồ sơ')")
    assert page.get_by_text("Chưa nộp phí, lệ phí trực tuyến.").is_visible()

    # Pay in the sandbox gateway: its own page, a signed callback, back to the portal.
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_selector("h1:has-text('Cổng thanh toán thử nghiệm')")
    assert page.get_by_text("8.000 đ").is_visible()
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    page.wait_for_selector("h1:has-text('Xem lại và nộp hồ sơ')")
    assert page.get_by_text("Thanh toán thành công").is_visible()
    assert Payment.objects.get().status == Payment.Status.PAID

    # Submit with a double click: one dossier, one submission.
    page.get_by_role("button", name="Nộp hồ sơ").dblclick()
    page.wait_for_selector(".message-success:has-text('Đã nộp hồ sơ')")
    dossier = Dossier.objects.get()
    assert dossier.events.filter(action="submit").count() == 1
    assert dossier.status == State.SUBMITTED and dossier.code.startswith("000.00.12.H26-")
    assert page.get_by_text("Mã tra cứu (PIN)").is_visible()

    # The receiving desk asks for a clearer birth certificate.
    processing.request_intake_supplement(
        dossier,
        staff["receiver"],
        [
            {
                "content": "Giấy chứng sinh",
                "reason": "Bản chụp bị mờ",
                "component_id": components[1].pk,
            }
        ],
    )
    page.goto(f"{page.base_url}/ho-so/")
    page.get_by_role("link", name=dossier.code).click()
    assert page.get_by_text("Bản chụp bị mờ").first.is_visible()
    page.get_by_role("link", name="Bổ sung hồ sơ").click()
    clearer = tmp_path / "giay-chung-sinh-ro.pdf"
    clearer.write_bytes(PDF + b"% ro net\n")
    page.set_input_files(f"#tp-{components[1].pk}", str(clearer))
    page.get_by_label("Ghi chú gửi cơ quan (nếu có)").fill("Đã chụp lại bản rõ")
    page.get_by_role("button", name="Gửi bổ sung").click()
    page.wait_for_selector(".message-success:has-text('Đã gửi nội dung bổ sung')")
    dossier.refresh_from_db()
    assert dossier.status == State.SUBMITTED

    # The agency processes it to a signed result.
    processing.receive(dossier, staff["receiver"])
    processing.transfer(dossier, staff["receiver"], unit)
    processing.assign(dossier, staff["leader"], staff["specialist"])
    processing.submit_for_approval(dossier, staff["specialist"])
    processing.approve(dossier, staff["leader"])
    result = SimpleUploadedFile("ket-qua.pdf", RESULT, content_type="application/pdf")
    processing.issue_result(
        dossier, staff["specialist"], result, number="15/2026", summary="Giấy khai sinh"
    )

    page.reload()
    assert page.get_by_text("Đã xử lý xong").first.is_visible()
    with page.expect_download() as download:
        page.locator("#result-title + ul a").first.click()
    assert Path(download.value.path()).read_bytes() == RESULT
    log = page.locator("#log-title + div table").inner_text()
    for line in ("Nộp hồ sơ trực tuyến", "Yêu cầu bổ sung hồ sơ", "Công dân bổ sung hồ sơ"):
        assert line in log


def test_anyone_looks_a_dossier_up_by_code_and_id_number(page, birth_registration):
    from tests.dossiers.factories import DossierFactory

    version, agency, _unit, _staff, citizen = birth_registration
    DossierFactory(
        procedure_version=version,
        agency=agency,
        applicant=citizen,
        status=State.PROCESSING,
        code="000.00.12.H26-261120-0042",
        due_at=timezone.now() + dt.timedelta(days=3),
    )
    page.goto(page.base_url + "/")
    page.locator("#main").get_by_role("link", name="Tra cứu hồ sơ").click()
    page.get_by_label("Mã hồ sơ").fill("000.00.12.H26-261120-0042")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill(citizen.id_number)
    page.get_by_role("button", name="Tra cứu").click()
    result = page.locator(".lookup-result")
    assert "Đang xử lý" in result.inner_text()
    assert "Trần Thị Bình" not in page.content()
    assert accessibility_problems(page) == []
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("000000")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.get_by_text("Không tìm thấy hồ sơ").is_visible()
