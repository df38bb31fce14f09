"""One JSON shape for a status event: the feed's items and the webhooks' bodies are the same, and
never change once written (everything comes from the event itself or from what never changes on the
dossier), so a resent event is byte-for-byte what was sent before."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers.models import NationalStatus


class StatusEventSerializer(serializers.Serializer):
    seq = serializers.IntegerField(
        help_text=_("Số thứ tự trong luồng sự kiện: tăng dần, không trùng, không bỏ sót.")
    )
    event_id = serializers.IntegerField()
    dossier_code = serializers.CharField(source="dossier.code")
    procedure_code = serializers.CharField(source="dossier.procedure_version.procedure.code")
    agency_code = serializers.CharField(source="dossier.agency.code")
    unit_code = serializers.SerializerMethodField()
    status_code = serializers.ChoiceField(
        source="event.status_code",
        choices=NationalStatus.choices,
        help_text=_("Mã trạng thái theo Cổng Dịch vụ công quốc gia (1-10)."),
    )
    state = serializers.CharField(source="event.to_state", help_text=_("Trạng thái nội bộ."))
    previous_state = serializers.CharField(source="event.from_state")
    action = serializers.CharField(source="event.action")
    note = serializers.CharField(source="event.note")
    occurred_at = serializers.DateTimeField(source="event.at")
    due_at = serializers.DateTimeField(
        source="event.due_at",
        allow_null=True,
        help_text=_(
            "Hạn trả kết quả tại thời điểm sự kiện (trống khi chưa tiếp nhận hoặc đang tạm dừng)."
        ),
    )
    sequenced_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_unit_code(self, entry):
        unit = entry.event.unit
        return unit.code if unit else None
