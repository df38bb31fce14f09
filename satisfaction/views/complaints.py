"""Complaints and suggestions: citizens submit and follow theirs; answers published with consent."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from procedures.models import Agency
from satisfaction.models import Complaint
from satisfaction.services import complaints
from satisfaction.services.complaints import ComplaintError


@require_GET
def complaint_list(request):
    """Answered complaints whose authors agreed to publish them."""
    queryset = (
        Complaint.objects.published()
        .select_related("agency", "procedure")
        .order_by("-published_at")
    )
    page = Paginator(queryset, 20).get_page(request.GET.get("trang"))
    return render(request, "satisfaction/complaint_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    from dossiers.models import Dossier

    my_dossiers = (
        Dossier.objects.of_applicant(request.user)
        .exclude(code__isnull=True)
        .order_by("-submitted_at")[:100]
    )
    agencies = Agency.objects.active().order_by("path")
    data = {
        "kind": request.POST.get("kind", request.GET.get("loai", "complaint")),
        "dossier": request.POST.get("dossier", request.GET.get("ho_so", "")),
        "agency": request.POST.get("agency", ""),
        "subject": request.POST.get("subject", ""),
        "body": request.POST.get("body", ""),
        "publish_consent": bool(request.POST.get("publish_consent")),
    }
    error = None
    if request.method == "POST":
        dossier = agency = None
        if data["dossier"]:
            # Looked up without the ownership filter on purpose: the service refuses someone
            # else's dossier with a clear message instead of a bare "not found".
            dossier = (
                Dossier.objects.filter(pk=data["dossier"]).first()
                if data["dossier"].isdigit()
                else None
            )
            if dossier is None:
                error = ComplaintError(_("Không tìm thấy hồ sơ đã chọn."), field="dossier")
        elif data["agency"]:
            agency = (
                agencies.filter(pk=data["agency"]).first() if data["agency"].isdigit() else None
            )
        if error is None:
            try:
                complaint = complaints.submit(
                    request.user,
                    kind=data["kind"],
                    subject=data["subject"],
                    body=data["body"],
                    dossier=dossier,
                    agency=agency,
                    publish_consent=data["publish_consent"],
                )
            except ComplaintError as exc:
                error = exc
            else:
                return redirect("satisfaction:complaint-detail", code=complaint.code)
    return render(
        request,
        "satisfaction/complaint_form.html",
        {
            "data": data,
            "error": error,
            "dossiers": my_dossiers,
            "agencies": agencies,
            "kinds": Complaint.Kind.choices,
        },
        status=(error.status if error else 200),
    )


def _visible_complaint(request, code):
    complaint = (
        Complaint.objects.select_related("agency", "dossier", "procedure").filter(code=code).first()
    )
    if complaint is None:
        raise Http404(_("Không tìm thấy phản ánh, kiến nghị."))
    is_author = request.user.is_authenticated and complaint.submitted_by_id == request.user.pk
    if not (is_author or complaint.published_at):
        raise Http404(_("Không tìm thấy phản ánh, kiến nghị."))
    return complaint, is_author


@require_GET
def complaint_detail(request, code):
    complaint, is_author = _visible_complaint(request, code)
    return render(
        request,
        "satisfaction/complaint_detail.html",
        {"complaint": complaint, "is_author": is_author},
    )


@login_required
@require_POST
def complaint_consent(request, code):
    complaint, is_author = _visible_complaint(request, code)
    try:
        complaints.set_publish_consent(complaint, request.user, request.POST.get("consent") == "1")
    except ComplaintError as exc:
        return render(
            request,
            "satisfaction/complaint_detail.html",
            {"complaint": complaint, "is_author": is_author, "error": exc.message},
            status=exc.status,
        )
    return redirect("satisfaction:complaint-detail", code=complaint.code)
