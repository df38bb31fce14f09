"""Staff dashboards (/can-bo/thong-ke/): the public figures limited to the viewer's agencies, the
dossiers behind a number, XLSX and PDF exports, dissatisfied ratings and complaints to handle."""

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import staff_required
from accounts.permissions import visible_agencies
from satisfaction import exports
from satisfaction.models import Complaint, SurveyResponse
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


DRILL_KINDS = {
    "tiep-nhan": _("Hồ sơ tiếp nhận"),
    "truc-tuyen": _("Hồ sơ nộp trực tuyến"),
    "truoc-han": _("Hồ sơ giải quyết trước hạn"),
    "dung-han": _("Hồ sơ giải quyết đúng hạn"),
    "qua-han": _("Hồ sơ giải quyết quá hạn"),
    "dang-giai-quyet": _("Hồ sơ đang giải quyết"),
    "dang-qua-han": _("Hồ sơ đang giải quyết đã quá hạn"),
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
    start = timezone.make_aware(
        timezone.datetime.combine(query.first, timezone.datetime.min.time())
    )
    end = timezone.make_aware(
        timezone.datetime.combine(add_months(query.last, 1), timezone.datetime.min.time())
    )
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
