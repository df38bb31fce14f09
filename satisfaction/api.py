"""Satisfaction and statistics through the API.

- ``/api/v1/my/dossiers/{code}/survey/``: the applicant reads the survey of their returned dossier and
  gives (``PUT``, first time) or changes (``PUT`` again, within the change window) their response,
  through ``satisfaction.services.surveys.submit_response``, the function the survey page calls: the same
  rules (one response per dossier, the scale, a reason when dissatisfied), the same messages.
- ``/api/v1/statistics/...``: the public figures of the statistics pages (``satisfaction/stats.py``,
  read from the fact tables, never from dossiers), per agency (its subtree) and period; anyone may read
  them, like the pages.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers.models import Dossier
from portal.api.errors import error_body
from portal.api.permissions import ScopedMixin
from portal.api.scopes import DOSSIERS_OWN
from procedures.models import Agency
from satisfaction import stats
from satisfaction.models import ResponseChannel, SurveyResponse
from satisfaction.services import surveys
from satisfaction.services.surveys import Ratings, SurveyError


def survey_refusal(error: SurveyError) -> Response:
    return Response(error_body(f"survey_{error.code}", error.message), status=error.status)


# --- the applicant's survey ----------------------------------------------------------------------
class ScaleSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    aspect = serializers.CharField()
    text = serializers.CharField()
    help = serializers.CharField()
    required = serializers.BooleanField()


class SurveyFormSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    intro = serializers.CharField()
    scale = ScaleSerializer(many=True)
    questions = QuestionSerializer(many=True)


class SurveyAnswerSerializer(serializers.Serializer):
    ratings = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField()
    problem = serializers.CharField()
    average = serializers.DecimalField(max_digits=4, decimal_places=2)
    is_satisfied = serializers.BooleanField()
    submitted_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    change_until = serializers.DateTimeField()
    can_change = serializers.BooleanField()


class SurveySerializer(serializers.Serializer):
    dossier_code = serializers.CharField()
    form = SurveyFormSerializer()
    response = SurveyAnswerSerializer(allow_null=True)


class SurveyInput(serializers.Serializer):
    ratings = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text=_("Mức đánh giá theo mã câu hỏi, trong thang điểm của phiếu."),
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    problem = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=4000,
        help_text=_("Điều chưa tốt: bắt buộc khi có câu trả lời chưa hài lòng."),
    )


def _form_data(form) -> dict:
    return {
        "code": form.code,
        "version": form.version,
        "title": form.title,
        "intro": form.intro or "",
        "scale": [{"value": v, "label": label} for v, label in form.scale],
        "questions": [
            {
                "code": q.code,
                "aspect": q.aspect,
                "text": q.text,
                "help": q.help or "",
                "required": q.required,
            }
            for q in form.questions.all()
        ],
    }


def _response_data(response) -> dict | None:
    if response is None:
        return None
    return {
        "ratings": {a.question.code: a.rating for a in response.answers.all()},
        "comment": response.comment,
        "problem": response.problem,
        "average": response.average,
        "is_satisfied": response.is_satisfied,
        "submitted_at": response.submitted_at,
        "updated_at": response.updated_at,
        "change_until": response.change_until,
        "can_change": response.can_change,
    }


class OwnSurvey(ScopedMixin, APIView):
    """The survey of one of the caller's dossiers once it has a result: the form and the caller's
    response (``GET``); give or change the response (``PUT``: 201 the first time, 200 when changed
    within the change window, 409 ``survey_duplicate`` after it)."""

    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN], "PUT": [DOSSIERS_OWN]}

    def dossier(self, code) -> Dossier:
        return get_object_or_404(
            Dossier.objects.of_applicant(self.request.user).select_related(
                "procedure_version__procedure"
            ),
            code=code,
        )

    def existing(self, dossier):
        return (
            SurveyResponse.objects.filter(dossier=dossier)
            .select_related("form")
            .prefetch_related("answers__question", "form__questions")
            .first()
        )

    def answer(self, dossier, status_code=200) -> Response:
        existing = self.existing(dossier)
        form = existing.form if existing else surveys.active_form()
        body = {
            "dossier_code": dossier.code,
            "form": _form_data(form),
            "response": _response_data(existing),
        }
        return Response(SurveySerializer(body).data, status=status_code)

    @extend_schema(tags=["satisfaction"], responses=SurveySerializer)
    def get(self, request, code):
        dossier = self.dossier(code)
        try:
            surveys.ensure_rateable(dossier)
            return self.answer(dossier)
        except SurveyError as error:
            return survey_refusal(error)

    @extend_schema(
        tags=["satisfaction"],
        request=SurveyInput,
        responses={200: SurveySerializer, 201: SurveySerializer},
    )
    def put(self, request, code):
        dossier = self.dossier(code)
        data = SurveyInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        first = not SurveyResponse.objects.filter(dossier=dossier).exists()
        try:
            surveys.submit_response(
                dossier,
                Ratings(
                    values=dict(data["ratings"]),
                    comment=data.get("comment", ""),
                    problem=data.get("problem", ""),
                ),
                channel=ResponseChannel.ONLINE,
                respondent=request.user,
            )
            return self.answer(dossier, status.HTTP_201_CREATED if first else status.HTTP_200_OK)
        except SurveyError as error:
            return survey_refusal(error)


# --- public statistics ---------------------------------------------------------------------------
PERIOD_PARAMETERS = [
    OpenApiParameter(
        "agency",
        str,
        description=_(
            "Mã cơ quan: số liệu của cơ quan và các đơn vị trực thuộc (mặc định: tất cả)."
        ),
    ),
    OpenApiParameter(
        "from", str, description=_("Tháng đầu, yyyy-mm (mặc định: 11 tháng trước tháng cuối).")
    ),
    OpenApiParameter("to", str, description=_("Tháng cuối, yyyy-mm (mặc định: tháng này).")),
]


def period_query(request) -> stats.StatsQuery:
    """``agency`` (code), ``from`` and ``to`` (yyyy-mm) → the pages' ``StatsQuery``; 400 on errors."""
    params = {}
    errors = {}
    code = (request.query_params.get("agency") or "").strip()
    if code:
        agency = Agency.objects.active().filter(code=code).first()
        if agency is None:
            errors["agency"] = [_("Không tìm thấy cơ quan với mã này.")]
        else:
            params["co_quan"] = str(agency.pk)
    for ours, theirs in (("from", "tu"), ("to", "den")):
        if request.query_params.get(ours):
            params[theirs] = request.query_params[ours]
    query = stats.StatsQuery.from_params(params)
    if query.errors:
        errors["non_field_errors"] = [str(e) for e in query.errors]
    if errors:
        raise ValidationError(errors)
    return query


