"""An admin imports the catalogue, fixes a rejected line, publishes; the public finds it without
diacritics; the API returns it."""

import io

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import Workbook

from procedures.importing import COLUMNS
from tests.accounts.factories import UserFactory
from tests.e2e.conftest import accessibility_problems
from tests.procedures.factories import AgencyFactory, SectorFactory

pytestmark = pytest.mark.django_db(transaction=True)

STEPS = "Tiếp nhận hồ sơ | Tiếp nhận | 1; Thẩm định | Chuyên viên | 5; Ký duyệt | Lãnh đạo | 2"


def spreadsheet(tmp_path, marriage_sector):
    rows = [
        ["1.001193", "Đăng ký khai sinh", "HT", "Cấp Xã", "X01", "Trong ngày", "",
         "Toàn trình", "Tờ khai đăng ký khai sinh | Bản chính | 1 | Bắt buộc", STEPS],
        ["1.000894", "Đăng ký kết hôn", marriage_sector, "Cấp Xã", "X01", "1 ngày làm việc",
         "Lệ phí đăng ký kết hôn: 0", "Toàn trình", "Tờ khai đăng ký kết hôn | Bản chính | 1 | Bắt buộc",
         STEPS],
    ]  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([label for _key, label in COLUMNS])
    for row in rows:
        sheet.append(row + [""] * (len(COLUMNS) - len(row)))
    path = tmp_path / f"danh-muc-{marriage_sector}.xlsx"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def sign_in(page, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.base_url}])


def import_file(page, path, agency_label):
    page.goto(page.base_url + "/quan-tri/procedures/procedureversion/nhap-danh-muc/")
    page.set_input_files("input[name=file]", str(path))
    page.select_option("select[name=owner_agency]", label=agency_label)
    page.check("input[name=apply]")
    page.get_by_role("button", name="Nhập").click()
    page.wait_for_selector("#import-report")


def test_admin_imports_fixes_a_line_publishes_and_the_public_finds_it_without_diacritics(
    page, tmp_path
):
    SectorFactory(code="HT", name="Hộ tịch")
    AgencyFactory(code="X01", name="UBND phường Thuận Hóa", level="commune")
    admin = UserFactory(username="quantri-e2e", is_staff=True, is_superuser=True)
    sign_in(page, admin)

    import_file(page, spreadsheet(tmp_path, "KHONGCO"), "UBND phường Thuận Hóa")
    report = page.locator("#import-report").inner_text()
    assert "Tạo mới" in report
    assert "Lĩnh vực “KHONGCO” không có trong danh mục lĩnh vực" in report

    import_file(page, spreadsheet(tmp_path, "HT"), "UBND phường Thuận Hóa")
    counts = page.locator(".import-counts").inner_text()
    assert "Tạo mới: 1" in counts and "Không đổi: 1" in counts and "Từ chối: 0" in counts

    page.goto(page.base_url + "/quan-tri/procedures/procedureversion/?q=1.000894")
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "publish_action")
    page.locator("button[name=index]").click()
    page.get_by_role("button", name="Xác nhận").click()
    assert "Đã công bố 1 phiên bản" in page.locator(".messagelist").inner_text()

    page.context.clear_cookies()
    page.goto(page.base_url + "/thu-tuc/")
    page.get_by_label("Tìm thủ tục").fill("dang ky ket hon")
    page.get_by_role("button", name="Tìm kiếm").click()
    assert "q=dang+ky+ket+hon" in page.url  # a shareable address, no JavaScript needed
    assert accessibility_problems(page) == []
    page.get_by_role("link", name="Đăng ký kết hôn").click()
    assert page.locator("h1").inner_text() == "Đăng ký kết hôn"
    assert page.get_by_role("link", name="Nộp hồ sơ trực tuyến").count() == 1
    assert accessibility_problems(page) == []

    # The unpublished draft from the same file stays invisible.
    page.goto(page.base_url + "/thu-tuc/?q=khai+sinh")
    assert "Đăng ký khai sinh" not in page.locator("main").inner_text()

    api = page.request.get(page.base_url + "/api/v1/procedures/?q=dang%20ky%20ket%20hon").json()
    assert [p["code"] for p in api["results"]] == ["1.000894"]
    assert page.request.get(page.base_url + "/api/v1/procedures/1.000894/").ok
