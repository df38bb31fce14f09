"""Browser journeys of the single account: register and verify, sign in, staff second factor,
and a citizen refused another citizen's page."""

import re

import pytest
from django.core import mail

from tests.accounts.factories import (
    CitizenFactory,
    MembershipFactory,
    add_totp_device,
    current_totp,
)
from tests.e2e.conftest import accessibility_problems

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Hoa-Sen-Trang-2026"


def test_a_citizen_registers_verifies_the_code_and_signs_in(page):
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Đăng ký", exact=True).click()
    assert page.locator("h1").inner_text() == "Đăng ký tài khoản"
    assert accessibility_problems(page) == []

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Ngày sinh").fill("1992-04-15")
    page.get_by_label("Số định danh cá nhân (CCCD, 12 chữ số)").fill("001192004567")
    page.get_by_role("textbox", name="Thư điện tử").fill("lan.nguyen@example.vn")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi mã xác thực").click()

    assert page.locator("h1").inner_text() == "Nhập mã xác thực"
    assert accessibility_problems(page) == []
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Mã xác thực (6 chữ số)").fill(code)
    page.get_by_role("button", name="Xác nhận").click()

    assert page.locator("h1").inner_text() == "Hồ sơ cá nhân"
    assert "001******567" in page.content()
    assert accessibility_problems(page) == []

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_role("link", name="Đăng nhập", exact=True).first.click()
    page.get_by_label(re.compile("Số định danh")).fill("001192004567")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.locator("h1").inner_text() == "Hồ sơ cá nhân"
    assert page.get_by_role("link", name="Nguyễn Thị Lan").is_visible()


def test_a_registration_with_an_invalid_id_number_shows_the_error_summary(page):
    page.goto(page.base_url + "/tai-khoan/dang-ky/")
    page.get_by_label("Số định danh cá nhân (CCCD, 12 chữ số)").fill("12345")
    page.get_by_role("button", name="Gửi mã xác thực").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "12 chữ số" in summary.inner_text()
    assert accessibility_problems(page) == []


def test_a_staff_member_signs_in_with_a_second_factor(page):
    member = MembershipFactory()
    device = add_totp_device(member.user)
    page.goto(page.base_url + "/can-bo/")
    assert "/tai-khoan/dang-nhap/" in page.url
    assert accessibility_problems(page) == []
    page.get_by_label(re.compile("Số định danh")).fill(member.user.username)
    page.get_by_label("Mật khẩu").fill("Mat-khau-2026!")
    page.get_by_role("button", name="Đăng nhập").click()

    assert page.locator("h1").inner_text() == "Xác thực hai bước"
    assert accessibility_problems(page) == []
    page.get_by_label(re.compile("Mã từ ứng dụng")).fill(current_totp(device))
    page.get_by_role("button", name="Xác nhận").click()

    assert page.locator("h1").inner_text() == "Khu vực cán bộ"
    assert member.agency.name in page.content()


def test_a_signed_in_citizen_is_refused_another_citizens_page(page):
    me, other = CitizenFactory(), CitizenFactory()
    page.goto(page.base_url + "/tai-khoan/dang-nhap/")
    page.get_by_label(re.compile("Số định danh")).fill(me.id_number)
    page.get_by_label("Mật khẩu").fill("Mat-khau-2026!")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.locator("h1").inner_text() == "Hồ sơ cá nhân"

    response = page.goto(page.base_url + f"/tai-khoan/{other.pk}/")
    assert response.status == 404
    assert other.full_name not in page.content()

    response = page.goto(page.base_url + "/can-bo/")
    assert response.status == 403


def test_sign_in_and_registration_fit_a_360_px_phone(phone_page):
    for path in ["/tai-khoan/dang-nhap/", "/tai-khoan/dang-ky/"]:
        phone_page.goto(phone_page.base_url + path)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path
