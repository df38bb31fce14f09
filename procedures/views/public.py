"""Public pages of the catalogue: search, procedure page, template download, agencies."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from procedures import selectors
from procedures.forms import CatalogueFilterForm
from procedures.models import Agency, DossierComponent, ProcedureVersion, VersionStatus
from procedures.permissions import can_publish

PAGE_SIZE = 20


@require_GET
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        page = Paginator(ProcedureVersion.objects.none(), PAGE_SIZE).get_page(1)
    else:
        kwargs = form.search_kwargs() if form.is_bound else {}
        page = selectors.catalogue_page(request.GET.get("trang"), PAGE_SIZE, **kwargs)
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "procedures/catalogue.html",
        {"form": form, "page": page, "query_string": params.urlencode()},
        status=status,
    )


def apply_url(version):
    """Where "Nộp hồ sơ trực tuyến" leads: the dossiers app's start page once it exists."""
    for name, args in (
        ("dossiers:start", [version.procedure.code]),
        ("dossiers:new", [version.pk]),
    ):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return f"/ho-so/nop/{version.procedure.code}/"


def _render_version(request, version, preview=False):
    return render(
        request,
        "procedures/procedure_detail.html",
        {
            "version": version,
            "procedure": version.procedure,
            "preview": preview,
            "apply_url": apply_url(version),
            "fees": list(version.fees.all()),
            "components": list(version.components.all()),
            "steps": list(version.steps.all()),
            "agencies": list(version.agencies.all()),
        },
    )


@require_GET
def procedure_detail(request, code):
    try:
        version = selectors.procedure_page_version(code)
    except ProcedureVersion.DoesNotExist:
        raise Http404(_("Không tìm thấy thủ tục đang được công bố với mã này.")) from None
    return _render_version(request, version)


@staff_member_required
@require_GET
def procedure_preview(request, pk):
    """The procedure page as the public would see it, for any version (staff only)."""
    version = get_object_or_404(
        ProcedureVersion.objects.select_related("procedure", "sector", "owner_agency"), pk=pk
    )
    if not (request.user.is_superuser or can_publish(request.user, version.owner_agency)):
        raise Http404
    return _render_version(request, version, preview=True)


@require_GET
def component_template(request, code, pk):
    """Download a form template of a published version (templates are public documents)."""
    component = get_object_or_404(
        DossierComponent.objects.select_related("version"),
        pk=pk,
        version__procedure__code=code,
        version__status=VersionStatus.PUBLISHED,
    )
    if not component.template:
        raise Http404
    filename = component.template_name or component.template.name.rsplit("/", 1)[-1]
    return FileResponse(component.template.open("rb"), as_attachment=True, filename=filename)


@require_GET
def agency_list(request):
    agencies = list(selectors.agency_catalogue_summary().order_by("path"))
    for agency in agencies:
        agency.online = agency.level3 + agency.level4
        agency.online_share = selectors.share(agency.online, agency.total)
    totals = {
        key: sum(getattr(a, key) for a in agencies)
        for key in ("total", "eligible", "level3", "level4")
    }
    totals["online"] = totals["level3"] + totals["level4"]
    totals["online_share"] = selectors.share(totals["online"], totals["total"])
    return render(request, "procedures/agency_list.html", {"agencies": agencies, "totals": totals})


@require_GET
def agency_detail(request, code):
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code, is_active=True)
    summary = selectors.agency_catalogue_summary(Agency.objects.filter(pk=agency.pk)).get()
    summary.online = summary.level3 + summary.level4
    summary.online_share = selectors.share(summary.online, summary.total)
    versions = (
        selectors.public_versions()
        .filter(agencies=agency)
        .select_related("procedure", "sector")
        .with_has_fee()
        .order_by("sector__name", "search_name")
    )
    paginator = Paginator(versions, 50)
    page = paginator.get_page(request.GET.get("trang"))
    children = agency.children.filter(is_active=True).order_by("name")
    return render(
        request,
        "procedures/agency_detail.html",
        {
            "agency": agency,
            "summary": summary,
            "page": page,
            "children": children,
            "ancestors": Agency.objects.ancestors_of(agency),
            "query_string": "",
        },
    )
