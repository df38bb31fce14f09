"""Staff pages (/can-bo/): the queues, the dossier page and its actions, counter intake, the tracking
book and the leaders' overview. Every list starts from ``Dossier.objects.for_staff(user)`` /
``queue_for``; every page that takes an id looks it up through them (404 otherwise)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import staff_required
from dossiers import deadlines
from dossiers.access import ALL_AGENCIES, Role, agency_ids, has_role, staff_agencies, staff_q
from dossiers.models import (
    CLOSED_STATES,
    PAUSED_STATES,
    RUNNING_STATES,
    Channel,
    Dossier,
    IssuedDocument,
    State,
)
from dossiers.queries import QueueTab
from dossiers.services import processing as p
from dossiers.services.base import DossierError
from dossiers.staff import actions as staff_actions
from dossiers.staff import forms as f
from portal.formatting import format_datetime
from portal.paging import requested_page
from procedures.models import Agency, ProcedureVersion
from procedures.search import normalize

PAGE_SIZES = (25, 50, 100)
TENTH = Decimal("0.1")
CLOSED_COUNT_CAP = 1000
# What a queue row shows (templates/dossiers/staff/queue.html, _queue_row below) and its time-left
# cell reads: not the e-form answers, the deadline explanations or the procedure's form definition
# (JSON, ×100 rows), and of the related rows only the names (the agency's path finds its calendar).
QUEUE_ROW_FIELDS = (
    "code",
    "channel",
    "submitted_at",
    "applicant_name",
    "status",
    "intake_due_at",
    "due_at",
    "agency_id",
)
QUEUE_ROW_NAMES = {
    "procedure_name": F("procedure_version__name"),
    "agency_name": F("agency__name"),
    "agency_path": F("agency__path"),
    "unit_name": F("handling_unit__name"),
    "assignee_full_name": F("assignee__full_name"),
    "assignee_username": F("assignee__username"),
}


def _tabs_for(user) -> list[str]:
    roles = {m.role for m in user.active_memberships()} if not user.is_superuser else set(Role.ALL)
    tabs = []
    if roles & {Role.RECEIVING_OFFICER, Role.LEADER}:
        tabs.append(QueueTab.INTAKE)
    tabs.append(QueueTab.MINE)
    tabs.append(QueueTab.UNIT)
    if Role.LEADER in roles:
        tabs.append(QueueTab.APPROVAL)
    if roles & {Role.RECEIVING_OFFICER, Role.LEADER}:
        tabs.append(QueueTab.RETURN)
    tabs += [QueueTab.WAITING, QueueTab.DUE_SOON, QueueTab.OVERDUE, QueueTab.CLOSED]
    return tabs


def _default_tab(user) -> str:
    roles = {m.role for m in user.active_memberships()}
    if Role.RECEIVING_OFFICER in roles:
        return QueueTab.INTAKE
    if Role.LEADER in roles:
        return QueueTab.APPROVAL
    return QueueTab.MINE


def _cached_counts(user, tabs, now) -> dict[str, int]:
    """Tab counts, kept DOSSIER_QUEUE_COUNTS_CACHE_SECONDS (default 15 s) per officer: a queue
    reloaded every few seconds does not recount 50,000 open dossiers each time."""
    from django.conf import settings
    from django.core.cache import cache

    ttl = getattr(settings, "DOSSIER_QUEUE_COUNTS_CACHE_SECONDS", 15)
    if not ttl:
        return _counts(user, tabs, now), True
    key = f"dossiers:queue-counts:{user.pk}:{','.join(tabs)}"
    counts = cache.get(key)
    if counts is not None:
        return counts, False
    counts = _counts(user, tabs, now)
    cache.set(key, counts, ttl)
    return counts, True


def _procedure_choices(user):
    """The procedures of the officer's agencies for the filter (cached five minutes)."""
    from django.core.cache import cache

    ids = agency_ids(user)
    key = "dossiers:queue-procedures:" + (
        "all" if ids is ALL_AGENCIES else str(hash(frozenset(ids)))
    )
    choices = cache.get(key)
    if choices is None:
        choices = list(
            ProcedureVersion.objects.filter(agencies__in=staff_agencies(user), status="published")
            .order_by("name")
            .values_list("procedure_id", "name")
            .distinct()[:500]
        )
        cache.set(key, choices, 300)
    return choices


