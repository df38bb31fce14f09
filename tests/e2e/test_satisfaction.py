"""A citizen rates a returned dossier from the invitation link (no sign-in); after the facts refresh
the public statistics page shows the new rating."""

import re

import pytest
from django.apps import apps

from satisfaction import defaults
from satisfaction.models import SurveyResponse
from satisfaction.refresh import refresh
from satisfaction.services import surveys
from tests.e2e.conftest import accessibility_problems
from tests.procedures.factories import AgencyFactory
from tests.satisfaction.factories import returned_dossier

pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_rates_from_the_invitation_link_and_the_public_page_shows_it_after_refresh(page):
    defaults.install(apps)  # transactional tests start from an empty database
    agency = AgencyFactory(code="000.00.31.H56", name="Sở Tư pháp tỉnh Thử nghiệm")
    dossier = returned_dossier(agency=agency)
    refresh()
    stats_url = f"{page.base_url}/thong-ke/?co_quan={agency.pk}"
    page.goto(stats_url)
    assert page.locator('[data-figure="satisfaction"]').inner_text().startswith("0 /")

    link = surveys.invitation_url(surveys.invite(dossier), absolute=False)
    page.goto(page.base_url + link)
    assert page.locator("h1").inner_text() == "Phiếu đánh giá mức độ hài lòng"
    assert dossier.code in page.content()
    assert accessibility_problems(page) == []
    questions = page.locator("fieldset.survey-question")
    assert questions.count() == 5

    # First try: one answer at "Rất không hài lòng" without saying why → refused, nothing saved.
    for i in range(5):
        questions.nth(i).get_by_label("5 Rất hài lòng").check()
    questions.nth(2).get_by_label("1 Rất không hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.locator(".error-summary").is_visible()
    assert "điều gì chưa tốt" in page.locator(".error-summary").inner_text()
    assert not SurveyResponse.objects.exists()

    # The answers were kept; change the civil servant to "Hài lòng" and send.
    questions = page.locator("fieldset.survey-question")
    assert questions.nth(0).get_by_label("5 Rất hài lòng").is_checked()
    questions.nth(2).get_by_label("4 Hài lòng").check()
    page.get_by_label("Ý kiến khác (không bắt buộc)").fill("Cán bộ hướng dẫn tận tình.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.locator("h1").inner_text() == "Cảm ơn Ông/Bà đã đánh giá"
    assert "4,80/5" in page.locator(".message-success").inner_text()

    # The public page reads the fact tables: nothing changes until they are refreshed.
    page.goto(stats_url)
    assert page.locator('[data-figure="satisfaction"]').inner_text().startswith("0 /")
    refresh()
    page.goto(stats_url)
    assert re.match(r"1 / 100,0\s*%", page.locator('[data-figure="satisfaction"]').inner_text())
    assert page.locator("svg.chart").count() >= 4
    assert page.locator("table.data-table").count() >= 4
    assert accessibility_problems(page) == []

    # Shareable: the same URL gives the same figures; the results page agrees.
    page.goto(f"{page.base_url}/danh-gia/ket-qua/?co_quan={agency.pk}")
    assert page.locator('[data-figure="responses"]').inner_text() == "1"
    # The trend per month: a chart with its table, this month counting the new rating.
    assert page.locator("#chart-satisfaction-trend").is_visible()
    trend = page.locator("#xu-huong table.data-table tbody tr").last
    assert trend.locator("td").first.inner_text() == "1"
    assert accessibility_problems(page) == []
