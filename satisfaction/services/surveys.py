"""Writes of surveys: invitations with signed links, responses (one per dossier), follow-up.

Refusals raise ``SurveyError`` with a Vietnamese message and a status code for the view; nothing is
saved when one is raised (every function is atomic and validates before writing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satisfaction.models import (
    ResponseChannel,
    SurveyAnswer,
    SurveyForm,
    SurveyInvitation,
    SurveyResponse,
)
from satisfaction.services.messaging import absolute, contact_for_dossier, send

TOKEN_SALT = "satisfaction.survey-invitation"  # noqa: S105 — a signing salt, not a secret
# A result exists once the dossier reached "Đã xử lý xong" (9) or "Đã trả kết quả" (10).
RATEABLE_STATES = frozenset({"result_ready", "returned"})


class SurveyError(Exception):
    def __init__(self, message: str, status: int = 400, code: str = "invalid"):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


@dataclass
class Ratings:
    """What the applicant answered: question code → value, plus the free texts."""

    values: dict[str, int | None]
    comment: str = ""
    problem: str = ""


def active_form() -> SurveyForm:
    form = SurveyForm.objects.active().prefetch_related("questions").first()
    if form is None:
        raise SurveyError(_("Chưa có phiếu khảo sát đang sử dụng."), status=503, code="no_form")
    return form


# --- invitations ---------------------------------------------------------------------------------------
def make_token(invitation: SurveyInvitation) -> str:
    return signing.dumps(
        {"d": invitation.dossier_id, "n": invitation.nonce.hex}, salt=TOKEN_SALT, compress=True
    )


def invitation_url(invitation: SurveyInvitation, absolute: bool = True) -> str:
    path = reverse("satisfaction:survey-link", args=[make_token(invitation)])
    return f"{settings.SITE_URL.rstrip('/')}{path}" if absolute else path


def resolve_token(token: str) -> SurveyInvitation:
    """The invitation behind a link; refuses forged, revoked and expired links."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise SurveyError(
            _("Đường dẫn đánh giá không hợp lệ. Vui lòng dùng đúng đường dẫn trong thư mời."),
            status=404,
            code="forged",
        ) from None
    invitation = (
        SurveyInvitation.objects.select_related("dossier")
        .filter(nonce=data.get("n"), dossier_id=data.get("d"))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise SurveyError(_("Đường dẫn đánh giá không còn hiệu lực."), status=404, code="forged")
    if invitation.is_expired:
        raise SurveyError(
            _(
                "Đường dẫn đánh giá đã hết hạn. Ông/Bà có thể đăng nhập và đánh giá từ trang hồ sơ, "
                "hoặc đánh giá tại quầy."
            ),
            status=410,
            code="expired",
        )
    return invitation


def ensure_rateable(dossier) -> None:
    if dossier.status not in RATEABLE_STATES:
        raise SurveyError(
            _("Hồ sơ %(code)s chưa có kết quả nên chưa thể đánh giá.") % {"code": dossier.code},
            status=409,
            code="no_result",
        )


@transaction.atomic
def invite(dossier, now: dt.datetime | None = None) -> SurveyInvitation | None:
    """Create the dossier's invitation and queue the message; idempotent (one live invitation)."""
    if dossier.status not in RATEABLE_STATES:
        return None
    now = now or timezone.now()
    existing = dossier.survey_invitations.filter(revoked_at__isnull=True).first()
    if existing is not None or SurveyResponse.objects.filter(dossier=dossier).exists():
        return existing
    form = SurveyForm.objects.active().first()
    if form is None:  # no survey in use (e.g. a fresh database): returning the result must not fail
        return None
    invitation = SurveyInvitation.objects.create(
        dossier=dossier,
        created_at=now,
        expires_at=now + dt.timedelta(days=form.invitation_valid_days),
    )
    recipient = contact_for_dossier(dossier)
    if recipient is not None:
        send(
            "survey_invitation",
            recipient,
            key=f"dossier:{dossier.pk}:survey-invitation",
            context={"code": dossier.code},
            link=invitation_url(invitation),
        )
    return invitation


# --- responses -----------------------------------------------------------------------------------------
def _validate(form: SurveyForm, ratings: Ratings) -> dict[str, int]:
    values: dict[str, int] = {}
    for question in form.questions.all():
        raw = ratings.values.get(question.code)
        if raw in (None, ""):
            if question.required:
                raise SurveyError(
                    _("Vui lòng chọn mức đánh giá cho câu: %(q)s") % {"q": question.text},
                    code="missing",
                )
            continue
        value = _as_int(raw)
        if value is None or not form.in_scale(value):
            raise SurveyError(
                _("Mức đánh giá phải từ %(low)s đến %(high)s.")
                % {"low": form.scale_min, "high": form.scale_max},
                code="out_of_scale",
            )
        values[question.code] = value
    if not values:
        raise SurveyError(_("Vui lòng trả lời ít nhất một câu hỏi."), code="missing")
    return values


def _as_int(raw) -> int | None:
    """Whole numbers only: "4" and 4 are 4; "4.5", 4.5, True and "bốn" are nothing."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    return None


def _is_dissatisfied(form: SurveyForm, values: dict[str, int]) -> bool:
    return any(v <= form.dissatisfied_up_to for v in values.values())


def submit_response(
    dossier,
    ratings: Ratings,
    *,
    channel: str,
    respondent=None,
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """Save the dossier's response, or change it within the form's change window.

    A response with a dissatisfied answer must say what went wrong; it is routed to the leaders of
    the agency that handled the dossier.
    """
    now = now or timezone.now()
    ensure_rateable(dossier)
    with transaction.atomic():
        existing = SurveyResponse.objects.select_for_update().filter(dossier=dossier).first()
        form = existing.form if existing else active_form()
        if existing is not None:
            if channel == ResponseChannel.COUNTER or now > existing.change_until:
                raise SurveyError(
                    _("Hồ sơ %(code)s đã được đánh giá; không thể gửi thêm một đánh giá nữa.")
                    % {"code": dossier.code},
                    status=409,
                    code="duplicate",
                )
            if existing.respondent_id and respondent and existing.respondent_id != respondent.pk:
                raise SurveyError(
                    _("Chỉ người đã đánh giá mới được sửa đánh giá này."), status=403, code="other"
                )
        values = _validate(form, ratings)
        dissatisfied = _is_dissatisfied(form, values)
        problem = (ratings.problem or "").strip()
        if dissatisfied and not problem:
            raise SurveyError(
                _("Ông/Bà chưa hài lòng: vui lòng cho biết điều gì chưa tốt để cơ quan khắc phục."),
                code="problem_missing",
            )
        average = (Decimal(sum(values.values())) / Decimal(len(values))).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        fields = {
            "average": average,
            "is_satisfied": average >= form.satisfied_from,
            "is_dissatisfied": dissatisfied,
            "comment": (ratings.comment or "").strip(),
            "problem": problem if dissatisfied else "",
            "updated_at": now,
        }
        if existing is None:
            try:
                with transaction.atomic():
                    response = SurveyResponse.objects.create(
                        dossier=dossier,
                        form=form,
                        channel=channel,
                        respondent=respondent if getattr(respondent, "pk", None) else None,
                        agency_id=dossier.agency_id,
                        unit_id=dossier.handling_unit_id,
                        procedure_id=dossier.procedure_version.procedure_id,
                        officer_id=dossier.handled_by_id,
                        submitted_at=now,
                        change_until=now + dt.timedelta(days=form.change_window_days),
                        **fields,
                    )
            except IntegrityError:  # a concurrent first response won the race
                raise SurveyError(
                    _("Hồ sơ %(code)s đã được đánh giá; không thể gửi thêm một đánh giá nữa.")
                    % {"code": dossier.code},
                    status=409,
                    code="duplicate",
                ) from None
        else:
            response = existing
            was_dissatisfied = response.is_dissatisfied
            for name, value in fields.items():
                setattr(response, name, value)
            if not dissatisfied or not was_dissatisfied:
                response.routed_at = None
            response.save()
            response.answers.all().delete()
        questions = {q.code: q for q in form.questions.all()}
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(
                response=response,
                question=questions[code],
                aspect=questions[code].aspect,
                rating=value,
            )
            for code, value in values.items()
        )
        dossier.survey_invitations.filter(revoked_at__isnull=True, opened_at__isnull=True).update(
            opened_at=now
        )
        if dissatisfied and response.routed_at is None:
            route_to_leaders(response, now)
    return response


def route_to_leaders(response: SurveyResponse, now: dt.datetime) -> None:
    """Dissatisfied: the agency's leaders are told (and see it in their dashboard until handled)."""
    from accounts.models import Membership

    leaders = [
        m.user
        for m in Membership.objects.active()
        .with_role("leader")
        .filter(agency__in=[a for a in (response.agency_id, response.unit_id) if a])
        .select_related("user")
    ]
    response.routed_at = now
    response.save(update_fields=["routed_at"])
    if leaders:
        send(
            "survey_dissatisfied",
            leaders,
            key=f"survey-response:{response.pk}:dissatisfied:{now:%Y%m%d%H%M%S}",
            context={"code": response.dossier.code, "problem": response.problem[:300]},
            link=absolute(reverse("satisfaction:staff-follow-up", args=[response.pk])),
        )


@transaction.atomic
def follow_up(response: SurveyResponse, leader, note: str, now=None) -> SurveyResponse:
    note = (note or "").strip()
    if not note:
        raise SurveyError(_("Vui lòng ghi nội dung đã xử lý."), code="note_missing")
    response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    response.followed_up_at = now or timezone.now()
    response.followed_up_by = leader
    response.follow_up_note = note
    response.save(update_fields=["followed_up_at", "followed_up_by", "follow_up_note"])
    return response
