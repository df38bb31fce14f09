"""Staff and partner systems: a dossier's status, the staff queues, and transitions.

``POST /api/v1/dossiers/{code}/transitions/`` is both the officers' API and the inbound endpoint of
partner systems (a specialised processing system, the national portal) holding ``status:write``: the
caller's account (an officer, or the partner's service account) must pass exactly the checks the
pages apply, because the same service function in ``dossiers/services/processing.py`` runs.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.models import User
from dossiers.api.permissions import StaffVerified
from dossiers.api.serializers import DossierStatusSerializer
from dossiers.models import Dossier, State
from dossiers.queries import QueueTab
from dossiers.services import processing
from portal.api.pagination import CursorPagination
from portal.api.permissions import ScopedMixin
from portal.api.scopes import STATUS_READ, STATUS_WRITE
from procedures.models import Agency

STATUS_SELECT = ("procedure_version__procedure", "agency", "handling_unit")


def staff_dossiers(user):
    """Dossiers the caller may see as staff: the queues' own rule (``Dossier.objects.for_staff``)."""
    return Dossier.objects.for_staff(user).select_related(*STATUS_SELECT)


@extend_schema_view(get=extend_schema(tags=["staff"]))
class DossierStatusView(ScopedMixin, generics.RetrieveAPIView):
    """A dossier's current status, for officers of its agencies and partners that handle it."""

    serializer_class = DossierStatusSerializer
    permission_classes = [IsAuthenticated, StaffVerified]
    required_scopes = {"GET": [STATUS_READ]}
    lookup_field = "code"

    def get_queryset(self):
        return staff_dossiers(self.request.user)


class QueuePagination(CursorPagination):
    ordering = ("queue_position", "pk")


FAR_FUTURE = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


@extend_schema_view(
    get=extend_schema(
        tags=["staff"],
        parameters=[
            OpenApiParameter(
                "tab",
                str,
                OpenApiParameter.PATH,
                enum=list(QueueTab.ALL),
                description=_("Ngăn hàng đợi, như trên trang của cán bộ."),
            )
        ],
    )
)
class QueueView(ScopedMixin, generics.ListAPIView):
    """One tab of the staff queues (the same lists as the staff pages), soonest due first."""

    serializer_class = DossierStatusSerializer
    permission_classes = [IsAuthenticated, StaffVerified]
    pagination_class = QueuePagination

    def get_queryset(self):
        tab = self.kwargs["tab"]
        if tab not in QueueTab.ALL:
            raise ValidationError({"tab": [_("Ngăn hàng đợi không hợp lệ.")]})
        # A cursor needs a non-null position: the desk sorts by submission, the closed tab newest
        # first, every other tab by due date with undated dossiers last (as the pages do).
        if tab == QueueTab.INTAKE:
            position, descending = Coalesce("submitted_at", "created_at"), False
        elif tab == QueueTab.CLOSED:
            position, descending = Coalesce("closed_at", "updated_at"), True
        else:
            position, descending = Coalesce("due_at", Value(FAR_FUTURE)), False
        self.queue_ordering = ("-queue_position", "-pk") if descending else ("queue_position", "pk")
        return (
            Dossier.objects.queue_for(self.request.user, tab)
            .select_related(*STATUS_SELECT)
            .annotate(queue_position=position)
        )

    def paginate_queryset(self, queryset):
        self.paginator.ordering = self.queue_ordering
        return super().paginate_queryset(queryset)


class SupplementItemInput(serializers.Serializer):
    content = serializers.CharField(max_length=500, help_text=_("Giấy tờ cần bổ sung."))
    reason = serializers.CharField(max_length=1000, help_text=_("Lý do."))


