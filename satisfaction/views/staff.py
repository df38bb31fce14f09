"""Staff dashboards (/can-bo/thong-ke/): the public figures limited to the viewer's agencies, the
dossiers behind a number, XLSX and PDF exports, dissatisfied ratings and complaints to handle."""

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import staff_required
from accounts.permissions import has_role, visible_agencies
from satisfaction import exports, stats
from satisfaction.models import Aspect, Complaint, SurveyResponse
from satisfaction.services import complaints, surveys
from satisfaction.services.complaints import ComplaintError
from satisfaction.services.surveys import SurveyError
from satisfaction.stats import StatsQuery, add_months
from satisfaction.views.statistics import statistics_context

LEADER_ROLES = ("leader", "agency_admin")


def staff_query(request) -> StatsQuery:
    """The dashboard's query, never wider than the viewer's agencies (one of them by default)."""
    agencies = visible_agencies(request.user)
    query = StatsQuery.from_params(request.GET, agencies=agencies)
    if query.agency is None and not request.user.is_superuser:
        first = agencies.order_by("depth", "path").first()
        if first is None:
            raise Http404(_("Tài khoản chưa thuộc cơ quan nào."))
        query = StatsQuery(first, query.first, query.last, query.errors)
    return query


def can_see_officers(user, query: StatsQuery) -> bool:
    """Figures per officer are for the leaders and admins of the agency shown (or above it)."""
    if user.is_superuser:
        return True
    return query.agency is not None and has_role(user, query.agency, *LEADER_ROLES)


def period_bounds(query: StatsQuery):
    """The period as aware datetimes [start, end) in the local time zone, as the facts count it."""
    start = timezone.make_aware(
        timezone.datetime.combine(query.first, timezone.datetime.min.time())
    )
    end = timezone.make_aware(
        timezone.datetime.combine(add_months(query.last, 1), timezone.datetime.min.time())
    )
    return start, end


@staff_required
@require_GET
def dashboard(request):
    query = staff_query(request)
    context = statistics_context(query)
    fmt = request.GET.get("xuat")
    if fmt == "xlsx":
        return exports.xlsx_response(context)
    if fmt == "pdf":
        return exports.pdf_response(request, context)
    context["agencies"] = visible_agencies(request.user).order_by("path")
    if can_see_officers(request.user, query):
        context["by_officer"] = stats.satisfaction_by_officer(query)
    context["follow_ups"] = (
        SurveyResponse.objects.awaiting_follow_up()
        .filter(agency__in=visible_agencies(request.user))
        .count()
    )
    context["open_complaints"] = (
        Complaint.objects.open().filter(agency__in=visible_agencies(request.user)).count()
    )
    return render(
        request, "satisfaction/staff/dashboard.html", context, status=400 if query.errors else 200
    )


# Lazy: the labels are translated in the language of each request, not of the import.
DRILL_KINDS = {
    "tiep-nhan": gettext_lazy("Hồ sơ tiếp nhận"),
    "truc-tuyen": gettext_lazy("Hồ sơ nộp trực tuyến"),
    "truoc-han": gettext_lazy("Hồ sơ giải quyết trước hạn"),
    "dung-han": gettext_lazy("Hồ sơ giải quyết đúng hạn"),
    "qua-han": gettext_lazy("Hồ sơ giải quyết quá hạn"),
    "dang-giai-quyet": gettext_lazy("Hồ sơ đang giải quyết"),
    "dang-qua-han": gettext_lazy("Hồ sơ đang giải quyết đã quá hạn"),
}


@staff_required
@require_GET
def drill_down(request):
    """The dossiers behind a figure, read live (paginated) through ``for_staff``."""
    from django.db.models.functions import TruncDate

    from dossiers.models import Dossier

    kind = request.GET.get("loai", "tiep-nhan")
    if kind not in DRILL_KINDS:
        raise Http404(_("Loại số liệu không hợp lệ."))
    query = staff_query(request)
    start, end = period_bounds(query)
    qs = Dossier.objects.for_staff(request.user).filter(query.scope())
    received = Q(received_at__gte=start, received_at__lt=end)
    resolved = Q(result_at__gte=start, result_at__lt=end)
    late = Q(due_at__isnull=False, result_at__gt=F("due_at"))
    if kind == "tiep-nhan":
        qs = qs.filter(received)
    elif kind == "truc-tuyen":
        qs = qs.filter(received, channel="online")
    elif kind in {"truoc-han", "dung-han", "qua-han"}:
        qs = qs.filter(resolved).annotate(r_day=TruncDate("result_at"), d_day=TruncDate("due_at"))
        early = Q(due_at__isnull=False, result_at__lte=F("due_at"), r_day__lt=F("d_day"))
        qs = {
            "truoc-han": qs.filter(early),
            "qua-han": qs.filter(late),
            "dung-han": qs.exclude(late).exclude(early),
        }[kind]
    elif kind == "dang-giai-quyet":
        qs = qs.open()
    else:
        qs = qs.overdue()
    qs = qs.select_related("procedure_version", "agency").order_by("-received_at", "-pk")
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "satisfaction/staff/drill_down.html",
        {"query": query, "page": page, "kind": kind, "title": DRILL_KINDS[kind]},
    )


