from rest_framework import serializers

from procedures.models import Agency, DossierComponent, Fee, ProcedureVersion, ProcessStep, Sector


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["code", "name"]


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "level", "parent", "address", "phone", "email"]


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["code", "name"]


class ComponentSerializer(serializers.ModelSerializer):
    template_url = serializers.SerializerMethodField()

    class Meta:
        model = DossierComponent
        fields = [
            "id",
            "name",
            "form",
            "copies",
            "is_mandatory",
            "condition",
            "accepted_types",
            "max_size_mb",
            "template_url",
        ]

    def get_template_url(self, obj) -> str | None:
        if not obj.template:
            return None
        from django.urls import reverse

        code = self.context.get("procedure_code") or obj.version.procedure.code
        url = reverse("procedures:template", args=[code, obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class FeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fee
        fields = ["kind", "description", "amount", "condition"]


class StepSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ProcessStep
        fields = ["order", "name", "unit", "unit_name", "role", "budget_hours"]


class ProcedureRowsSerializer(serializers.ListSerializer):
    """The list's rows built directly, the same JSON as ``ProcedureListSerializer``'s fields give one
    by one (a test compares them): DRF's field-by-field machinery cost about 0.85 ms CPU for a page
    of 20, a fifth of the whole cached request. Used for ``many=True`` of that serializer only."""

    def to_representation(self, data):
        if type(self.child) is not ProcedureListSerializer:
            return super().to_representation(data)
        times = {}  # the same processing time worded once per page
        rows = []
        for version in data:
            time_key = (version.processing_time, version.processing_time_unit)
            if time_key not in times:
                times[time_key] = str(version.processing_time_text)
            rows.append(
                {
                    "code": str(version.procedure.code),
                    "name": str(version.name),
                    "sector": {"code": version.sector.code, "name": version.sector.name},
                    "online_level": version.online_level,
                    "legacy_level": int(version.legacy_level),
                    "has_fee": bool(version.has_fee),
                    "processing_time": int(version.processing_time),
                    "processing_time_unit": version.processing_time_unit,
                    "processing_time_text": times[time_key],
                    "at_province_level": bool(version.at_province_level),
                    "at_district_level": bool(version.at_district_level),
                    "at_commune_level": bool(version.at_commune_level),
                }
            )
        return rows


class ProcedureListSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="procedure.code")
    sector = SectorSerializer()
    legacy_level = serializers.IntegerField()
    has_fee = serializers.BooleanField()
    processing_time_text = serializers.CharField()

    class Meta:
        model = ProcedureVersion
        fields = [
            "code",
            "name",
            "sector",
            "online_level",
            "legacy_level",
            "has_fee",
            "processing_time",
            "processing_time_unit",
            "processing_time_text",
            "at_province_level",
            "at_district_level",
            "at_commune_level",
        ]
        list_serializer_class = ProcedureRowsSerializer


class ProcedureDetailSerializer(ProcedureListSerializer):
    version = serializers.IntegerField(source="number")
    agencies = AgencyRefSerializer(many=True)
    components = ComponentSerializer(many=True)
    fees = FeeSerializer(many=True)
    steps = StepSerializer(many=True)
    has_fee = serializers.SerializerMethodField()

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "version",
            "effective_date",
            "decision_reference",
            "agencies",
            "steps_text",
            "channel_in_person",
            "channel_online",
            "channel_postal",
            "processing_time_note",
            "applicants",
            "for_citizens",
            "for_organisations",
            "result",
            "conditions",
            "legal_basis",
            "fee_note",
            "online_eligible",
            "required_assurance",
            "form_schema",
            "components",
            "fees",
            "steps",
        ]

    def get_has_fee(self, obj) -> bool:
        return any(fee.amount > 0 for fee in obj.fees.all())
