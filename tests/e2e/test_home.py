import pytest

from tests.e2e.conftest import accessibility_problems

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_in_vietnamese_switches_to_english_and_is_accessible(page):
    page.goto(page.base_url + "/")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert (
        page.locator("h1").inner_text() == "Dịch vụ công trực tuyến cho người dân và doanh nghiệp"
    )
    assert accessibility_problems(page) == []

    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Online public services for citizens and businesses"
    assert accessibility_problems(page) == []


def test_skip_link_is_the_first_stop_for_keyboard_users(page):
    page.goto(page.base_url + "/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").is_visible()


def test_home_page_fits_a_360_px_phone_without_horizontal_scrolling(phone_page):
    phone_page.goto(phone_page.base_url + "/")

    scroll_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360
    assert phone_page.get_by_role("link", name="Tìm thủ tục hành chính").is_visible()
