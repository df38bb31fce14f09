"""Browser journeys of the one-stop shop: an online dossier from the receiving desk to the returned
result, and a walk-in dossier registered at the counter."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.models import Dossier, State, SupplementRequest
from dossiers.services import base
from tests.dossiers import conftest as dossier_fixtures
from tests.e2e.conftest import accessibility_problems

pytestmark = pytest.mark.django_db(transaction=True)

# The dossiers tests' fixtures: an agency with its unit, staff in every role, a published procedure.
world = dossier_fixtures.world
grant = dossier_fixtures.grant
_fast_password_hashing = dossier_fixtures._fast_password_hashing


@pytest.fixture
def as_staff(browser, live_server):
    """A browser page signed in as ``user`` with a verified second factor."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    contexts = []

    def _open(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "e2e"}
        )
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "accounts.backends.IdentifierBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": store.session_key,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url
        return page

    yield _open
    for context in contexts:
        context.close()


def _act(page, label, fill=None):
    """Open the action's panel on the dossier page, fill it, submit, and wait for the page."""
    panel = page.locator("details.action", has=page.locator("summary", has_text=label)).first
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    if fill:
        fill(panel)
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _submitted_online(world):
    from dossiers import deadlines

    now = timezone.now() - dt.timedelta(hours=1)
    dossier = Dossier(
        procedure_version=world.version,
        agency=world.agency,
        form_data={"ho_ten": world.citizen.full_name},
        submitted_at=now,
    )
    base.snapshot_applicant(dossier, world.citizen)
    dossier.submitted_by = world.citizen
    base.assign_code(dossier, now)
    dossier.intake_due_at = deadlines.intake_due(world.agency, now)
    dossier.save()
    dossier.submit()
    dossier.save(update_fields=["status"])
    base.append_event(dossier, "submit", world.citizen, from_state=State.DRAFT, at=now)
    return dossier


def _citizen_answers(dossier):
    """The applicant's answer (citizen side, services/citizen.py): the clock resumes."""
    from django.db import transaction

    with transaction.atomic():
        d = base.lock(dossier)
        d.answer_processing_supplement()
        base.resume_clock(d)
        SupplementRequest.objects.filter(dossier=d, status="open").update(
            status="answered", answered_at=timezone.now()
        )
        base.save_dossier(
            d, "status", "clock_pauses", "clock_paused_at", "due_at", "due_explanation"
        )
        base.append_event(
            d, "answer_supplement", d.applicant, from_state=State.SUPPLEMENT_IN_PROCESSING
        )


