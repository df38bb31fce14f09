"""The citizen's dossier pages under /ho-so/ (sign-in required).

Every page that takes a dossier id loads it through ``_dossier_for`` (the applicant, whoever submitted
it, or someone acting for the applicant); anyone else gets a 404, so ids reveal nothing. Service
errors become their status code with the Vietnamese message on the page.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.permissions import acting_for_ids, can_act_for
from dossiers import private_files, uploads
from dossiers.citizen import status_text
from dossiers.citizen.forms import (
    DeliveryForm,
    DraftEForm,
    StartForm,
    SupplementNoteForm,
    WithdrawalForm,
)
from dossiers.eform import display_answers
from dossiers.models import (
    Attachment,
    Dossier,
    DossierEvent,
    DossierStep,
    IssuedDocument,
    Payment,
    PersonalDocument,
    State,
    SupplementItem,
    SupplementRequest,
)
from dossiers.services import citizen as citizen_services
from dossiers.services import submission
from dossiers.services.base import DossierError
from portal.formatting import format_date
from procedures.models import ProcedureVersion

logger = logging.getLogger(__name__)

PAGE_SIZE = 20


# What the access check reads (``_dossier_for(..., related=None)`` loads only these).
ACCESS_FIELDS = ("pk", "applicant_id", "submitted_by_id")


def _dossier_for(request, pk, *, related=True, extra_related=()) -> Dossier:
    """The dossier if the signed-in user may see it, else 404. ``related``: True for the relations
    the pages show, a tuple for only those, False for none, None for the access check's columns."""
    qs = Dossier.objects.all()
    if related is True:
        qs = qs.select_related(
            "procedure_version__procedure", "agency", "handling_unit", *extra_related
        )
    elif related:
        qs = qs.select_related(*related)
    elif related is None:
        qs = qs.only(*ACCESS_FIELDS)
    try:
        dossier = qs.get(pk=pk)  # no ORDER BY, unlike first(): cheaper to build
    except Dossier.DoesNotExist:
        raise Http404 from None
    user = request.user
    if user.pk in (dossier.applicant_id, dossier.submitted_by_id):
        return dossier
    if dossier.applicant_id and can_act_for(user, dossier.applicant_id):
        return dossier
    raise Http404


def _error_page(request, error: DossierError, dossier=None, template="dossiers/citizen/error.html"):
    return TemplateResponse(
        request, template, {"error": error.message, "dossier": dossier}, status=error.status
    )


# --- starting a draft ----------------------------------------------------------------------------
def _applicants(user, procedure_code):
    ids = acting_for_ids(user, procedure_code)
    others = list(User.objects.filter(pk__in=ids - {user.pk}, is_active=True).order_by("full_name"))
    return [user, *others]


@login_required
@require_http_methods(["GET", "POST"])
def start(request, code):
    # The published version; else the last public one, to explain why it takes no dossiers.
    versions = (
        ProcedureVersion.objects.filter(procedure__code=code)
        .exclude(status="draft")
        .select_related("procedure", "owner_agency")
        .order_by("-number")
    )
    version = next((v for v in versions if v.status == "published"), None) or versions.first()
    if version is None:
        raise Http404
    blockers = submission.submission_blockers(version, request.user)
    applicants = _applicants(request.user, version.procedure.code)
    agencies = list(version.agencies.all()) or [version.owner_agency]
    form = StartForm(request.POST or None, applicants=applicants, agencies=agencies)
    status = 200
    if request.method == "POST":
        if blockers:
            assurance = any(b.kind == submission.Blocker.ASSURANCE for b in blockers)
            status = 403 if assurance else 400
        elif form.is_valid():
            applicant = next(a for a in applicants if a.pk == form.cleaned_data["applicant"])
            agency = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
            try:
                dossier = submission.start_draft(
                    version, request.user, applicant=applicant, agency=agency
                )
            except DossierError as error:
                blockers = [str(error.message)]
                status = error.status
            else:
                messages.success(request, _("Đã tạo hồ sơ nháp. Bạn có thể lưu và quay lại sau."))
                return redirect("dossiers:edit", dossier.pk)
        else:
            status = 400
    return TemplateResponse(
        request,
        "dossiers/citizen/start.html",
        {
            "version": version,
            "blockers": blockers,
            "form": form,
            "components": version.components.all(),
            "fees": version.fees.all(),
        },
        status=status,
    )


