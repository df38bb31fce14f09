"""The status feed and webhook subscriptions for partner systems (scope ``status:read``).

- ``GET /api/v1/status-events/?after=<seq>``: status events of the dossiers the caller may see as
  staff (a partner's service account, an officer), in sequence order. Keep ``next`` and poll it.
- ``/api/v1/webhooks/``: a partner's own subscriptions; ``…/replay/`` resends from a point;
  ``…/deliveries/`` is the delivery log.
"""

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from dossiers.api.permissions import StaffVerified
from portal.api.pagination import CursorPagination, SequencePagination
from portal.api.permissions import IsPartner, ScopedMixin
from portal.api.scopes import STATUS_READ
from portal.integrations import destinations, feed, webhooks
from portal.integrations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from portal.integrations.serializers import StatusEventSerializer

FEED_SELECT = (
    "event__unit",
    "dossier__agency",
    "dossier__procedure_version__procedure",
)


@extend_schema_view(
    get=extend_schema(
        tags=["status-feed"],
        parameters=[
            OpenApiParameter("dossier", str, description=_("Chỉ các sự kiện của hồ sơ có mã này."))
        ],
    )
)
class StatusEventFeed(ScopedMixin, generics.ListAPIView):
    """Status events (national status codes 1-10) in the order they happened, without gaps. A partner
    that was offline resumes from the last ``seq`` it processed and misses nothing."""

    serializer_class = StatusEventSerializer
    pagination_class = SequencePagination
    permission_classes = [IsAuthenticated, StaffVerified]
    required_scopes = {"GET": [STATUS_READ]}

    def get_queryset(self):
        feed.sequence_pending()
        queryset = feed.entries_visible_to(self.request.user).select_related(*FEED_SELECT)
        code = self.request.query_params.get("dossier")
        if code:
            queryset = queryset.filter(dossier__code=code)
        return queryset


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    secret = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=_("Khóa ký HMAC-SHA256; chỉ trả về khi tạo mới."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "is_active", "start_after_seq", "secret", "created_at"]
        read_only_fields = ["id", "created_at"]

    def validate_url(self, value):
        if settings.WEBHOOK_REQUIRE_HTTPS and not value.lower().startswith("https://"):
            raise serializers.ValidationError(_("Địa chỉ nhận phải dùng https://."))
        try:
            destinations.check_url(value)
        except destinations.UnsafeDestination as error:
            raise serializers.ValidationError(error.message, code="unsafe_destination") from error
        return value

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("show_secret"):
            data["secret"] = None
        return data


class PartnerOwnedMixin(ScopedMixin):
    permission_classes = [IsAuthenticated, IsPartner]
    required_scopes = {"*": [STATUS_READ]}

    def partner(self):
        return self.request.auth.application.partner

    def subscriptions(self):
        return WebhookSubscription.objects.filter(
            partner__application=self.request.auth.application
        )


@extend_schema_view(get=extend_schema(tags=["webhooks"]), post=extend_schema(tags=["webhooks"]))
class WebhookSubscriptionList(PartnerOwnedMixin, generics.ListCreateAPIView):
    """The calling partner's webhook subscriptions. The signing secret is shown once, on creation."""

    serializer_class = WebhookSubscriptionSerializer
    pagination_class = None

    def get_queryset(self):
        return self.subscriptions().order_by("pk")

    def create(self, request, *args, **kwargs):
        partner = getattr(request.auth.application, "partner", None)
        if partner is None:
            return Response(
                {"code": "permission_denied", "message": str(IsPartner.message), "fields": {}},
                status=status.HTTP_403_FORBIDDEN,
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = serializer.save(partner=partner)
        data = WebhookSubscriptionSerializer(subscription, context={"show_secret": True}).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(tags=["webhooks"]),
    put=extend_schema(tags=["webhooks"]),
    patch=extend_schema(tags=["webhooks"]),
    delete=extend_schema(tags=["webhooks"]),
)
class WebhookSubscriptionDetail(PartnerOwnedMixin, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = WebhookSubscriptionSerializer
    lookup_url_kwarg = "subscription_id"

    def get_queryset(self):
        return self.subscriptions()


class ReplaySerializer(serializers.Serializer):
    after_seq = serializers.IntegerField(
        min_value=0, help_text=_("Gửi lại mọi sự kiện có số thứ tự lớn hơn giá trị này.")
    )


class ReplayResultSerializer(serializers.Serializer):
    scheduled = serializers.IntegerField()


class WebhookReplay(PartnerOwnedMixin, generics.GenericAPIView):
    """Send again, in order, every event after ``after_seq`` (after an outage, or a lost database on
    the partner's side). Events already delivered are delivered again: receivers de-duplicate by
    ``seq``."""

    serializer_class = ReplaySerializer

    @extend_schema(tags=["webhooks"], responses=ReplayResultSerializer)
    def post(self, request, subscription_id):
        subscription = get_object_or_404(self.subscriptions(), pk=subscription_id)
        serializer = ReplaySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            count = webhooks.replay(subscription, serializer.validated_data["after_seq"])
        return Response({"scheduled": count}, status=status.HTTP_202_ACCEPTED)


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["at", "response_status", "error", "duration_ms", "succeeded"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    dossier_code = serializers.CharField(source="dossier.code")
    log = WebhookAttemptSerializer(many=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "seq",
            "dossier_code",
            "status",
            "attempts",
            "next_attempt_at",
            "delivered_at",
            "replays",
            "created_at",
            "log",
        ]


class DeliveryPagination(CursorPagination):
    ordering = ("-seq", "-pk")


@extend_schema_view(get=extend_schema(tags=["webhooks"]))
class WebhookDeliveryLog(PartnerOwnedMixin, generics.ListAPIView):
    """The delivery log of one subscription, newest first, each with every attempt."""

    serializer_class = WebhookDeliverySerializer
    pagination_class = DeliveryPagination

    def get_queryset(self):
        subscription = get_object_or_404(self.subscriptions(), pk=self.kwargs["subscription_id"])
        queryset = (
            WebhookDelivery.objects.filter(subscription=subscription)
            .select_related("dossier")
            .prefetch_related("log")
        )
        wanted = self.request.query_params.get("status")
        if wanted in WebhookDelivery.Status.values:
            queryset = queryset.filter(status=wanted)
        return queryset
