"""A citizen's drafts through the API: start, fill, attach, submit, pay the fees of a full-process
procedure. The same service functions as the pages (dossiers/services/submission.py and payments.py)
and the same form classes to validate input (dossiers/citizen/forms.py), so the API accepts and refuses
exactly what the pages do.

A draft has no dossier code yet: it is addressed by its id under ``/api/v1/my/drafts/{id}/``, found
only through ``Dossier.objects.of_applicant(user)`` (the pages' rule: anyone else gets 404). Submitting
gives it a code; from then on it is ``/api/v1/my/dossiers/{code}/``.

Submitting twice (a retried request, two taps) submits once: the service locks the draft and a second
call finds it submitted and changes nothing. The API answers 201 with the lookup PIN the first time and
200 with the same dossier (no PIN) afterwards, so a client can simply retry; no Idempotency-Key header is
needed for it.
"""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import acting_for_ids
from dossiers import private_files
from dossiers.api.citizen import (
    FileAnswerMixin,
    PaymentSerializer,
    PaymentStartInput,
    PaymentStartSerializer,
    SubmittedSerializer,
    file_schema,
    form_fields,
    own_dossiers,
    start_payment,
)
from dossiers.citizen.forms import DeliveryForm, DraftEForm
from dossiers.eform import schema_fields
from dossiers.models import Attachment, Dossier, Payment, State
from dossiers.services import payments as payment_services
from dossiers.services import submission
from portal.api.errors import error_body
from portal.api.permissions import ScopedMixin
from portal.api.scopes import DOSSIERS_OWN
from procedures.models import Agency, ProcedureVersion, VersionStatus
from procedures.selectors import version_components

DRAFT_SELECT = ("procedure_version__procedure", "agency")


def own_drafts(user):
    return own_dossiers(user).filter(status=State.DRAFT).select_related(*DRAFT_SELECT)


def refusal(status_code: int, code: str, message, **extra) -> Response:
    return Response(error_body(code, message, **extra), status=status_code)


def blocker_refusal(version, actor, *, at_submission: bool) -> Response | None:
    """Why ``actor`` may not file online for ``version`` (the pages' ``submission_blockers``), with a
    machine code: ``assurance_level_required`` (403) when the account's identity level is too low,
    ``not_accepting_online`` when the procedure takes no online dossiers (400 when starting, 409 at
    submission: the draft was started while it did)."""
    problems = submission.submission_blockers(version, actor)
    if not problems:
        return None
    message = " ".join(str(p) for p in problems)
    if any(p.kind != submission.Blocker.ASSURANCE for p in problems):
        status_code = 409 if at_submission else 400
        return refusal(status_code, "not_accepting_online", message, problems=problems)
    return refusal(403, "assurance_level_required", message, problems=problems)


# --- serializers ---------------------------------------------------------------------------------
class DraftAttachmentSerializer(serializers.ModelSerializer):
    component_id = serializers.IntegerField()

    class Meta:
        model = Attachment
        fields = ["id", "component_id", "name", "size", "content_type", "sha256", "uploaded_at"]


class DraftComponentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_mandatory = serializers.BooleanField()
    accepted_types = serializers.ListField(child=serializers.CharField())
    max_size_bytes = serializers.IntegerField()
    attachments = DraftAttachmentSerializer(many=True)


class DeliveryChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class DraftSerializer(serializers.ModelSerializer):
    """A draft as the edit and review pages show it, with what still stops its submission."""

    procedure_code = serializers.CharField(source="procedure_version.procedure.code")
    procedure_name = serializers.CharField(source="procedure_version.name")
    procedure_version = serializers.IntegerField(source="procedure_version.number")
    agency_code = serializers.CharField(source="agency.code")
    state = serializers.CharField(source="status")
    version = serializers.IntegerField(
        help_text=gettext_lazy(
            "Gửi lại trong expected_version để không ghi đè thay đổi của người khác."
        )
    )
    form_schema = serializers.SerializerMethodField(
        help_text=gettext_lazy("Định nghĩa tờ khai điện tử của phiên bản thủ tục.")
    )
    form_data = serializers.JSONField(help_text=gettext_lazy("Câu trả lời tờ khai đã lưu."))
    delivery_choices = serializers.SerializerMethodField()
    components = serializers.SerializerMethodField()
    fees_total = serializers.SerializerMethodField()
    needs_online_payment = serializers.SerializerMethodField()
    fee_payment = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField(
        help_text=gettext_lazy("Những gì còn thiếu trước khi nộp (rỗng khi nộp được).")
    )

    class Meta:
        model = Dossier
        fields = [
            "id",
            "procedure_code",
            "procedure_name",
            "procedure_version",
            "agency_code",
            "applicant_name",
            "state",
            "version",
            "created_at",
            "updated_at",
            "form_schema",
            "form_data",
            "delivery",
            "delivery_choices",
            "delivery_address",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "components",
            "fees_total",
            "needs_online_payment",
            "fee_payment",
            "missing",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_form_schema(self, dossier):
        return {"fields": schema_fields(dossier.procedure_version.form_schema)}

    @extend_schema_field(DeliveryChoiceSerializer(many=True))
    def get_delivery_choices(self, dossier):
        choices = submission.delivery_choices(dossier.procedure_version)
        return [{"value": value, "label": str(label)} for value, label in choices]

    @extend_schema_field(DraftComponentSerializer(many=True))
    def get_components(self, dossier):
        attachments = list(dossier.attachments.filter(replaced_at__isnull=True).order_by("pk"))
        rows = []
        for component in version_components(dossier.procedure_version):
            rows.append(
                {
                    "id": component.pk,
                    "name": component.name,
                    "is_mandatory": component.is_mandatory,
                    "accepted_types": list(component.accepted_type_list),
                    "max_size_bytes": component.max_size_bytes,
                    "attachments": [a for a in attachments if a.component_id == component.pk],
                }
            )
        return DraftComponentSerializer(rows, many=True).data

    def get_fees_total(self, dossier) -> int:
        return submission.fees_total(dossier.procedure_version)

    def get_needs_online_payment(self, dossier) -> bool:
        return submission.needs_online_payment(dossier.procedure_version)

    @extend_schema_field(PaymentSerializer(allow_null=True))
    def get_fee_payment(self, dossier):
        payment = dossier.payments.filter(purpose=Payment.Purpose.FEE).first()
        return PaymentSerializer(payment).data if payment else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, dossier):
        user = self.context["request"].user
        return [str(p) for p in submission.missing_for_submission(dossier, user)]


class DraftSummarySerializer(serializers.ModelSerializer):
    procedure_code = serializers.CharField(source="procedure_version.procedure.code")
    procedure_name = serializers.CharField(source="procedure_version.name")
    agency_code = serializers.CharField(source="agency.code")

    class Meta:
        model = Dossier
        fields = [
            "id",
            "procedure_code",
            "procedure_name",
            "agency_code",
            "applicant_name",
            "version",
            "created_at",
            "updated_at",
        ]


class StartDraftInput(serializers.Serializer):
    procedure_code = serializers.CharField(
        max_length=60, help_text=gettext_lazy("Mã thủ tục (phiên bản đang công bố được dùng).")
    )
    agency_code = serializers.CharField(
        max_length=40,
        required=False,
        help_text=gettext_lazy("Mã cơ quan tiếp nhận, khi thủ tục có nhiều nơi tiếp nhận."),
    )
    applicant = serializers.CharField(
        max_length=20,
        required=False,
        help_text=gettext_lazy(
            "Số định danh / mã số thuế của người được nộp thay (người ủy quyền, tổ chức); bỏ trống "
            "khi nộp cho chính mình."
        ),
    )