def test_online_dossier_from_the_receiving_desk_to_the_returned_result(world, as_staff, tmp_path):
    from django.apps import apps

    from satisfaction import defaults

    # The survey form comes from a data migration that an earlier transactional test may have
    # flushed; returning the result invites the applicant to rate the service.
    defaults.install(apps)
    dossier = _submitted_online(world)

    # Receiving desk: the new dossier is in the queue, oldest first, with the time left.
    desk = as_staff(world.receiver)
    desk.goto(desk.base_url + "/can-bo/ho-so/?tab=tiep-nhan")
    assert accessibility_problems(desk) == []
    row = desk.locator("table.queue tbody tr", has_text=dossier.code)
    assert "giờ làm việc" in row.inner_text()
    row.get_by_role("link", name=dossier.code).click()
    desk.wait_for_url(f"**/can-bo/ho-so/{dossier.pk}/")
    desk.wait_for_load_state()
    assert accessibility_problems(desk) == []
    _act(desk, "Tiếp nhận, cấp giấy hẹn")
    assert "Đã tiếp nhận hồ sơ" in desk.locator(".messages").inner_text()
    receipt_link = desk.get_by_role("link", name="Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    pdf = desk.context.request.get(desk.base_url + receipt_link.first.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    _act(
        desk,
        "Chuyển đơn vị xử lý",
        lambda p: p.get_by_label("Chuyển đến đơn vị").select_option(label=world.unit.name),
    )
    assert "Đang xử lý" in desk.locator("dl.record").inner_text()

    # The unit leader assigns a specialist.
    leader = as_staff(world.leader)
    leader.goto(leader.base_url + f"/can-bo/ho-so/{dossier.pk}/")
    _act(
        leader,
        "Phân công chuyên viên",
        lambda p: p.get_by_label("Chuyên viên xử lý").select_option(label=str(world.specialist)),
    )

    # The specialist finds it in "my work" and asks for a supplement: the clock stops.
    specialist = as_staff(world.specialist)
    specialist.goto(specialist.base_url + "/can-bo/ho-so/?tab=cua-toi")
    specialist.get_by_role("link", name=dossier.code).click()
    specialist.wait_for_url(f"**/can-bo/ho-so/{dossier.pk}/")

    def supplement(panel):
        panel.get_by_label("Nội dung cần bổ sung 1").fill("Bản chụp CCCD rõ nét")
        panel.get_by_label("Lý do 1").fill("Ảnh chụp mờ, không đọc được số định danh")

    _act(specialist, "Yêu cầu bổ sung (khi xử lý)", supplement)
    assert "Tạm dừng tính thời gian" in specialist.locator("dl.record").inner_text()
    _citizen_answers(dossier)

    specialist.reload()
    _act(specialist, "Trình lãnh đạo phê duyệt")

    # The leader approves from the overview screen.
    leader.goto(leader.base_url + "/can-bo/lanh-dao/")
    leader.wait_for_load_state()
    assert accessibility_problems(leader) == []
    with leader.expect_navigation():
        leader.get_by_role("button", name=f"Phê duyệt hồ sơ {dossier.code}").click()
    leader.wait_for_load_state()
    assert "Đã phê duyệt" in leader.locator(".messages").inner_text()

    # The specialist uploads the signed result.
    signed = tmp_path / "ket-qua.pdf"
    signed.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    specialist.reload()
    _act(
        specialist,
        "Ban hành kết quả",
        lambda p: p.get_by_label("Tệp kết quả đã ký số (PDF)").set_input_files(str(signed)),
    )
    assert "Đã ban hành kết quả" in specialist.locator(".messages").inner_text()

    # The desk returns it online; the dossier closes.
    desk.goto(desk.base_url + "/can-bo/ho-so/?tab=tra-ket-qua")
    desk.get_by_role("link", name=dossier.code).click()
    desk.wait_for_url(f"**/can-bo/ho-so/{dossier.pk}/")
    _act(desk, "Trả kết quả")
    assert "Đã trả kết quả" in desk.locator("dl.record").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == State.RETURNED
    assert [e.action for e in dossier.events.all()][-1] == "return_result"


def test_walk_in_dossier_registered_at_the_counter(world, as_staff, tmp_path):
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(b"%PDF-1.4\nscan\n")
    desk = as_staff(world.receiver)
    desk.goto(desk.base_url + "/can-bo/tiep-nhan-truc-tiep/")
    desk.get_by_label("Thủ tục hành chính").select_option(label=world.version.name)
    desk.get_by_role("button", name="Tiếp tục").click()
    desk.wait_for_url("**thu_tuc=*")
    desk.wait_for_load_state()
    assert accessibility_problems(desk) == []
    desk.get_by_label("Họ tên người yêu cầu / tên tổ chức").fill("Vũ Thị Quầy")
    desk.get_by_label("Số định danh cá nhân / mã số thuế").fill("001190000555")
    desk.get_by_label("Số điện thoại").fill("0912000555")
    desk.get_by_label("Hình thức nhận kết quả").select_option("counter")
    desk.get_by_label(f"Bản số hóa: {world.component.name}").set_input_files(str(scan))
    with desk.expect_navigation():
        desk.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    desk.wait_for_load_state()
    assert "Đã tiếp nhận hồ sơ" in desk.locator(".messages").inner_text()
    dossier = Dossier.objects.get(applicant_name="Vũ Thị Quầy")
    assert dossier.status == State.RECEIVED and dossier.channel == "counter"
    link = desk.get_by_role("link", name="Giấy tiếp nhận hồ sơ và hẹn trả kết quả").first
    pdf = desk.context.request.get(desk.base_url + link.get_attribute("href"))
    assert pdf.body().startswith(b"%PDF-")
    assert dossier.attachments.get().source == "scan"
