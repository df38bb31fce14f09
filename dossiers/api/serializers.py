from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers.models import Dossier, NationalStatus, State


class DossierStatusSerializer(serializers.ModelSerializer):
    """Where a dossier stands: internal state, national status code, appointment, version."""

    procedure_code = serializers.CharField(source="procedure_version.procedure.code")
    procedure_name = serializers.CharField(source="procedure_version.name")
    agency_code = serializers.CharField(source="agency.code")
    handling_unit_code = serializers.SerializerMethodField()
    state = serializers.ChoiceField(source="status", choices=State.choices)
    status_code = serializers.ChoiceField(
        choices=NationalStatus.choices,
        allow_null=True,
        help_text=_("Mã trạng thái theo Cổng Dịch vụ công quốc gia (1-10)."),
    )
    status_name = serializers.CharField(source="get_status_display")
    version = serializers.IntegerField(
        help_text=_("Gửi lại trong expected_version để không ghi đè thay đổi của người khác.")
    )

    class Meta:
        model = Dossier
        fields = [
            "code",
            "procedure_code",
            "procedure_name",
            "agency_code",
            "handling_unit_code",
            "channel",
            "state",
            "status_code",
            "status_name",
            "submitted_at",
            "received_at",
            "due_at",
            "returned_at",
            "closed_at",
            "version",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_handling_unit_code(self, dossier):
        return dossier.handling_unit.code if dossier.handling_unit_id else None
