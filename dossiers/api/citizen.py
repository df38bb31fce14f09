"""A citizen's own dossiers (session, or a citizen's app token with ``dossiers:own``): the list, one
dossier with its public log, open supplement request, payments and issued documents; downloads of
documents and of the applicant's own files; and the applicant's moves on a submitted dossier:
answering a supplement request, asking to withdraw, paying an amount the agency asked for.

Reads use ``Dossier.objects.of_applicant(user)``, the rule of the citizen pages (own dossiers, those of
organisations and people the user acts for, those the user submitted): anyone else gets 404. Writes
call the services the pages call (dossiers/services/citizen.py, payments.py) and validate input with
the pages' form classes. Drafts (before a code exists) are in ``dossiers/api/drafts.py``.
"""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers import private_files
from dossiers.api.serializers import DossierStatusSerializer
from dossiers.citizen import status_text
from dossiers.citizen.forms import SupplementNoteForm, WithdrawalForm
from dossiers.models import (
    Attachment,
    Dossier,
    DossierEvent,
    IssuedDocument,
    Payment,
    SupplementRequest,
)
from dossiers.payments import registry
from dossiers.services import citizen as citizen_services
from dossiers.services import payments as payment_services
from dossiers.services import submission
from portal.api.errors import error_body
from portal.api.pagination import CursorPagination
from portal.api.permissions import ScopedMixin
from portal.api.scopes import DOSSIERS_OWN

SELECT = ("procedure_version__procedure", "agency", "handling_unit")


def extend_schema_field_list(serializer_class):
    return extend_schema_field(serializer_class(many=True))


def own_dossiers(user):
    return Dossier.objects.of_applicant(user).select_related(*SELECT)


class PublicEventSerializer(serializers.ModelSerializer):
    status_code = serializers.IntegerField(allow_null=True)
    state = serializers.CharField(source="to_state")

    class Meta:
        model = DossierEvent
        fields = ["at", "action", "state", "status_code", "note", "due_at"]


class DocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = IssuedDocument
        fields = ["id", "kind", "number", "title", "issued_at", "size", "download_url"]

    def get_download_url(self, document) -> str:
        return f"/api/v1/my/dossiers/{document.dossier.code}/documents/{document.pk}/"


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = [
            "id",
            "purpose",
            "amount",
            "description",
            "status",
            "provider",
            "due_by",
            "paid_at",
            "receipt_number",
        ]


class SupplementItemSerializer(serializers.Serializer):
    content = serializers.CharField()
    reason = serializers.CharField()
    component_id = serializers.IntegerField(
        allow_null=True, help_text=_("Thành phần hồ sơ cần nộp lại tệp (nếu có).")
    )
    component_name = serializers.CharField(allow_null=True)


class OpenSupplementSerializer(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = SupplementRequest
        fields = ["round", "phase", "message", "requested_at", "reply_by", "items"]

    @extend_schema_field_list(SupplementItemSerializer)
    def get_items(self, request):
        return [
            {
                "content": item.content,
                "reason": item.reason,
                "component_id": item.component_id,
                "component_name": item.component.name if item.component_id else None,
            }
            for item in request.items.all()
        ]


class OwnAttachmentSerializer(serializers.ModelSerializer):
    component_id = serializers.IntegerField()
    replaced = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "component_id",
            "name",
            "size",
            "content_type",
            "uploaded_at",
            "replaced",
            "download_url",
        ]

    def get_replaced(self, attachment) -> bool:
        return attachment.replaced_at is not None

    def get_download_url(self, attachment) -> str:
        return f"/api/v1/my/dossiers/{attachment.dossier.code}/attachments/{attachment.pk}/"


class OwnDossierSerializer(DossierStatusSerializer):
    events = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    payments = serializers.SerializerMethodField()
    open_supplement = serializers.SerializerMethodField(
        help_text=_("Yêu cầu bổ sung đang chờ công dân trả lời (nếu có).")
    )
    can_withdraw = serializers.SerializerMethodField()

    class Meta(DossierStatusSerializer.Meta):
        fields = [
            *DossierStatusSerializer.Meta.fields,
            "applicant_name",
            "events",
            "documents",
            "attachments",
            "payments",
            "open_supplement",
            "can_withdraw",
        ]

    @extend_schema_field_list(PublicEventSerializer)
    def get_events(self, dossier):
        events = dossier.events.filter(is_public=True).order_by("at", "pk")
        return PublicEventSerializer(events, many=True).data

    @extend_schema_field_list(DocumentSerializer)
    def get_documents(self, dossier):
        documents = dossier.issued_documents.filter(is_public=True).select_related("dossier")
        return DocumentSerializer(documents.order_by("issued_at", "pk"), many=True).data

    @extend_schema_field_list(OwnAttachmentSerializer)
    def get_attachments(self, dossier):
        attachments = dossier.attachments.select_related("dossier").order_by("uploaded_at", "pk")
        return OwnAttachmentSerializer(attachments, many=True).data

    @extend_schema_field_list(PaymentSerializer)
    def get_payments(self, dossier):
        return PaymentSerializer(dossier.payments.order_by("created_at", "pk"), many=True).data

    @extend_schema_field(OpenSupplementSerializer(allow_null=True))
    def get_open_supplement(self, dossier):
        request = citizen_services.open_supplement(dossier)
        return OpenSupplementSerializer(request).data if request else None

    def get_can_withdraw(self, dossier) -> bool:
        return bool(status_text.can_withdraw(dossier))


