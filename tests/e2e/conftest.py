"""Real Chromium (Debian's package) driven by Playwright against pytest-django's live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see .ci/run)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to run
    # from it unless told that the test thread is not really async.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def accessibility_problems(page) -> list[str]:
    """A basic check: lang set, exactly one h1, every form control labelled, images with alt."""
    return page.evaluate(
        """() => {
        const problems = [];
        if (!document.documentElement.lang) problems.push('html has no lang');
        const h1s = document.querySelectorAll('h1').length;
        if (h1s !== 1) problems.push(`expected one h1, found ${h1s}`);
        for (const el of document.querySelectorAll('input, select, textarea')) {
          if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
          const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`))
            || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          if (!labelled) problems.push(`unlabelled ${el.tagName.toLowerCase()} ${el.name || ''}`);
        }
        for (const img of document.querySelectorAll('img')) {
          if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.src}`);
        }
        if (!document.querySelector('main')) problems.push('no main landmark');
        return problems;
    }"""
    )