ACTIONS = {
    "receive": _("Tiếp nhận hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả"),
    "request_supplement": _("Yêu cầu bổ sung (khi tiếp nhận hoặc khi xử lý)"),
    "refuse": _("Từ chối tiếp nhận"),
    "transfer": _("Chuyển đơn vị xử lý"),
    "assign": _("Phân công chuyên viên"),
    "request_payment": _("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "forward_to_partner": _("Chuyển cơ quan phối hợp (liên thông)"),
    "return_from_partner": _("Cơ quan phối hợp trả lại"),
    "submit_for_approval": _("Trình phê duyệt"),
    "approve": _("Phê duyệt"),
    "reject": _("Không phê duyệt, trả lại chuyên viên"),
    "issue_result": _("Ban hành kết quả (tệp đã ký)"),
    "return_result": _("Trả kết quả"),
    "extend": _("Gia hạn, xin lỗi và hẹn lại"),
    "stop": _("Dừng xử lý"),
    "accept_withdrawal": _("Chấp nhận rút hồ sơ"),
    "decline_withdrawal": _("Không chấp nhận rút hồ sơ"),
}


class TransitionInput(serializers.Serializer):
    """One action on a dossier; which fields are needed depends on the action."""

    action = serializers.ChoiceField(
        choices=list(ACTIONS.items()),
        help_text=_("Thao tác, như nút tương ứng trên trang của cán bộ."),
    )
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Phiên bản hồ sơ đã đọc; khác phiên bản hiện tại thì trả 409."),
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    reasons = serializers.ListField(
        child=serializers.CharField(max_length=1000),
        required=False,
        max_length=50,
        help_text=_("refuse, reject, stop, decline_withdrawal: các lý do."),
    )
    items = SupplementItemInput(
        many=True, required=False, help_text=_("request_supplement: các giấy tờ cần bổ sung.")
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    reply_by = serializers.DateField(required=False, allow_null=True)
    unit = serializers.CharField(
        required=False, max_length=40, help_text=_("transfer: mã đơn vị xử lý.")
    )
    assignee = serializers.CharField(
        required=False, max_length=150, help_text=_("assign: tên đăng nhập của chuyên viên.")
    )
    amount = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=10**12,
        help_text=_("request_payment: số tiền (đồng)."),
    )
    description = serializers.CharField(required=False, max_length=500)
    partner_agency = serializers.CharField(
        required=False, max_length=40, help_text=_("forward_to_partner: mã cơ quan phối hợp.")
    )
    budget_hours = serializers.DecimalField(
        required=False, max_digits=7, decimal_places=2, min_value=0
    )
    result_file = serializers.FileField(
        required=False, help_text=_("issue_result: tệp kết quả đã ký (multipart/form-data).")
    )
    number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    tracking_number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    new_due = serializers.DateTimeField(required=False, help_text=_("extend: ngày giờ hẹn mới."))
    reason = serializers.CharField(required=False, max_length=2000, help_text=_("extend: lý do."))


def _required(data, *names):
    missing = {
        name: [_("Trường này là bắt buộc với thao tác này.")] for name in names if name not in data
    }
    if missing:
        raise ValidationError(missing)


def _agency(code, field):
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationError({field: [_("Không có cơ quan, đơn vị với mã này.")]})
    return agency


def run_transition(dossier, actor, data):
    """Call the one service function of ``data["action"]`` (the pages call the same)."""
    action = data["action"]
    version = data.get("expected_version")
    note = data.get("note", "")
    p = processing
    if action == "receive":
        return p.receive(dossier, actor, expected_version=version, note=note)
    if action == "request_supplement":
        _required(data, "items")
        items = [dict(item) for item in data["items"]]
        function = (
            p.request_intake_supplement
            if dossier.status == State.SUBMITTED
            else p.request_processing_supplement
        )
        return function(
            dossier,
            actor,
            items,
            message=data.get("message", ""),
            reply_by=data.get("reply_by"),
            expected_version=version,
        )
    if action in ("refuse", "reject", "stop", "decline_withdrawal"):
        _required(data, "reasons")
        return getattr(p, action)(dossier, actor, data["reasons"], expected_version=version)
    if action == "transfer":
        _required(data, "unit")
        unit = _agency(data["unit"], "unit")
        return p.transfer(dossier, actor, unit, expected_version=version, note=note)
    if action == "assign":
        _required(data, "assignee")
        specialist = User.objects.filter(username=data["assignee"], is_active=True).first()
        if specialist is None:
            raise ValidationError({"assignee": [_("Không có cán bộ với tên đăng nhập này.")]})
        return p.assign(dossier, actor, specialist, expected_version=version, note=note)
    if action == "request_payment":
        _required(data, "amount", "description")
        return p.request_payment(
            dossier, actor, data["amount"], data["description"], expected_version=version
        )
    if action == "forward_to_partner":
        _required(data, "partner_agency", "budget_hours")
        partner = _agency(data["partner_agency"], "partner_agency")
        return p.forward_to_partner(
            dossier, actor, partner, data["budget_hours"], expected_version=version, note=note
        )
    if action == "issue_result":
        _required(data, "result_file")
        return p.issue_result(
            dossier,
            actor,
            data["result_file"],
            number=data.get("number", ""),
            summary=data.get("summary", ""),
            expected_version=version,
        )
    if action == "return_result":
        return p.return_result(
            dossier,
            actor,
            tracking_number=data.get("tracking_number", ""),
            expected_version=version,
            note=note,
        )
    if action == "extend":
        _required(data, "new_due", "reason")
        return p.extend(dossier, actor, data["new_due"], data["reason"], expected_version=version)
    # Actions that take only a note.
    return getattr(p, action)(dossier, actor, expected_version=version, note=note)


class TransitionView(ScopedMixin, generics.GenericAPIView):
    """Apply one action to a dossier, exactly as the staff pages do. 403 when the caller's account
    may not (role, agency), 409 when the dossier's state does not allow it or ``expected_version`` is
    stale, 400 with the service's message when the input is refused. Answers the new status."""

    serializer_class = TransitionInput
    permission_classes = [IsAuthenticated, StaffVerified]
    required_scopes = {"POST": [STATUS_WRITE]}
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(tags=["staff"], responses=DossierStatusSerializer)
    def post(self, request, code):
        dossier = get_object_or_404(staff_dossiers(request.user), code=code)
        serializer = TransitionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            run_transition(dossier, request.user, serializer.validated_data)
        dossier = staff_dossiers(request.user).filter(pk=dossier.pk).first() or (
            Dossier.objects.select_related(*STATUS_SELECT).get(pk=dossier.pk)
        )
        return Response(DossierStatusSerializer(dossier).data)