class PeriodSerializer(serializers.Serializer):
    agency_code = serializers.CharField(allow_null=True)
    agency_name = serializers.CharField(allow_null=True)
    first_month = serializers.DateField()
    last_month = serializers.DateField()
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text=_("Lần cập nhật số liệu gần nhất (các bảng tổng hợp).")
    )


def _period(query) -> dict:
    refresh = stats.last_refresh()
    return {
        "agency_code": query.agency.code if query.agency else None,
        "agency_name": query.agency.name if query.agency else None,
        "first_month": query.first,
        "last_month": query.last,
        "refreshed_at": refresh.finished_at if refresh else None,
    }


def _share(**kwargs):
    return serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, coerce_to_string=False, **kwargs
    )


class DossierFiguresSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    received_online = serializers.IntegerField()
    received_counter = serializers.IntegerField()
    received_post = serializers.IntegerField()
    digitised = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolved_early = serializers.IntegerField()
    resolved_on_time = serializers.IntegerField()
    resolved_late = serializers.IntegerField()
    results_electronic = serializers.IntegerField()
    payments_paid = serializers.IntegerField()
    payments_online = serializers.IntegerField()
    online_share = _share(help_text=_("Tỷ lệ hồ sơ nộp trực tuyến (%)."))
    on_time_share = _share(help_text=_("Tỷ lệ giải quyết đúng hạn và trước hạn (%)."))
    late_share = _share()
    payment_online_share = _share()
    digitised_share = _share()


class DossierSummarySerializer(DossierFiguresSerializer):
    open = serializers.IntegerField(help_text=_("Hồ sơ đang giải quyết (hiện tại)."))
    overdue = serializers.IntegerField(help_text=_("Trong đó quá hạn (hiện tại)."))


class DossierMonthSerializer(DossierFiguresSerializer):
    month = serializers.DateField()
    responses = serializers.IntegerField()
    satisfied_share = _share()


class DossierStatisticsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    summary = DossierSummarySerializer()
    months = DossierMonthSerializer(many=True)


class PublicStatisticsView(ScopedMixin, APIView):
    permission_classes = [AllowAny]
    required_scopes = {"GET": []}  # public figures: any token, or none


class DossierStatistics(PublicStatisticsView):
    """Dossiers received, resolved (early, on time, late), online shares, open and overdue, per month,
    for an agency (and its units) and a period — the figures of the public statistics page."""

    @extend_schema(
        tags=["statistics"], parameters=PERIOD_PARAMETERS, responses=DossierStatisticsSerializer
    )
    def get(self, request):
        query = period_query(request)
        body = {
            "period": _period(query),
            "summary": stats.dossier_summary(query),
            "months": stats.dossier_trend(query),
        }
        return Response(DossierStatisticsSerializer(body).data)


class AspectSerializer(serializers.Serializer):
    aspect = serializers.CharField()
    label = serializers.CharField()
    responses = serializers.IntegerField()
    average = serializers.DecimalField(
        max_digits=4, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    satisfied_share = _share()


class SatisfactionSummarySerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    dissatisfied = serializers.IntegerField()
    satisfied_share = _share()
    average = serializers.DecimalField(
        max_digits=4, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    aspects = AspectSerializer(many=True)
    complaints_received = serializers.IntegerField()
    complaints_due = serializers.IntegerField()
    complaints_on_time = serializers.IntegerField()
    complaints_on_time_share = _share()


class IndexGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    points = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)
    max = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)


class IndexScoreSerializer(serializers.Serializer):
    agency_code = serializers.CharField(source="agency.code")
    agency_name = serializers.CharField(source="agency.name")
    month = serializers.DateField()
    total = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)
    band = serializers.CharField()
    groups = IndexGroupSerializer(many=True)
    computed_at = serializers.DateTimeField()


class SatisfactionStatisticsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    satisfaction = SatisfactionSummarySerializer()
    index = IndexScoreSerializer(
        many=True,
        help_text=_(
            "Chỉ số phục vụ của tháng cuối: cơ quan được chọn và các đơn vị ngay dưới nó (hoặc "
            "các cơ quan cấp cao nhất), điểm cao trước."
        ),
    )


class SatisfactionStatistics(PublicStatisticsView):
    """Satisfaction (responses, satisfied share, average per aspect), complaints answered on time, and
    the service index of the period's last month, for an agency (and its units) and a period."""

    @extend_schema(
        tags=["statistics"],
        parameters=PERIOD_PARAMETERS,
        responses=SatisfactionStatisticsSerializer,
    )
    def get(self, request):
        query = period_query(request)
        body = {
            "period": _period(query),
            "satisfaction": stats.satisfaction_summary(query),
            "index": stats.index_scores(query),
        }
        return Response(SatisfactionStatisticsSerializer(body).data)