OFFICER_KINDS = {
    "": gettext_lazy("Lượt đánh giá"),
    "hai-long": gettext_lazy("Lượt đánh giá hài lòng"),
    "chua-hai-long": gettext_lazy("Lượt đánh giá chưa hài lòng"),
}


@staff_required(roles=LEADER_ROLES)
@require_GET
def officer_responses(request, officer_id):
    """The responses (and their dossiers) behind an officer's figures, read live, for the leaders and
    admins of the agency shown."""
    from accounts.models import User

    kind = request.GET.get("loai", "")
    if kind not in OFFICER_KINDS:
        raise Http404(_("Loại số liệu không hợp lệ."))
    query = staff_query(request)
    if not can_see_officers(request.user, query):  # a leader elsewhere, not of this agency
        return render(request, "accounts/staff_forbidden.html", {"roles": LEADER_ROLES}, status=403)
    officer = User.objects.filter(pk=officer_id).only("pk", "full_name", "username").first()
    if officer is None:
        raise Http404(_("Không tìm thấy cán bộ."))
    start, end = period_bounds(query)
    responses = (
        SurveyResponse.objects.filter(
            query.scope(),
            agency__in=visible_agencies(request.user),
            officer=officer,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .select_related("dossier", "procedure")
        .prefetch_related("answers")
        .order_by("-submitted_at", "-pk")
    )
    if kind == "hai-long":
        responses = responses.filter(is_satisfied=True)
    elif kind == "chua-hai-long":
        responses = responses.filter(is_dissatisfied=True)
    page = Paginator(responses, 50).get_page(request.GET.get("trang"))
    aspects = [value for value, _label in Aspect.choices]
    rows = []
    for response in page:
        ratings = {answer.aspect: answer.rating for answer in response.answers.all()}
        rows.append({"response": response, "ratings": [ratings.get(a) for a in aspects]})
    return render(
        request,
        "satisfaction/staff/officer_responses.html",
        {
            "query": query,
            "officer": officer,
            "page": page,
            "rows": rows,
            "kind": kind,
            "title": OFFICER_KINDS[kind],
            "aspect_labels": [label for _value, label in Aspect.choices],
        },
        status=400 if query.errors else 200,
    )


@staff_required(roles=LEADER_ROLES)
@require_GET
def follow_up_list(request):
    responses = (
        SurveyResponse.objects.dissatisfied()
        .filter(agency__in=visible_agencies(request.user))
        .select_related("dossier", "procedure", "agency")
        .order_by(F("followed_up_at").asc(nulls_first=True), "-submitted_at")
    )
    page = Paginator(responses, 30).get_page(request.GET.get("trang"))
    return render(request, "satisfaction/staff/follow_up_list.html", {"page": page})


@staff_required(roles=LEADER_ROLES)
@require_http_methods(["GET", "POST"])
def follow_up(request, pk):
    response = (
        SurveyResponse.objects.filter(agency__in=visible_agencies(request.user), pk=pk)
        .select_related("dossier", "procedure", "agency")
        .prefetch_related("answers__question")
        .first()
    )
    if response is None:
        raise Http404(_("Không tìm thấy phiếu đánh giá."))
    error = None
    if request.method == "POST":
        try:
            surveys.follow_up(response, request.user, request.POST.get("note", ""))
        except SurveyError as exc:
            error = exc.message
        else:
            return redirect("satisfaction:staff-follow-ups")
    return render(
        request,
        "satisfaction/staff/follow_up.html",
        {"response": response, "error": error},
        status=400 if error else 200,
    )


@staff_required
@require_GET
def complaint_queue(request):
    queryset = (
        Complaint.objects.for_agencies(visible_agencies(request.user))
        .select_related("agency")
        .order_by(F("answered_at").asc(nulls_first=True), "due_at")
    )
    page = Paginator(queryset, 30).get_page(request.GET.get("trang"))
    return render(request, "satisfaction/staff/complaints.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk):
    complaint = (
        Complaint.objects.for_agencies(visible_agencies(request.user))
        .select_related("agency", "dossier", "procedure")
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404(_("Không tìm thấy phản ánh, kiến nghị."))
    error = None
    if request.method == "POST":
        try:
            complaints.answer(complaint, request.user, request.POST.get("answer", ""))
        except ComplaintError as exc:
            error = exc
        else:
            return redirect("satisfaction:staff-complaints")
    return render(
        request,
        "satisfaction/staff/complaint.html",
        {"complaint": complaint, "error": error},
        status=error.status if error else 200,
    )