class UpdateDraftInput(serializers.Serializer):
    form_data = serializers.DictField(
        required=False,
        help_text=gettext_lazy(
            "Câu trả lời tờ khai theo tên trường; ngày dạng yyyy-mm-dd hoặc dd/mm/yyyy. Kiểm tra "
            "như trang nộp hồ sơ: đúng kiểu ngay khi lưu, đủ ô bắt buộc khi nộp."
        ),
    )
    delivery = serializers.CharField(required=False, max_length=10)
    delivery_address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    applicant_phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    applicant_email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    applicant_address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    expected_version = serializers.IntegerField(required=False, min_value=1)


DELIVERY_FIELDS = (
    "delivery",
    "delivery_address",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)


class AttachmentInput(serializers.Serializer):
    component = serializers.IntegerField(help_text=gettext_lazy("Mã (id) thành phần hồ sơ."))
    files = serializers.ListField(
        child=serializers.FileField(),
        min_length=1,
        help_text=gettext_lazy("Một hoặc nhiều tệp (multipart/form-data, cùng tên trường files)."),
    )
    expected_version = serializers.IntegerField(required=False, min_value=1)


class VersionInput(serializers.Serializer):
    expected_version = serializers.IntegerField(required=False, min_value=1)


def _eform_data(schema, answers) -> tuple[dict, dict]:
    """The API's JSON answers as the page's form data (``tk-<name>``), and errors for unknown names
    or values that are not plain values."""
    specs = {spec["name"]: spec for spec in schema_fields(schema)}
    data, errors = {}, {}
    for name, value in answers.items():
        spec = specs.get(name)
        if spec is None:
            errors[f"form_data.{name}"] = [
                ErrorDetail(_("Tờ khai không có ô này."), code="unknown_field")
            ]
            continue
        if isinstance(value, dict | list):
            errors[f"form_data.{name}"] = [ErrorDetail(_("Giá trị không hợp lệ."), code="invalid")]
            continue
        if spec.get("type") == "checkbox":
            if value not in (None, False, "", 0, "false"):
                data[f"tk-{name}"] = "on"
            continue
        if value is not None:
            data[f"tk-{name}"] = str(value) if not isinstance(value, str) else value
    return data, errors


# --- views ---------------------------------------------------------------------------------------
class CitizenWriteView(ScopedMixin, APIView):
    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN], "POST": [DOSSIERS_OWN]}

    def draft(self, pk) -> Dossier:
        return get_object_or_404(own_drafts(self.request.user), pk=pk)

    def draft_response(self, dossier, status_code=200) -> Response:
        # The serializer reads the fee lines three times (total, online payment, what is missing).
        drafts = own_drafts(self.request.user).prefetch_related("procedure_version__fees")
        dossier = drafts.get(pk=dossier.pk)
        data = DraftSerializer(dossier, context={"request": self.request}).data
        return Response(data, status=status_code)


class DraftList(CitizenWriteView):
    """The caller's drafts (``GET``), and a new draft for a procedure's published version (``POST``)."""

    @extend_schema(tags=["citizen"], responses=DraftSummarySerializer(many=True))
    def get(self, request):
        drafts = own_drafts(request.user).order_by("-created_at", "-pk")[:200]
        return Response(DraftSummarySerializer(drafts, many=True).data)

    @extend_schema(tags=["citizen"], request=StartDraftInput, responses={201: DraftSerializer})
    def post(self, request):
        data = StartDraftInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        code = data["procedure_code"].strip()
        # The published version; else the last public one, to say why it takes no dossiers.
        versions = (
            ProcedureVersion.objects.filter(procedure__code=code)
            .exclude(status=VersionStatus.DRAFT)
            .select_related("procedure", "owner_agency")
            .order_by("-number")
        )
        version = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
        version = version or versions.first()
        if version is None:
            raise ValidationError({"procedure_code": [_("Không có thủ tục với mã này.")]})
        refused = blocker_refusal(version, request.user, at_submission=False)
        if refused is not None:
            return refused
        applicant = request.user
        if data.get("applicant"):
            ids = acting_for_ids(request.user, version.procedure.code)
            number = data["applicant"].strip()
            applicant = (
                User.objects.filter(pk__in=ids, is_active=True).filter(id_number=number).first()
                or User.objects.filter(pk__in=ids, is_active=True, tax_code=number).first()
            )
            if applicant is None:
                raise ValidationError(
                    {"applicant": [_("Bạn không được ủy quyền nộp hồ sơ thay người này.")]}
                )
        agency = None
        if data.get("agency_code"):
            agency = Agency.objects.filter(code=data["agency_code"]).first()
            if agency is None:
                raise ValidationError({"agency_code": [_("Không có cơ quan, đơn vị với mã này.")]})
        dossier = submission.start_draft(version, request.user, applicant=applicant, agency=agency)
        return self.draft_response(dossier, status.HTTP_201_CREATED)