class SubmittedSerializer(OwnDossierSerializer):
    lookup_pin = serializers.SerializerMethodField(
        help_text=_(
            "Mã tra cứu (PIN) in trên giấy tiếp nhận; chỉ trả về một lần, khi vừa nộp (null khi "
            "hồ sơ đã được nộp từ trước)."
        )
    )

    class Meta(OwnDossierSerializer.Meta):
        fields = [*OwnDossierSerializer.Meta.fields, "lookup_pin"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_lookup_pin(self, dossier):
        return self.context.get("pin")


class OwnDossierPagination(CursorPagination):
    ordering = ("-created_at", "-pk")


@extend_schema_view(get=extend_schema(tags=["citizen"]))
class OwnDossierList(ScopedMixin, generics.ListAPIView):
    """The caller's dossiers (drafts included), newest first."""

    serializer_class = DossierStatusSerializer
    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN]}
    pagination_class = OwnDossierPagination

    def get_queryset(self):
        return own_dossiers(self.request.user)


@extend_schema_view(get=extend_schema(tags=["citizen"]))
class OwnDossierDetail(ScopedMixin, generics.RetrieveAPIView):
    """One of the caller's dossiers, with its public log and the documents issued to the applicant."""

    serializer_class = OwnDossierSerializer
    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN]}
    lookup_field = "code"

    def get_queryset(self):
        return own_dossiers(self.request.user).exclude(code=None)


class FileAnswerMixin:
    """A view that answers with a file: the file whatever the Accept header says; errors stay JSON."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


def file_schema(media_type, description):
    """The schema of a citizen endpoint whose 200 answer is a file of ``media_type``."""
    return extend_schema(
        tags=["citizen"],
        responses={
            (200, media_type): OpenApiResponse(
                response=OpenApiTypes.BINARY, description=description
            )
        },
    )


class OwnDocumentDownload(FileAnswerMixin, ScopedMixin, APIView):
    """A document issued to the applicant (receipt, supplement request, result...), as PDF."""

    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN]}

    @file_schema("application/pdf", _("Tệp PDF."))
    def get(self, request, code, document_id):
        dossier = get_object_or_404(own_dossiers(request.user), code=code)
        document = get_object_or_404(dossier.issued_documents, pk=document_id, is_public=True)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file_name or "van-ban.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class OwnAttachmentDownload(FileAnswerMixin, ScopedMixin, APIView):
    """One of the applicant's own files of the dossier (current or replaced)."""

    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN]}

    @file_schema("application/octet-stream", _("Tệp đính kèm."))
    def get(self, request, code, attachment_id):
        dossier = get_object_or_404(own_dossiers(request.user), code=code)
        attachment = get_object_or_404(Attachment, pk=attachment_id, dossier=dossier)
        return private_files.download_response(
            attachment.file, attachment.name, attachment.content_type
        )


# --- the applicant's moves on a submitted dossier ------------------------------------------------
class OwnDossierAction(ScopedMixin, APIView):
    permission_classes = [IsAuthenticated]
    required_scopes = {"POST": [DOSSIERS_OWN]}

    def dossier(self, code) -> Dossier:
        return get_object_or_404(own_dossiers(self.request.user), code=code)

    def answer(self, dossier) -> Response:
        dossier = own_dossiers(self.request.user).get(pk=dossier.pk)
        return Response(OwnDossierSerializer(dossier, context={"request": self.request}).data)


def form_fields(form, prefix: str = "") -> dict:
    """A Django form's errors as DRF field errors (field names after ``prefix``)."""
    from rest_framework.exceptions import ErrorDetail

    return {
        (f"{prefix}{name}" if name != "__all__" else "non_field_errors"): [
            ErrorDetail(e["message"], code=e.get("code") or "invalid") for e in errors
        ]
        for name, errors in form.errors.get_json_data().items()
    }


