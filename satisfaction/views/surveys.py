"""Survey pages: the signed invitation link (no sign-in), the applicant's own dossier, the counter."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import staff_required
from satisfaction.models import ResponseChannel, SurveyResponse
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings, SurveyError


def _posted_ratings(request, form) -> Ratings:
    return Ratings(
        values={q.code: request.POST.get(f"q_{q.code}") for q in form.questions.all()},
        comment=request.POST.get("comment", "")[:4000],
        problem=request.POST.get("problem", "")[:4000],
    )


def _refusal(request, error: SurveyError, dossier=None):
    return render(
        request,
        "satisfaction/survey_refused.html",
        {"message": error.message, "code": error.code, "dossier": dossier},
        status=error.status,
    )


def _survey_page(request, dossier, *, channel, respondent=None, action=None):
    """GET shows the form (pre-filled when changing), POST saves through the service."""
    try:
        surveys.ensure_rateable(dossier)
    except SurveyError as error:
        return _refusal(request, error, dossier)
    existing = (
        SurveyResponse.objects.filter(dossier=dossier).prefetch_related("answers__question").first()
    )
    if existing is not None and (channel == ResponseChannel.COUNTER or not existing.can_change):
        return _refusal(
            request,
            SurveyError(
                _("Hồ sơ %(code)s đã được đánh giá; không thể gửi thêm một đánh giá nữa.")
                % {"code": dossier.code},
                status=409,
                code="duplicate",
            ),
            dossier,
        )
    try:
        form = existing.form if existing else surveys.active_form()
    except SurveyError as error:
        return _refusal(request, error, dossier)
    errors, values, comment, problem = [], {}, "", ""
    if existing is not None:
        values = {a.question.code: str(a.rating) for a in existing.answers.all()}
        comment, problem = existing.comment, existing.problem
    if request.method == "POST":
        ratings = _posted_ratings(request, form)
        values = {k: (v or "") for k, v in ratings.values.items()}
        comment, problem = ratings.comment, ratings.problem
        try:
            response = surveys.submit_response(
                dossier, ratings, channel=channel, respondent=respondent
            )
        except SurveyError as error:
            if error.code in {"duplicate", "no_result", "other"}:
                return _refusal(request, error, dossier)
            errors.append(error.message)
        else:
            return render(
                request,
                "satisfaction/survey_done.html",
                {"dossier": dossier, "response": response, "counter": channel == "counter"},
            )
    questions = [
        {"question": q, "field": f"q_{q.code}", "value": values.get(q.code, "")}
        for q in form.questions.all()
    ]
    return render(
        request,
        "satisfaction/survey_form.html",
        {
            "dossier": dossier,
            "form": form,
            "questions": questions,
            "scale": form.scale,
            "comment": comment,
            "problem": problem,
            "errors": errors,
            "existing": existing,
            "action": action or request.path,
            "counter": channel == ResponseChannel.COUNTER,
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def survey_link(request, token):
    try:
        invitation = surveys.resolve_token(token)
    except SurveyError as error:
        return _refusal(request, error)
    return _survey_page(request, invitation.dossier, channel=ResponseChannel.LINK)


@login_required
@require_http_methods(["GET", "POST"])
def survey_for_dossier(request, pk):
    from dossiers.models import Dossier

    dossier = Dossier.objects.of_applicant(request.user).filter(pk=pk).first()
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ của Ông/Bà."))
    return _survey_page(request, dossier, channel=ResponseChannel.ONLINE, respondent=request.user)


@staff_required
@require_http_methods(["GET", "POST"])
def counter_start(request):
    """The desk tablet: the applicant types the dossier code printed on the receipt."""
    from dossiers.models import Dossier

    error = ""
    code = (request.POST.get("code") or request.GET.get("code") or "").strip()
    if request.method == "POST":
        dossier = Dossier.objects.for_staff(request.user).filter(code__iexact=code).first()
        if dossier is None:
            error = _("Không tìm thấy hồ sơ có mã %(code)s tại cơ quan này.") % {"code": code}
        else:
            return redirect("satisfaction:counter-survey", pk=dossier.pk)
    return render(
        request,
        "satisfaction/counter_start.html",
        {"code": code, "error": error},
        status=404 if error else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def counter_survey(request, pk):
    from dossiers.models import Dossier

    dossier = Dossier.objects.for_staff(request.user).filter(pk=pk).first()
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return _survey_page(
        request,
        dossier,
        channel=ResponseChannel.COUNTER,
        action=reverse("satisfaction:counter-survey", args=[pk]),
    )