def _counts(user, tabs, now) -> dict[str, int]:
    """Counts of every open tab from one grouped query over the user's open dossiers (by agency,
    unit, partner, status, assignee and due band), summed per tab in Python. The closed tab is not
    counted: it only grows."""
    from django.db.models import Case, IntegerField, Value, When

    anywhere = agency_ids(user)
    receiving = agency_ids(user, Role.RECEIVING_OFFICER, Role.LEADER)
    leading = agency_ids(user, Role.LEADER)
    everything = anywhere is ALL_AGENCIES

    def within(ids, value):
        return everything or value in ids

    soon = now + dt.timedelta(hours=48)
    rows = (
        Dossier.objects.open()
        .filter(staff_q(user) | Q(assignee=user))
        .annotate(
            band=Case(
                When(due_at__lt=now, then=Value(2)),
                When(due_at__lt=soon, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            mine=Case(When(assignee=user, then=Value(1)), default=Value(0)),
        )
        .values("agency_id", "handling_unit_id", "partner_agency_id", "status", "band", "mine")
        .annotate(n=Count("pk"))
        .order_by()
    )
    running = RUNNING_STATES - PAUSED_STATES
    waiting = {State.SUPPLEMENT_AT_INTAKE, State.SUPPLEMENT_IN_PROCESSING, State.PAYMENT_REQUESTED}
    counts = dict.fromkeys(tabs, 0)
    for r in rows:
        n, status = r["n"], r["status"]
        units = (r["agency_id"], r["handling_unit_id"], r["partner_agency_id"])
        visible = any(within(anywhere, u) for u in units if u is not None)
        if status == State.SUBMITTED and within(receiving, r["agency_id"]):
            counts[QueueTab.INTAKE] = counts.get(QueueTab.INTAKE, 0) + n
        if r["mine"]:
            counts[QueueTab.MINE] = counts.get(QueueTab.MINE, 0) + n
        if visible and status != State.SUBMITTED:
            counts[QueueTab.UNIT] = counts.get(QueueTab.UNIT, 0) + n
        if status == State.AWAITING_APPROVAL and (
            within(leading, r["agency_id"]) or within(leading, r["handling_unit_id"])
        ):
            counts[QueueTab.APPROVAL] = counts.get(QueueTab.APPROVAL, 0) + n
        if status in (State.RESULT_READY, State.WITHDRAWAL_REQUESTED) and within(
            receiving, r["agency_id"]
        ):
            counts[QueueTab.RETURN] = counts.get(QueueTab.RETURN, 0) + n
        if visible and status in waiting:
            counts[QueueTab.WAITING] = counts.get(QueueTab.WAITING, 0) + n
        if visible and status in running and r["band"] == 1:
            counts[QueueTab.DUE_SOON] = counts.get(QueueTab.DUE_SOON, 0) + n
        if visible and status in running and r["band"] == 2:
            counts[QueueTab.OVERDUE] = counts.get(QueueTab.OVERDUE, 0) + n
    counts.pop(QueueTab.CLOSED, None)
    return {tab: counts.get(tab, 0) for tab in tabs if tab != QueueTab.CLOSED}


def _one_decimal(hours: float, separator: str) -> str:
    """``floatformat(hours, 1)`` (half up, "-" dropped from a zero, the locale's decimal separator, no
    grouping), without its generality: it is a fair share of a 100-row page's CPU."""
    rounded = Decimal(repr(hours)).quantize(TENTH, ROUND_HALF_UP)
    text = f"{rounded:f}" if rounded else f"{abs(rounded):f}"
    return text.replace(".", separator)


class HoursCell:
    """The "time left" cell, as templates/dossiers/staff/_hours.html writes it (same messages and
    figures), built in Python with the messages translated once per page: on a page of 100 rows an
    include per row is a fair share of the page's CPU."""

    def __init__(self):
        self.separator = get_format("DECIMAL_SEPARATOR")
        self.late = _("Quá hạn %(h)s giờ làm việc")
        self.left = _("Còn %(h)s giờ làm việc")

    def __call__(self, hours) -> str:
        if hours is None:
            return '<span class="muted">—</span>'
        if hours < 0:
            text = self.late % {"h": _one_decimal(hours, self.separator).replace("-", "")}
            return f'<strong class="late">{escape(text)}</strong>'
        text = self.left % {"h": _one_decimal(hours, self.separator)}
        if hours <= 8:
            return f'<strong class="due-soon">{escape(text)}</strong>'
        return escape(text)


QUEUE_ROW_HTML = (
    '<tr><td><a href="{url}">{code}</a><br><span class="muted">{channel} · {submitted}</span></td>'
    "<td>{applicant}</td><td>{procedure}</td><td>{status}</td><td>{unit}{assignee}</td>"
    "<td>{due}</td><td>{hours}</td></tr>\n"
)


def _queue_rows(ids, now) -> list[dict]:
    """The page's rows in the order of ``ids``, each with its ``<tr>`` (QUEUE_ROW_HTML, the columns of
    templates/dossiers/staff/queue.html): one query, one calendar per agency, labels translated once
    a page. Built in Python rather than by the template: a 100-row page's loop of variables, filters
    and includes cost more CPU than all of its queries."""
    loaded = (
        Dossier.objects.filter(pk__in=ids)
        .order_by()
        .only(*QUEUE_ROW_FIELDS)
        .annotate(**QUEUE_ROW_NAMES)
    )
    by_id = {d.pk: d for d in loaded}
    hours_left = deadlines.HoursLeft(now)
    hours_cell = HoursCell()
    agencies: dict = {}
    # Status and channel labels translated once per page: get_status_display() rebuilds and
    # translates the whole list of choices on every call.
    status_labels = {value: str(label) for value, label in State.choices}
    channel_labels = {value: str(label) for value, label in Channel.choices}
    link = reverse("dossiers:staff-dossier", args=[0]).removesuffix("0/")  # one reverse a page
    rows = []
    for d in (by_id[pk] for pk in ids if pk in by_id):
        status = d.status
        due = d.intake_due_at if status == State.SUBMITTED else d.due_at
        left = None
        if due is not None and status not in PAUSED_STATES and status not in CLOSED_STATES:
            agency = agencies.get(d.agency_id)
            if agency is None:
                agency = agencies[d.agency_id] = Agency(pk=d.agency_id, path=d.agency_path)
            left = hours_left(agency, due)
        assignee = d.assignee_full_name or d.assignee_username
        # html.escape: the same escaping as Django's escape (which wraps it), at a fraction of the
        # cost per call; every value below is a plain string, the hours cell is already safe.
        html = QUEUE_ROW_HTML.format(
            url=f"{link}{d.pk}/",
            code=escape(d.code or ""),
            channel=escape(channel_labels.get(d.channel, d.channel)),
            submitted=format_datetime(d.submitted_at),
            applicant=escape(d.applicant_name),
            procedure=escape(d.procedure_name),
            status=escape(status_labels.get(status, status)),
            unit=escape(d.unit_name or d.agency_name),
            assignee=f"<br>{escape(assignee)}" if assignee else "",
            due=format_datetime(due) or "—",
            hours=hours_cell(left),
        )
        rows.append({"dossier": d, "due": due, "hours_left": left, "html": html})
    return rows


class _PageOfIds:
    """What Paginator pages when the total is known and only one page of ids was read."""

    def __init__(self, total: int, offset: int, ids: list):
        self.total, self.offset, self.ids = total, offset, ids

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list:
        assert window.start == self.offset, (window, self.offset)
        return self.ids


def _open_tab_page(qs, size: int, requested, known: int | None, exact: bool):
    """One page of an open tab's ids, in the tab's order, and the tab's total.

    ``known``: the tab's count from the tab bar (``exact`` when counted for this very request, else
    up to DOSSIER_QUEUE_COUNTS_CACHE_SECONDS old). The page is then read alone — on the covering index,
    walking in the page's order, it stops at the page's last row — and the total is the one the tab
    bar shows. The last page by that count is never read with it (a dossier that arrived since would
    be cut off): there, and for filtered lists, the ids are read with the total of their matches in
    one query (``COUNT(*) OVER ()``: one scan of the matches where a COUNT(*) and the page would
    take two). A page past the end shows the last one, as Paginator.get_page does."""
    ids_of = qs.values_list("pk", flat=True)
    number = requested_page(requested)
    if number is not None and known is not None:
        last = max(1, -(-known // size))
        if number < last or (exact and number == last):
            offset = (number - 1) * size
            ids = list(ids_of[offset : offset + size])
            if ids or number == 1:
                return Paginator(_PageOfIds(known, offset, ids), size).page(number)
    if number is not None:
        offset = (number - 1) * size
        window = Window(Count("pk"))
        counted = list(qs.annotate(total=window).values_list("pk", "total")[offset : offset + size])
        if counted:
            ids = [pk for pk, _total in counted]
            return Paginator(_PageOfIds(counted[0][1], offset, ids), size).page(number)
        if number == 1:
            return Paginator(_PageOfIds(0, 0, []), size).page(1)
    # Past the end: the last page.
    total = known if exact and known is not None else qs.count()
    number = max(1, -(-total // size))
    offset = (number - 1) * size
    ids = list(ids_of[offset : offset + size]) if total else []
    return Paginator(_PageOfIds(total, offset, ids), size).page(number)


@staff_required
@require_GET
def queue(request):
    user = request.user
    tabs = _tabs_for(user)
    tab = request.GET.get("tab") or _default_tab(user)
    if tab not in tabs:
        raise Http404
    now = timezone.now()
    procedures = _procedure_choices(user)
    form = f.QueueFilterForm(request.GET or None, procedures=procedures)
    qs = Dossier.objects.queue_for(user, tab, now=now)
    if tab == QueueTab.DUE_SOON:
        qs = qs.filter(due_at__lt=now + dt.timedelta(hours=48))
    if form.is_valid():
        data = form.cleaned_data
        text = (data.get("q") or "").strip()
        if text:
            folded = normalize(text)
            qs = qs.filter(Q(code=text) | Q(search_text__contains=folded))
        if data.get("thu_tuc"):
            qs = qs.filter(procedure_version__procedure_id=data["thu_tuc"])
        if data.get("trang_thai"):
            qs = qs.filter(status=data["trang_thai"])
        if data.get("han") == "qua-han":
            qs = qs.filter(due_at__lt=now)
        elif data.get("han") == "sap-den-han":
            qs = qs.filter(due_at__gte=now, due_at__lt=now + dt.timedelta(hours=48))
        sort = data.get("sap_xep")
        if sort and tab != QueueTab.INTAKE:
            qs = qs.order_by(f.SORTS[sort][0], "pk")
    try:
        size = int(request.GET.get("n", 25))
    except ValueError:
        size = 25
    size = size if size in PAGE_SIZES else 25
    counts, fresh = _cached_counts(user, tabs, now)
    filtered = (
        form.is_bound
        and any(form.cleaned_data.get(k) for k in ("q", "thu_tuc", "trang_thai", "han"))
        if form.is_valid()
        else form.is_bound
    )
    more_than = None
    if tab == QueueTab.CLOSED:
        # The closed tab only grows (hundreds of thousands of dossiers in a year): it lists the
        # CLOSED_COUNT_CAP most recent and says "more than" beyond. One query reads their ids, and
        # one more id to know whether there are more, walking the index in the page's order; the
        # count and the page come from that list (a COUNT(*) and a page would walk it twice).
        recent = list(qs.values_list("pk", flat=True)[: CLOSED_COUNT_CAP + 1])
        if len(recent) > CLOSED_COUNT_CAP:
            more_than = f"{CLOSED_COUNT_CAP:,}".replace(",", ".")
        page = Paginator(recent[:CLOSED_COUNT_CAP], size).get_page(request.GET.get("trang"))
    else:
        known = counts.get(tab) if not filtered else None
        page = _open_tab_page(qs, size, request.GET.get("trang"), known, exact=fresh)
    ids = list(page.object_list)
    rows = _queue_rows(ids, now)
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "dossiers/staff/queue.html",
        {
            "tab": tab,
            "tabs": [(t, f.TAB_LABELS[t]) for t in tabs],
            "counts": counts,
            "form": form,
            "page": page,
            "rows": rows,
            "rows_html": mark_safe("".join(row["html"] for row in rows)),  # noqa: S308 - escaped
            "query_string": params.urlencode(),
            "page_sizes": PAGE_SIZES,
            "more_than": more_than,
        },
    )


def _dossier_for(user, pk) -> Dossier:
    return get_object_or_404(
        Dossier.objects.for_staff(user).select_related(
            "procedure_version__procedure",
            "agency__parent",
            "handling_unit",
            "assignee",
            "partner_agency",
            "applicant",
            "submitted_by",
        ),
        pk=pk,
    )


def _form_kwargs(action, dossier):
    if action.form is f.TransferForm:
        return {"units": Agency.objects.descendants_of(dossier.agency, include_self=True).active()}
    if action.form is f.AssignForm:
        from accounts.models import Membership

        unit = dossier.handling_unit or dossier.agency
        members = (
            Membership.objects.active()
            .filter(
                agency_id__in=unit.ancestor_ids(include_self=True),
                role__in=[Role.SPECIALIST],
            )
            .select_related("user")
            .order_by("user__full_name")
        )
        people = {m.user_id: m.user for m in members}
        return {"people": people.values()}
    if action.form is f.PartnerForm:
        return {
            "agencies": Agency.objects.active()
            .exclude(path__startswith=dossier.agency.path)
            .order_by("name")
        }
    if action.form is f.SupplementForm:
        return {"components": dossier.procedure_version.components.all()}
    return {}


def _action_forms(dossier, user, bound=None):
    forms = []
    for action in staff_actions.available(dossier, user):
        if bound is not None and bound[0] == action.slug:
            form = bound[1]
        else:
            initial = {"version": dossier.version}
            if action.form is f.CounterPaymentForm:
                pending = dossier.payments.filter(status="pending").first()
                if pending is None:
                    continue
                initial["payment"] = pending.pk
            form = action.form(initial=initial, prefix=action.slug, **_form_kwargs(action, dossier))
        forms.append((action, form))
    return forms


def _detail_context(request, dossier, bound=None, error=None):
    user = request.user
    components = list(dossier.procedure_version.components.all())
    attachments = list(
        dossier.attachments.select_related("component", "uploaded_by").order_by("uploaded_at", "pk")
    )
    by_component = {c.pk: [] for c in components}
    others = []
    for a in attachments:
        (by_component.get(a.component_id) if a.component_id in by_component else others).append(a)
    checklist = [{"component": c, "files": by_component[c.pk]} for c in components]
    clock_left = None
    if dossier.due_at and not dossier.is_paused and dossier.is_open:
        clock_left = deadlines.hours_left(dossier.agency, dossier.due_at, timezone.now())
    return {
        "dossier": dossier,
        "checklist": checklist,
        "other_files": others,
        "events": dossier.events.select_related("actor", "unit").order_by("at", "pk"),
        "steps": dossier.steps.select_related("unit", "assignee", "handed_over_by"),
        "notes": dossier.notes.select_related("author"),
        "documents": dossier.issued_documents.order_by("issued_at", "pk"),
        "supplements": dossier.supplement_requests.prefetch_related("items"),
        "payments": dossier.payments.all(),
        "action_forms": _action_forms(dossier, user, bound),
        "note_form": f.InternalNoteForm(),
        "hours_left": clock_left,
        "error": error,
        "can_print_control_slip": has_role(user, dossier.agency, *Role.ALL)
        or has_role(user, dossier.handling_unit, *Role.ALL),
    }


@staff_required
@require_GET
def dossier_detail(request, pk):
    dossier = _dossier_for(request.user, pk)
    return render(request, "dossiers/staff/detail.html", _detail_context(request, dossier))


@staff_required
@require_POST
def dossier_action(request, pk, action):
    dossier = _dossier_for(request.user, pk)
    spec = staff_actions.BY_SLUG.get(action)
    if spec is None:
        raise Http404
    form = spec.form(request.POST, request.FILES, prefix=spec.slug, **_form_kwargs(spec, dossier))
    if not form.is_valid():
        ctx = _detail_context(request, dossier, bound=(spec.slug, form))
        ctx["error"] = _("Thông tin chưa hợp lệ, vui lòng kiểm tra lại.")
        ctx["failed_action"] = spec.slug
        return render(request, "dossiers/staff/detail.html", ctx, status=400)
    try:
        spec.run(dossier, request.user, form.cleaned_data, request.FILES)
    except DossierError as exc:
        dossier.refresh_from_db()
        ctx = _detail_context(request, dossier)
        ctx["error"] = exc.message
        ctx["failed_action"] = spec.slug
        return render(request, "dossiers/staff/detail.html", ctx, status=exc.status)
    messages.success(request, spec.success)
    return redirect("dossiers:staff-dossier", pk=dossier.pk)


@staff_required
@require_POST
def add_note(request, pk):
    dossier = _dossier_for(request.user, pk)
    form = f.InternalNoteForm(request.POST)
    try:
        if not form.is_valid():
            raise p.InvalidInput(_("Ghi chú không được để trống."))
        p.add_note(dossier, request.user, form.cleaned_data["body"])
    except DossierError as exc:
        ctx = _detail_context(request, dossier, error=exc.message)
        return render(request, "dossiers/staff/detail.html", ctx, status=exc.status)
    messages.success(request, _("Đã thêm ghi chú."))
    return redirect(reverse("dossiers:staff-dossier", args=[dossier.pk]) + "#ghi-chu")


@staff_required
@require_POST
def control_slip(request, pk):
    dossier = _dossier_for(request.user, pk)
    try:
        document = p.issue_control_slip(dossier, request.user)
    except DossierError as exc:
        ctx = _detail_context(request, dossier, error=exc.message)
        return render(request, "dossiers/staff/detail.html", ctx, status=exc.status)
    return redirect("dossiers:staff-document", pk=dossier.pk, doc=document.pk)


@staff_required
@require_GET
def download_attachment(request, pk, att):
    dossier = _dossier_for(request.user, pk)
    attachment = get_object_or_404(dossier.attachments, pk=att)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=request.GET.get("xem") != "1",
        filename=attachment.name,
        content_type=attachment.content_type or "application/octet-stream",
    )


@staff_required
@require_GET
def download_document(request, pk, doc):
    dossier = _dossier_for(request.user, pk)
    document = get_object_or_404(dossier.issued_documents, pk=doc)
    return _pdf_response(document, inline=request.GET.get("tai") != "1")


def _pdf_response(document: IssuedDocument, inline=True):
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=document.file_name or "van-ban.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required(roles=[Role.RECEIVING_OFFICER, Role.LEADER])
@require_http_methods(["GET", "POST"])
def counter_intake(request):
    """Walk-in or postal dossier: pick the procedure, then fill in for the applicant and scan."""
    user = request.user
    agencies = list(
        staff_agencies(user, Role.RECEIVING_OFFICER, Role.LEADER).order_by("name")[:200]
    )
    versions = (
        ProcedureVersion.objects.published()
        .filter(agencies__in=[a.pk for a in agencies])
        .distinct()
        .order_by("name")
    )
    version = None
    version_id = request.GET.get("thu_tuc") or request.POST.get("thu_tuc")
    if version_id and str(version_id).isdigit():
        version = versions.filter(pk=version_id).first()
    if version is None:
        return render(
            request,
            "dossiers/staff/counter_pick.html",
            {"versions": versions[:1000], "error": bool(version_id)},
            status=400 if version_id else 200,
        )
    offering = [a for a in agencies if version.agencies.filter(pk=a.pk).exists()]
    components = list(version.components.all())
    form = f.CounterIntakeForm(
        request.POST or None, request.FILES or None, agencies=offering, components=components
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            agency = next(a for a in offering if a.pk == data["agency"])
            scans = [(c.pk, data[f"scan_{c.pk}"]) for c in components if data.get(f"scan_{c.pk}")]
            try:
                dossier, _receipt = p.register_at_counter(
                    user,
                    agency,
                    p.CounterIntake(
                        procedure_version=version,
                        applicant_name=data["applicant_name"],
                        applicant_id_number=data["applicant_id_number"],
                        applicant_address=data["applicant_address"],
                        applicant_phone=data["applicant_phone"],
                        applicant_email=data["applicant_email"],
                        applicant_is_organisation=data["applicant_is_organisation"],
                        applicant=_account_for(data),
                        channel=data["channel"],
                        inbound_tracking_number=data["inbound_tracking_number"],
                        delivery=data["delivery"],
                        delivery_address=data["delivery_address"],
                        paper_sets=data["paper_sets"],
                        scans=scans,
                    ),
                )
            except DossierError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(
                    request,
                    _(
                        "Đã tiếp nhận hồ sơ %(code)s. In Giấy tiếp nhận và hẹn trả kết quả cho công dân."
                    )
                    % {"code": dossier.code},
                )
                return redirect("dossiers:staff-dossier", pk=dossier.pk)
    return render(
        request,
        "dossiers/staff/counter_intake.html",
        {"form": form, "version": version, "components": components},
        status=status,
    )


def _account_for(data):
    """The applicant's account when their ID number or tax code is registered (their dossier then
    appears in "Hồ sơ của tôi")."""
    from accounts.models import User

    number = (data.get("applicant_id_number") or "").strip()
    if not number:
        return None
    field = "tax_code" if data.get("applicant_is_organisation") else "id_number"
    return User.objects.filter(**{field: number}, is_active=True).first()


@staff_required(roles=[Role.RECEIVING_OFFICER, Role.LEADER])
@require_http_methods(["GET", "POST"])
def tracking_book(request):
    user = request.user
    agencies = list(
        staff_agencies(user, Role.RECEIVING_OFFICER, Role.LEADER).order_by("name")[:200]
    )
    today = timezone.localdate()
    form = f.TrackingBookForm(
        request.POST or None,
        agencies=agencies,
        initial={"start": today.replace(day=1), "end": today},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            agency = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
            try:
                document = p.issue_tracking_book(
                    agency, user, form.cleaned_data["start"], form.cleaned_data["end"]
                )
            except DossierError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                return _pdf_response(document)
    return render(request, "dossiers/staff/tracking_book.html", {"form": form}, status=status)


@staff_required(roles=[Role.LEADER])
@require_GET
def leader_overview(request):
    """What is late and who holds it; what waits for approval, approvable from this screen."""
    user = request.user
    now = timezone.now()
    base = Dossier.objects.for_staff(user, Role.LEADER)
    running = sorted(RUNNING_STATES - PAUSED_STATES)
    late = (
        base.filter(status__in=running, due_at__lt=now)
        .select_related("procedure_version", "handling_unit", "assignee")
        .order_by("due_at")[:50]
    )
    holders = (
        base.filter(status__in=running, due_at__lt=now)
        .values("handling_unit__name", "assignee__full_name", "assignee__username")
        .annotate(n=Count("pk"))
        .order_by("-n")[:30]
    )
    waiting = Dossier.objects.queue_for(user, QueueTab.APPROVAL).select_related(
        "procedure_version", "handling_unit", "assignee"
    )[:50]
    return render(
        request,
        "dossiers/staff/leader.html",
        {
            "late": late,
            "holders": holders,
            "waiting": waiting,
            "now": now,
        },
    )


def queue_url(tab, **params):
    query = urlencode({"tab": tab, **params})
    return f"{reverse('dossiers:staff-queue')}?{query}"