class DraftDetail(CitizenWriteView):
    """One draft: read it, save e-form answers and the delivery choice (``PATCH``), or abandon it
    (``DELETE``: the draft, its own files and an unpaid fee payment go)."""

    required_scopes = {
        "GET": [DOSSIERS_OWN],
        "PATCH": [DOSSIERS_OWN],
        "DELETE": [DOSSIERS_OWN],
    }

    @extend_schema(tags=["citizen"], responses=DraftSerializer)
    def get(self, request, draft_id):
        return self.draft_response(self.draft(draft_id))

    @extend_schema(tags=["citizen"], request=UpdateDraftInput, responses=DraftSerializer)
    def patch(self, request, draft_id):
        dossier = self.draft(draft_id)
        data = UpdateDraftInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        version = dossier.procedure_version
        errors, answers, delivery = {}, None, {}
        if "form_data" in data:
            form_data, errors = _eform_data(version.form_schema, data["form_data"])
            # The page's form: types checked now, required fields at submission.
            eform = DraftEForm(version.form_schema, data=form_data)
            if eform.is_valid():
                answers = eform.cleaned_answers()
            else:
                errors.update(form_fields(eform, "form_data."))
        if any(name in data for name in DELIVERY_FIELDS):
            current = {name: getattr(dossier, name) for name in DELIVERY_FIELDS}
            form = DeliveryForm(
                {**current, **{k: v for k, v in data.items() if k in DELIVERY_FIELDS}},
                choices=submission.delivery_choices(version),
            )
            if form.is_valid():
                delivery = form.cleaned_data
            else:
                errors.update(form_fields(form))
        if errors:
            raise ValidationError(errors)
        submission.save_draft(
            dossier,
            request.user,
            answers=_only_given(answers, data.get("form_data"), dossier.form_data),
            delivery=delivery.get("delivery"),
            delivery_address=delivery.get("delivery_address") if delivery else None,
            contact={
                name: delivery[name]
                for name in ("applicant_phone", "applicant_email", "applicant_address")
                if name in delivery
            },
            expected_version=data.get("expected_version"),
        )
        return self.draft_response(dossier)

    @extend_schema(tags=["citizen"], responses={204: None})
    def delete(self, request, draft_id):
        submission.delete_draft(self.draft(draft_id), request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _only_given(answers, given, stored):
    """The stored answers with the given names replaced (a ``PATCH`` keeps what it does not name)."""
    if answers is None or given is None:
        return None
    merged = dict(stored or {})
    for name in given:
        if name in answers:
            merged[name] = answers[name]
    return merged


class DraftAttachments(CitizenWriteView):
    """Attach files to one component of the draft (multipart). Each file is checked like on the page:
    type sniffed from the bytes against the component's accepted types, size and count limits, a
    clean stored name, private storage; one refused file refuses them all and nothing is kept."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["citizen"],
        request={"multipart/form-data": AttachmentInput},
        responses={201: DraftSerializer},
    )
    def post(self, request, draft_id):
        dossier = self.draft(draft_id)
        data = AttachmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        try:
            submission.add_files(
                dossier,
                request.user,
                {data["component"]: data["files"]},
                expected_version=data.get("expected_version"),
            )
        except submission.UploadRejected as error:
            return refusal(
                400, "file_rejected", error.message, fields=_upload_fields(error.errors, "files")
            )
        return self.draft_response(dossier, status.HTTP_201_CREATED)


def _upload_fields(errors: dict, name: str) -> dict:
    messages = [str(m) for msgs in errors.values() for m in msgs]
    return {name: [{"code": "file_rejected", "message": m} for m in messages]}


class DraftAttachmentDetail(FileAnswerMixin, CitizenWriteView):
    """Download one of the draft's files, or remove it (its stored file goes after commit)."""

    required_scopes = {"GET": [DOSSIERS_OWN], "DELETE": [DOSSIERS_OWN]}

    @file_schema("application/octet-stream", gettext_lazy("Tệp đính kèm."))
    def get(self, request, draft_id, attachment_id):
        dossier = self.draft(draft_id)
        attachment = get_object_or_404(Attachment, pk=attachment_id, dossier=dossier)
        return private_files.download_response(
            attachment.file, attachment.name, attachment.content_type
        )

    @extend_schema(
        tags=["citizen"],
        parameters=[
            OpenApiParameter(
                "expected_version",
                int,
                OpenApiParameter.QUERY,
                required=False,
                description=gettext_lazy(
                    "Phiên bản hồ sơ đã đọc; khác phiên bản hiện tại thì 409."
                ),
            )
        ],
        responses={204: None},
    )
    def delete(self, request, draft_id, attachment_id):
        dossier = self.draft(draft_id)
        get_object_or_404(Attachment, pk=attachment_id, dossier=dossier)
        submission.remove_attachment(
            dossier,
            request.user,
            attachment_id,
            expected_version=_int_or_none(request.query_params.get("expected_version")),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError as error:
        raise ValidationError(
            {"expected_version": [_("Phiên bản phải là một số nguyên.")]}
        ) from error


class DraftSubmit(CitizenWriteView):
    """Submit the draft: 201 with the dossier's code and the lookup PIN (shown only now); 200 with
    the same dossier and no PIN when it had already been submitted (a retry). 400 ``incomplete``
    with ``problems`` when something is missing; 403 ``assurance_level_required``; 409
    ``not_accepting_online`` when the procedure stopped taking online dossiers."""

    @extend_schema(
        tags=["citizen"],
        request=VersionInput,
        responses={201: SubmittedSerializer, 200: SubmittedSerializer},
    )
    def post(self, request, draft_id):
        data = VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = get_object_or_404(
            own_dossiers(request.user).select_related(*DRAFT_SELECT), pk=draft_id
        )
        if dossier.status == State.DRAFT:
            refused = blocker_refusal(dossier.procedure_version, request.user, at_submission=True)
            if refused is not None:
                return refused
        try:
            dossier, pin = submission.submit(
                dossier, request.user, expected_version=data.validated_data.get("expected_version")
            )
        except submission.SubmissionIncomplete as error:
            problems = [str(p) for p in error.problems]
            return refusal(
                400,
                "incomplete",
                _("Hồ sơ chưa đủ để nộp.") + " " + " ".join(problems),
                problems=problems,
            )
        if dossier.submitted_at is None:
            raise ValidationError(_("Hồ sơ chưa được nộp."))  # pragma: no cover
        dossier = own_dossiers(request.user).get(pk=dossier.pk)
        body = SubmittedSerializer(dossier, context={"request": request, "pin": pin}).data
        return Response(body, status=status.HTTP_201_CREATED if pin else status.HTTP_200_OK)


class DraftFeePayment(CitizenWriteView):
    """Start (or restart) the online payment of a full-process draft's fees: answers the provider's
    page to send the payer to. Only the provider's signed callback marks it paid."""

    @extend_schema(tags=["citizen"], request=PaymentStartInput, responses=PaymentStartSerializer)
    def post(self, request, draft_id):
        dossier = self.draft(draft_id)
        data = PaymentStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            payment = payment_services.fee_payment_for(dossier, request.user)
        return start_payment(request, payment, data.validated_data.get("provider"))
