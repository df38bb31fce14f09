"""Survey responses: one per dossier, on the scale, only once there is a result; links signed, expiring."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import signing
from django.utils import timezone

from satisfaction.models import ResponseChannel, SurveyAnswer, SurveyInvitation, SurveyResponse
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings, SurveyError
from tests.accounts.factories import MembershipFactory
from tests.dossiers.factories import DossierFactory
from tests.satisfaction.factories import ALL_FIVE, returned_dossier

pytestmark = pytest.mark.django_db


def rate(dossier, values=None, channel=ResponseChannel.LINK, **kwargs):
    return surveys.submit_response(
        dossier, Ratings(values or dict(ALL_FIVE), **kwargs), channel=channel
    )


def test_a_returned_dossier_can_be_rated_and_the_response_copies_where_it_was_handled():
    dossier = returned_dossier()
    response = rate(dossier, {**ALL_FIVE, "officer": 4}, comment="Nhanh, gọn")
    assert response.average == Decimal("4.80")
    assert response.is_satisfied and not response.is_dissatisfied
    assert response.agency_id == dossier.agency_id
    assert response.procedure_id == dossier.procedure_version.procedure_id
    assert SurveyAnswer.objects.filter(response=response).count() == 5


def test_a_second_response_for_the_same_dossier_at_the_counter_is_refused_and_nothing_changes():
    dossier = returned_dossier()
    rate(dossier)
    with pytest.raises(SurveyError) as error:
        rate(dossier, {**ALL_FIVE, "result": 1}, channel=ResponseChannel.COUNTER, problem="x")
    assert error.value.status == 409 and "đã được đánh giá" in error.value.message
    assert SurveyResponse.objects.get(dossier=dossier).average == 5


def test_the_applicant_may_change_the_response_within_the_window_but_not_after(travel):
    dossier = returned_dossier()
    rate(dossier)
    travel.to(timezone.now() + dt.timedelta(days=3))
    changed = rate(dossier, {**ALL_FIVE, "access": 3})
    assert changed.average == Decimal("4.60")
    assert SurveyResponse.objects.count() == 1 and SurveyAnswer.objects.count() == 5
    travel.to(timezone.now() + dt.timedelta(days=8))
    with pytest.raises(SurveyError) as error:
        rate(dossier, {**ALL_FIVE, "access": 1}, problem="Quá xa")
    assert error.value.code == "duplicate"
    assert SurveyResponse.objects.get().average == Decimal("4.60")


@pytest.mark.parametrize("bad", [0, 6, -1, "năm", 4.5, "4.5", True])
def test_a_rating_outside_the_scale_is_refused_and_nothing_is_saved(bad):
    dossier = returned_dossier()
    with pytest.raises(SurveyError) as error:
        rate(dossier, {**ALL_FIVE, "result": bad})
    assert error.value.code == "out_of_scale"
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_a_dossier_without_a_result_cannot_be_rated():
    dossier = DossierFactory(status="processing")
    with pytest.raises(SurveyError) as error:
        rate(dossier)
    assert error.value.code == "no_result" and error.value.status == 409
    assert not SurveyResponse.objects.exists()


def test_every_required_question_must_be_answered():
    with pytest.raises(SurveyError) as error:
        rate(returned_dossier(), {"access": 5})
    assert error.value.code == "missing"


def test_a_dissatisfied_rating_asks_what_went_wrong_and_is_routed_to_the_agency_leaders():
    dossier = returned_dossier()
    leader = MembershipFactory(agency=dossier.agency, role="leader")
    with pytest.raises(SurveyError) as error:
        rate(dossier, {**ALL_FIVE, "officer": 1})
    assert error.value.code == "problem_missing"
    assert not SurveyResponse.objects.exists()
    response = rate(dossier, {**ALL_FIVE, "officer": 1}, problem="Cán bộ không hướng dẫn")
    assert response.is_dissatisfied and response.routed_at is not None
    assert response.problem == "Cán bộ không hướng dẫn"
    assert SurveyResponse.objects.awaiting_follow_up().for_agencies([leader.agency]).count() == 1


def test_invitation_link_resolves_and_refuses_forged_revoked_and_expired_links(travel):
    dossier = returned_dossier()
    invitation = surveys.invite(dossier)
    assert surveys.invite(dossier) == invitation  # idempotent
    token = surveys.make_token(invitation)
    assert surveys.resolve_token(token) == invitation

    with pytest.raises(SurveyError) as forged:
        surveys.resolve_token(token[:-3] + "abc")
    assert forged.value.code == "forged" and forged.value.status == 404
    other = signing.dumps({"d": dossier.pk, "n": "0" * 32}, salt=surveys.TOKEN_SALT)
    with pytest.raises(SurveyError):
        surveys.resolve_token(other)

    travel.to(invitation.expires_at + dt.timedelta(minutes=1))
    with pytest.raises(SurveyError) as expired:
        surveys.resolve_token(token)
    assert expired.value.code == "expired" and expired.value.status == 410
    assert "hết hạn" in expired.value.message


def test_a_revoked_invitation_link_is_refused():
    invitation = surveys.invite(returned_dossier())
    token = surveys.make_token(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    with pytest.raises(SurveyError) as revoked:
        surveys.resolve_token(token)
    assert revoked.value.status == 404 and "không còn hiệu lực" in revoked.value.message


def test_no_invitation_before_the_result():
    assert surveys.invite(DossierFactory(status="processing")) is None
    assert not SurveyInvitation.objects.exists()


def test_returning_the_result_invites_the_applicant_after_commit(
    django_capture_on_commit_callbacks,
):
    from dossiers.services.base import append_event
    from portal.notifications.models import Notification

    dossier = returned_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        append_event(dossier, "return_result", None, from_state="result_ready")
    invitation = SurveyInvitation.objects.get(dossier=dossier)
    assert invitation.expires_at > timezone.now() + dt.timedelta(days=29)
    note = Notification.objects.filter(event="survey_invitation").first()
    assert note is not None and "/danh-gia/moi/" in str(note.payload)


def test_the_sweeper_invites_recently_returned_dossiers_once():
    from satisfaction.tasks import send_survey_invitations

    returned_dossier()
    DossierFactory(status="processing")
    assert send_survey_invitations() == 1
    assert send_survey_invitations() == 0
    assert SurveyInvitation.objects.count() == 1


def test_without_an_active_survey_form_returning_the_result_still_works():
    from satisfaction.models import SurveyForm

    SurveyForm.objects.update(status="retired")
    assert surveys.invite(returned_dossier()) is None
    assert not SurveyInvitation.objects.exists()