# --- filling the draft ---------------------------------------------------------------------------
def _component_rows(dossier, attachments, personal_documents):
    rows = []
    for component in dossier.procedure_version.components.all():
        accepted = set(component.accepted_type_list)
        rows.append(
            {
                "component": component,
                "attachments": [a for a in attachments if a.component_id == component.pk],
                "personal": [
                    d
                    for d in personal_documents
                    if uploads.type_of_document(d.name, d.content_type)
                    in {uploads.canonical_type(t) for t in accepted}
                ],
                "accept": ",".join(f".{t}" for t in component.accepted_type_list),
            }
        )
    return rows


def _draft_context(request, dossier, eform, delivery_form, upload_errors=None):
    attachments = list(dossier.attachments.filter(replaced_at__isnull=True))
    personal = list(PersonalDocument.objects.filter(owner_id=dossier.applicant_id)[:50])
    version = dossier.procedure_version
    return {
        "dossier": dossier,
        "version": version,
        "eform": eform,
        "delivery_form": delivery_form,
        "components": _component_rows(dossier, attachments, personal),
        "upload_errors": upload_errors or {},
        "fees": submission.fee_lines(version),
        "fees_total": submission.fees_total(version),
    }


def _delivery_initial(dossier):
    return {
        "delivery": dossier.delivery,
        "delivery_address": dossier.delivery_address,
        "applicant_phone": dossier.applicant_phone,
        "applicant_email": dossier.applicant_email,
        "applicant_address": dossier.applicant_address,
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    # Saving needs only the version (the forms, the service); the page needs everything.
    saving = request.method == "POST"
    dossier = _dossier_for(request, pk, related=("procedure_version",) if saving else True)
    if dossier.status != State.DRAFT:
        return redirect("dossiers:detail", dossier.pk)
    version = dossier.procedure_version
    choices = submission.delivery_choices(version)
    if request.method == "GET":
        eform = DraftEForm.from_answers(version.form_schema, dossier.form_data)
        delivery_form = DeliveryForm(initial=_delivery_initial(dossier), choices=choices)
        return TemplateResponse(
            request,
            "dossiers/citizen/edit.html",
            _draft_context(request, dossier, eform, delivery_form),
        )
    eform = DraftEForm(version.form_schema, data=request.POST)
    delivery_form = DeliveryForm(request.POST, choices=choices)
    # Files by component id, from the field names ("tp-<id>"); the service refuses ids that are not
    # components of this dossier's procedure.
    files = {}
    for key in request.FILES:
        if key.startswith("tp-") and key[3:].isdigit():
            files[int(key[3:])] = request.FILES.getlist(key)
    upload_errors = {}
    if eform.is_valid() and delivery_form.is_valid():
        data = delivery_form.cleaned_data
        try:
            submission.fill_draft(
                dossier,
                request.user,
                answers=eform.cleaned_answers(),
                delivery=data["delivery"],
                delivery_address=data["delivery_address"],
                contact={
                    "applicant_phone": data["applicant_phone"],
                    "applicant_email": data["applicant_email"],
                    "applicant_address": data["applicant_address"],
                },
                files_by_component=files,
                personal_documents=list(_personal_choices(request.POST)),
                expected_version=request.POST.get("version"),
            )
        except submission.UploadRejected as error:
            upload_errors = error.errors
            status = 400
        except DossierError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            if request.POST.get("action") == "review":
                return redirect("dossiers:review", dossier.pk)
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("dossiers:edit", dossier.pk)
    else:
        status = 400
    dossier = _dossier_for(request, pk)
    return TemplateResponse(
        request,
        "dossiers/citizen/edit.html",
        _draft_context(request, dossier, eform, delivery_form, upload_errors),
        status=status,
    )


def _personal_choices(post):
    for key, value in post.items():
        if key.startswith("kho-") and value:
            try:
                yield int(key[4:]), int(value)
            except ValueError:
                continue


@login_required
@require_POST
def remove_file(request, pk, attachment_id):
    dossier = _dossier_for(request, pk, related=False)
    try:
        submission.remove_attachment(dossier, request.user, attachment_id)
    except DossierError as error:
        return _error_page(request, error, dossier)
    messages.success(request, _("Đã xóa tệp đính kèm."))
    return redirect("dossiers:edit", dossier.pk)


@login_required
@require_POST
def delete_draft(request, pk):
    dossier = _dossier_for(request, pk, related=False)
    try:
        submission.delete_draft(dossier, request.user)
    except DossierError as error:
        return _error_page(request, error, dossier)
    messages.success(request, _("Đã xóa bản nháp."))
    return redirect("dossiers:mine")


@login_required
@require_http_methods(["GET"])
def review(request, pk):
    dossier = _dossier_for(request, pk)
    if dossier.status != State.DRAFT:
        return redirect("dossiers:detail", dossier.pk)
    return TemplateResponse(
        request, "dossiers/citizen/review.html", _review_context(request, dossier)
    )


def _review_context(request, dossier, problems=None):
    version = dossier.procedure_version
    fee_payment = dossier.payments.filter(purpose=Payment.Purpose.FEE).first()
    return {
        "dossier": dossier,
        "version": version,
        "answers": display_answers(version.form_schema, dossier.form_data),
        "attachments": dossier.attachments.filter(replaced_at__isnull=True).select_related(
            "component"
        ),
        "problems": problems
        if problems is not None
        else submission.missing_for_submission(dossier, request.user),
        "needs_payment": submission.needs_online_payment(version),
        "fees": submission.fee_lines(version),
        "fees_total": submission.fees_total(version),
        "fee_payment": fee_payment,
    }


@login_required
@require_POST
def submit(request, pk):
    # Only the access check here: the service locks and loads the whole row.
    dossier = _dossier_for(request, pk, related=None)
    try:
        dossier, pin = submission.submit(dossier.pk, request.user)
    except submission.SubmissionIncomplete as error:
        dossier = _dossier_for(request, pk)
        return TemplateResponse(
            request,
            "dossiers/citizen/review.html",
            _review_context(request, dossier, problems=error.problems),
            status=400,
        )
    except DossierError as error:
        return _error_page(request, error, _dossier_for(request, pk, related=False))
    if pin:
        _keep_pin(request, dossier.pk, pin)
        messages.success(
            request,
            _("Đã nộp hồ sơ. Mã hồ sơ: %(code)s.") % {"code": dossier.code},
        )
    return redirect("dossiers:detail", dossier.pk)


# The lookup PIN is shown once, on the dossier's page the submission redirects to. It waits for
# that page on the server, in the cache under the session's key (the session's lifetime): written
# into the session, it cost the submit POST a session UPDATE in a transaction of its own.
# The session's key is a bearer secret: only its digest goes into the cache's key names.
def _pin_key(request, pk) -> str | None:
    key = request.session.session_key
    if not key:
        return None
    return f"dossiers:pin:{hashlib.sha256(key.encode()).hexdigest()}:{pk}"


def _keep_pin(request, pk, pin) -> None:
    key = _pin_key(request, pk)
    if key:
        try:
            cache.set(key, pin, settings.SESSION_COOKIE_AGE)
            return
        except (
            Exception
        ):  # the cache (Redis) is down: the dossier is submitted, keep it in the session
            logger.warning("PIN of dossier %s kept in the session: the cache is unreachable", pk)
    request.session[f"dossier-pin-{pk}"] = pin


def _take_pin(request, pk) -> str | None:
    key = _pin_key(request, pk)
    try:
        pin = cache.get(key) if key else None
        if pin is not None:
            cache.delete(key)
            return pin
    except Exception:  # the cache (Redis) is down: the page still shows, without a PIN kept there
        logger.warning("PIN of dossier %s not read: the cache is unreachable", pk)
    return request.session.pop(f"dossier-pin-{pk}", None)


# --- following -----------------------------------------------------------------------------------
FILTERS = {
    "": None,
    "nhap": [State.DRAFT],
    "cho-tiep-nhan": [State.SUBMITTED],
    "can-bo-sung": [State.SUPPLEMENT_AT_INTAKE, State.SUPPLEMENT_IN_PROCESSING],
    "can-thanh-toan": [State.PAYMENT_REQUESTED],
    "dang-xu-ly": [
        State.RECEIVED,
        State.PROCESSING,
        State.AT_PARTNER_AGENCY,
        State.AWAITING_APPROVAL,
        State.APPROVED,
        State.WITHDRAWAL_REQUESTED,
    ],
    "co-ket-qua": [State.RESULT_READY],
    "da-xong": [State.RETURNED, State.REFUSED, State.WITHDRAWN, State.STOPPED],
}


@login_required
def mine(request):
    chosen = request.GET.get("loc", "")
    if chosen not in FILTERS:
        chosen = ""
    ids = acting_for_ids(request.user)
    qs = Dossier.objects.filter(applicant__in=ids)
    if FILTERS[chosen]:
        qs = qs.filter(status__in=FILTERS[chosen])
    query = (request.GET.get("q") or "").strip()[:60]
    if query:
        qs = qs.filter(code__icontains=query)
    qs = (
        qs.select_related("procedure_version", "agency")
        .only(
            "pk",
            "code",
            "status",
            "due_at",
            "intake_due_at",
            "submitted_at",
            "created_at",
            "applicant_id",
            "applicant_name",
            "procedure_version__name",
            "agency__name",
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = _mine_rows(page, request.user.pk)
    params = request.GET.copy()
    params.pop("trang", None)
    return TemplateResponse(
        request,
        "dossiers/citizen/mine.html",
        {
            "page": page,
            "rows": rows,
            "filters": [(key, status_text.FILTER_LABELS[key]) for key in FILTERS],
            "chosen": chosen,
            "query": query,
            "query_string": params.urlencode(),
        },
    )


def _mine_rows(dossiers, user_pk) -> list[dict]:
    """The list's rows as plain strings: the template only prints them (rendering a table of
    model attributes, filters and {% url %} tags per row cost more than the queries)."""
    base = reverse("dossiers:mine")  # a dossier's pages are below it: <pk>/ and <pk>/sua/
    labels = {value: str(label) for value, label in State.choices}
    expected = {state: str(text) for state, text in status_text.EXPECTED.items()}
    draft_code = _("Bản nháp")
    rows = []
    for d in dossiers:
        draft = d.status == State.DRAFT
        if d.due_at:
            due = format_date(d.due_at)
        else:
            due = "—" if d.submitted_at else format_date(d.created_at)
        rows.append(
            {
                "href": f"{base}{d.pk}/sua/" if draft else f"{base}{d.pk}/",
                "code": d.code or draft_code,
                "procedure": d.procedure_version.name,
                "agency": d.agency.name,
                "for_someone": d.applicant_name if d.applicant_id != user_pk else "",
                "status": d.status,
                "status_label": labels.get(d.status, d.status),
                "due": due,
                "expected": expected.get(d.status) or "—",
            }
        )
    return rows


@login_required
def detail(request, pk):
    # With its satisfaction response, if any (one query less for the survey prompt).
    dossier = _dossier_for(request, pk, extra_related=("survey_response",))
    if dossier.status == State.DRAFT:
        return redirect("dossiers:edit", dossier.pk)
    events = list(
        DossierEvent.objects.filter(dossier=dossier, is_public=True)
        .select_related("unit", "actor")
        .only(
            "at",
            "action",
            "note",
            "to_state",
            "status_code",
            "due_at",
            "data",
            "unit__name",
            "actor__kind",
            "actor__full_name",
            "actor__username",
            "actor_id",
        )
    )
    steps = list(DossierStep.objects.filter(dossier=dossier).select_related("unit"))
    attachments = list(
        Attachment.objects.filter(dossier=dossier)
        .select_related("component")
        .order_by("uploaded_at", "pk")
    )
    documents = list(
        IssuedDocument.objects.filter(dossier=dossier, is_public=True).order_by("issued_at", "pk")
    )
    payments = list(Payment.objects.filter(dossier=dossier).order_by("created_at", "pk"))
    # One query for the supplement rounds and their items (every round lists at least one item).
    requests = {}
    items = SupplementItem.objects.filter(request__dossier=dossier).select_related(
        "request", "component"
    )
    for item in items.order_by("request__round", "order", "pk"):
        requests.setdefault(item.request_id, (item.request, []))[1].append(item)
    requests = [
        {"request": request, "items": request_items} for request, request_items in requests.values()
    ]
    open_request = next(
        (r["request"] for r in requests if r["request"].status == SupplementRequest.Status.OPEN),
        None,
    )
    pin = _take_pin(request, dossier.pk)
    return TemplateResponse(
        request,
        "dossiers/citizen/detail.html",
        {
            "dossier": dossier,
            "events": [status_text.event_row(e, dossier.applicant_id) for e in events],
            "steps": steps,
            "attachments": [a for a in attachments if a.replaced_at is None],
            "replaced": [a for a in attachments if a.replaced_at is not None],
            # Payment receipts are downloaded from the payments table.
            "documents": [
                d
                for d in documents
                if d.kind not in (IssuedDocument.Kind.RESULT, IssuedDocument.Kind.PAYMENT_RECEIPT)
            ],
            "results": [d for d in documents if d.kind == IssuedDocument.Kind.RESULT],
            "payments": payments,
            "requests": requests,
            "open_request": open_request,
            "expected": status_text.expected_of_applicant(dossier),
            "can_withdraw": status_text.can_withdraw(dossier),
            "pin": pin,
            "answers": display_answers(dossier.procedure_version.form_schema, dossier.form_data),
        },
    )


@login_required
def download_attachment(request, pk, attachment_id):
    dossier = _dossier_for(request, pk, related=False)
    attachment = get_object_or_404(Attachment, pk=attachment_id, dossier=dossier)
    return private_files.download_response(
        attachment.file, attachment.name, attachment.content_type
    )


@login_required
def download_document(request, pk, document_id):
    dossier = _dossier_for(request, pk, related=False)
    document = get_object_or_404(IssuedDocument, pk=document_id, dossier=dossier, is_public=True)
    name = document.file_name or f"{document.get_kind_display()}.pdf"
    return private_files.download_response(document.file, name, "application/pdf")


@login_required
def download_personal(request, document_id):
    document = get_object_or_404(PersonalDocument, pk=document_id)
    if not can_act_for(request.user, document.owner_id):
        raise Http404
    return private_files.download_response(document.file, document.name, document.content_type)


@login_required
def personal_store(request):
    ids = acting_for_ids(request.user)
    documents = PersonalDocument.objects.filter(owner__in=ids).select_related(
        "source_dossier", "owner"
    )[:200]
    return TemplateResponse(
        request, "dossiers/citizen/personal_store.html", {"documents": documents}
    )


# --- acting on a submitted dossier ---------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def answer_supplement(request, pk):
    dossier = _dossier_for(request, pk)
    supplement = citizen_services.open_supplement(dossier)
    if supplement is None:
        messages.info(request, _("Hồ sơ hiện không có yêu cầu bổ sung đang chờ."))
        return redirect("dossiers:detail", dossier.pk)
    items = list(supplement.items.all())
    form = SupplementNoteForm(request.POST or None)
    upload_errors, status = {}, 200
    if request.method == "POST":
        if form.is_valid():
            files = {}
            for item in items:
                if item.component_id:
                    files.setdefault(item.component_id, []).extend(
                        request.FILES.getlist(f"tp-{item.component_id}")
                    )
            try:
                citizen_services.answer_supplement(
                    dossier,
                    request.user,
                    files_by_component=files,
                    note=form.cleaned_data["note"],
                    expected_version=request.POST.get("version"),
                )
            except submission.UploadRejected as error:
                upload_errors, status = error.errors, 400
            except DossierError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                messages.success(request, _("Đã gửi nội dung bổ sung."))
                return redirect("dossiers:detail", dossier.pk)
        else:
            status = 400
    components = {}
    for item in items:
        if item.component_id:
            components[item.component_id] = item.component
    return TemplateResponse(
        request,
        "dossiers/citizen/supplement.html",
        {
            "dossier": dossier,
            "supplement": supplement,
            "items": items,
            "components": [
                {
                    "component": c,
                    "accept": ",".join(f".{t}" for t in c.accepted_type_list),
                    "errors": upload_errors.get(c.pk, []),
                }
                for c in components.values()
            ],
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    dossier = _dossier_for(request, pk)
    form = WithdrawalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                citizen_services.request_withdrawal(
                    dossier,
                    request.user,
                    reason=form.cleaned_data["reason"],
                    expected_version=request.POST.get("version"),
                )
            except DossierError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                messages.success(
                    request, _("Đã gửi yêu cầu rút hồ sơ. Cơ quan sẽ xem xét và trả lời.")
                )
                return redirect("dossiers:detail", dossier.pk)
        else:
            status = 400
    elif not status_text.can_withdraw(dossier):
        messages.error(request, _("Hồ sơ ở trạng thái này không rút được nữa."))
        return HttpResponseRedirect(reverse("dossiers:detail", args=[dossier.pk]))
    return TemplateResponse(
        request, "dossiers/citizen/withdraw.html", {"dossier": dossier, "form": form}, status=status
    )
