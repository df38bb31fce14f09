"""Survey pages over HTTP: the signed link, the applicant's page, the counter; refusals say why."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from satisfaction.models import SurveyResponse
from satisfaction.services import surveys
from tests.dossiers.factories import DossierFactory
from tests.satisfaction.factories import returned_dossier
from tests.satisfaction.helpers import sign_in_staff

pytestmark = pytest.mark.django_db
ALL_FOUR = {f"q_{c}": "4" for c in ("access", "procedure", "officer", "result", "feedback")}


def link_for(dossier):
    return surveys.invitation_url(surveys.invite(dossier), absolute=False)


def test_the_invitation_link_shows_the_questions_without_signing_in_and_saves_the_rating(client):
    dossier = returned_dossier()
    url = link_for(dossier)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert dossier.code in html and "Rất không hài lòng" in html and "Rất hài lòng" in html
    assert html.count('type="radio"') == 25
    response = client.post(url, {**ALL_FOUR, "comment": "Tốt"})
    assert response.status_code == 200 and "Cảm ơn" in response.content.decode()
    saved = SurveyResponse.objects.get(dossier=dossier)
    assert saved.channel == "link" and saved.comment == "Tốt"


def test_a_forged_link_is_refused_with_a_clear_message(client):
    dossier = returned_dossier()
    url = link_for(dossier)
    response = client.get(url[:-6] + "xxxxx/")
    assert response.status_code == 404
    assert "không hợp lệ" in response.content.decode()


def test_an_expired_link_is_refused_and_nothing_is_saved(client, travel):
    dossier = returned_dossier()
    url = link_for(dossier)
    travel.to(timezone.now() + dt.timedelta(days=31))
    response = client.post(url, ALL_FOUR)
    assert response.status_code == 410 and "hết hạn" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_rating_outside_the_scale_is_refused_with_the_form_again(client):
    dossier = returned_dossier()
    response = client.post(link_for(dossier), {**ALL_FOUR, "q_result": "9"})
    assert response.status_code == 400
    assert "từ 1 đến 5" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_second_response_after_the_change_window_is_refused(client, travel):
    dossier = returned_dossier()
    url = link_for(dossier)
    client.post(url, ALL_FOUR)
    travel.to(timezone.now() + dt.timedelta(days=8))
    response = client.post(url, {**ALL_FOUR, "q_access": "5"})
    assert response.status_code == 409 and "đã được đánh giá" in response.content.decode()
    assert SurveyResponse.objects.get().average == 4


def test_a_dissatisfied_rating_without_saying_why_is_refused(client):
    dossier = returned_dossier()
    response = client.post(link_for(dossier), {**ALL_FOUR, "q_officer": "1"})
    assert response.status_code == 400
    assert "điều gì chưa tốt" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_applicant_rates_from_their_dossier_and_others_cannot(client):
    dossier = returned_dossier()
    client.force_login(DossierFactory(status="processing").applicant)
    assert client.get(reverse("satisfaction:survey-dossier", args=[dossier.pk])).status_code == 404
    client.force_login(dossier.applicant)
    response = client.post(reverse("satisfaction:survey-dossier", args=[dossier.pk]), ALL_FOUR)
    assert response.status_code == 200
    assert SurveyResponse.objects.get().respondent == dossier.applicant


def test_a_dossier_without_a_result_cannot_be_rated_from_its_page(client):
    dossier = DossierFactory(status="processing")
    client.force_login(dossier.applicant)
    response = client.get(reverse("satisfaction:survey-dossier", args=[dossier.pk]))
    assert response.status_code == 409 and "chưa có kết quả" in response.content.decode()


def test_the_counter_tablet_takes_the_dossier_code_then_the_questions(client):
    dossier = returned_dossier(channel="counter")
    sign_in_staff(client, agency=dossier.agency, role="receiving_officer")
    missing = client.post(reverse("satisfaction:counter"), {"code": "KHONG-CO"})
    assert missing.status_code == 404 and "Không tìm thấy hồ sơ" in missing.content.decode()
    start = client.post(reverse("satisfaction:counter"), {"code": dossier.code.lower()})
    assert start.status_code == 302
    response = client.post(start["Location"], ALL_FOUR)
    assert response.status_code == 200
    assert SurveyResponse.objects.get().channel == "counter"
    again = client.get(start["Location"])
    assert again.status_code == 409


def test_the_dossier_page_prompt_invites_then_offers_to_change_the_rating():
    from django.template import Context, Template

    template = Template("{% load survey_prompt %}{% survey_prompt dossier %}")
    open_dossier = DossierFactory(status="processing")
    assert "khi hồ sơ có kết quả" in template.render(Context({"dossier": open_dossier}))
    dossier = returned_dossier()
    html = template.render(Context({"dossier": dossier}))
    assert "Đánh giá ngay" in html and f"/danh-gia/ho-so/{dossier.pk}/" in html
    surveys.submit_response(dossier, surveys.Ratings({k[2:]: 4 for k in ALL_FOUR}), channel="link")
    html = template.render(Context({"dossier": dossier}))
    assert "đã đánh giá hồ sơ này: 4" in html and "Sửa đánh giá" in html


def test_a_rating_posted_to_a_forged_link_is_refused_and_nothing_is_saved(client):
    dossier = returned_dossier()
    url = link_for(dossier)
    response = client.post(url[:-6] + "xxxxx/", ALL_FOUR)
    assert response.status_code == 404 and "không hợp lệ" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_revoked_link_is_refused_and_nothing_is_saved(client):
    dossier = returned_dossier()
    url = link_for(dossier)
    dossier.survey_invitations.update(revoked_at=timezone.now())
    response = client.post(url, ALL_FOUR)
    assert response.status_code == 404 and "không còn hiệu lực" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_dossier_without_a_result_cannot_be_rated_at_the_counter(client):
    dossier = DossierFactory(status="processing", channel="counter")
    sign_in_staff(client, agency=dossier.agency, role="receiving_officer")
    url = reverse("satisfaction:counter-survey", args=[dossier.pk])
    response = client.post(url, ALL_FOUR)
    assert response.status_code == 409 and "chưa có kết quả" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_second_rating_posted_at_the_counter_is_refused_and_nothing_changes(client):
    dossier = returned_dossier(channel="counter")
    surveys.submit_response(dossier, surveys.Ratings({k[2:]: 5 for k in ALL_FOUR}), channel="link")
    sign_in_staff(client, agency=dossier.agency, role="receiving_officer")
    url = reverse("satisfaction:counter-survey", args=[dossier.pk])
    response = client.post(url, {**ALL_FOUR, "q_result": "1", "problem": "Chậm"})
    assert response.status_code == 409 and "đã được đánh giá" in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert (saved.average, saved.channel) == (5, "link")
    assert not saved.answers.filter(rating=1).exists()