def upload_refusal(error) -> Response:
    fields = {
        f"files.{component_id}": [{"code": "file_rejected", "message": str(m)} for m in messages]
        for component_id, messages in error.errors.items()
    }
    return Response(error_body("file_rejected", error.message, fields), status=400)


class SupplementAnswerInput(serializers.Serializer):
    components = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_(
            "Thành phần hồ sơ của từng tệp, theo thứ tự: components[i] là thành phần của files[i]."
        ),
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text=_("Các tệp bổ sung (multipart/form-data, cùng tên trường files)."),
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    expected_version = serializers.IntegerField(required=False, min_value=1)


class SupplementAnswer(OwnDossierAction):
    """Answer the open supplement request: the files it asks for (each paired with its component)
    and a note; the dossier goes back to the agency (the clock resumes when it was paused). Files
    are checked as on the page; one refused file refuses the answer and nothing is kept."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        tags=["citizen"],
        request={
            "multipart/form-data": SupplementAnswerInput,
            "application/json": SupplementAnswerInput,
        },
        responses=OwnDossierSerializer,
    )
    def post(self, request, code):
        dossier = self.dossier(code)
        data = SupplementAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        components, files = data.get("components", []), data.get("files", [])
        if len(components) != len(files):
            raise ValidationError(
                {"components": [_("Mỗi tệp cần đúng một thành phần hồ sơ tương ứng.")]}
            )
        form = SupplementNoteForm({"note": data.get("note", "")})
        if not form.is_valid():
            raise ValidationError(form_fields(form))
        by_component: dict[int, list] = {}
        for component_id, upload in zip(components, files, strict=True):
            by_component.setdefault(component_id, []).append(upload)
        try:
            citizen_services.answer_supplement(
                dossier,
                request.user,
                files_by_component=by_component,
                note=form.cleaned_data["note"],
                expected_version=data.get("expected_version"),
            )
        except submission.UploadRejected as error:
            return upload_refusal(error)
        return self.answer(dossier)


class WithdrawalInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text=_("Lý do rút hồ sơ."))
    expected_version = serializers.IntegerField(required=False, min_value=1)


class WithdrawalRequest(OwnDossierAction):
    """Ask the agency to withdraw the dossier (before the result), with a reason."""

    @extend_schema(tags=["citizen"], request=WithdrawalInput, responses=OwnDossierSerializer)
    def post(self, request, code):
        dossier = self.dossier(code)
        data = WithdrawalInput(data=request.data)
        data.is_valid(raise_exception=True)
        form = WithdrawalForm({"reason": data.validated_data["reason"]})
        if not form.is_valid():
            raise ValidationError(form_fields(form))
        citizen_services.request_withdrawal(
            dossier,
            request.user,
            reason=form.cleaned_data["reason"],
            expected_version=data.validated_data.get("expected_version"),
        )
        return self.answer(dossier)


# --- payments ------------------------------------------------------------------------------------
class PaymentStartInput(serializers.Serializer):
    provider = serializers.CharField(
        required=False,
        max_length=40,
        help_text=_("Kênh thanh toán; bỏ trống để dùng kênh mặc định."),
    )


class PaymentStartSerializer(serializers.Serializer):
    redirect_url = serializers.CharField(
        help_text=_(
            "Trang của kênh thanh toán để chuyển người nộp tới. Chỉ lời báo có chữ ký của kênh "
            "thanh toán (callback) mới ghi nhận đã thanh toán."
        )
    )
    payment = PaymentSerializer()


def start_payment(request, payment, provider_name=None) -> Response:
    """A new attempt for ``payment`` through the page's own service and return/callback URLs."""
    from dossiers.payments.views import _build_urls, _client_ip

    try:
        url = payment_services.start(
            payment,
            request.user,
            provider_name=provider_name or None,
            build_urls=_build_urls(request._request),
            client_ip=_client_ip(request),
            locale=get_language() or "vi",
        )
    except registry.UnknownProvider as error:
        raise ValidationError({"provider": [_("Kênh thanh toán không tồn tại.")]}) from error
    payment.refresh_from_db()
    return Response({"redirect_url": url, "payment": PaymentSerializer(payment).data})


class PaymentStart(OwnDossierAction):
    """Pay an amount the agency asked for (status 6), or retry a failed payment."""

    @extend_schema(tags=["citizen"], request=PaymentStartInput, responses=PaymentStartSerializer)
    def post(self, request, code, payment_id):
        dossier = self.dossier(code)
        payment = get_object_or_404(Payment, pk=payment_id, dossier=dossier)
        data = PaymentStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        return start_payment(request, payment, data.validated_data.get("provider"))
