"""A citizen's own dossiers (session, or a citizen's app token with ``dossiers:own``): the list, one
dossier with its public log and issued documents, and the download of a public document.

Reads use ``Dossier.objects.of_applicant(user)``, the rule of the citizen pages (own dossiers, those of
organisations and people the user acts for, those the user submitted). Writes (drafts, attachments,
submission, supplements, payment) call the citizen services of dossiers/services/submission.py,
citizen.py and payments.py, which are not on main yet: those endpoints come with them (no second
write path meanwhile).
"""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from dossiers.api.serializers import DossierStatusSerializer
from dossiers.models import Dossier, DossierEvent, IssuedDocument
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


class OwnDossierSerializer(DossierStatusSerializer):
    events = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()

    class Meta(DossierStatusSerializer.Meta):
        fields = [*DossierStatusSerializer.Meta.fields, "applicant_name", "events", "documents"]

    @extend_schema_field_list(PublicEventSerializer)
    def get_events(self, dossier):
        events = dossier.events.filter(is_public=True).order_by("at", "pk")
        return PublicEventSerializer(events, many=True).data

    @extend_schema_field_list(DocumentSerializer)
    def get_documents(self, dossier):
        documents = dossier.issued_documents.filter(is_public=True).select_related("dossier")
        return DocumentSerializer(documents.order_by("issued_at", "pk"), many=True).data


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


class OwnDocumentDownload(ScopedMixin, APIView):
    """A document issued to the applicant (receipt, supplement request, result...), as PDF."""

    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": [DOSSIERS_OWN]}

    def perform_content_negotiation(self, request, force=False):
        # The answer is a PDF whatever the Accept header says; errors stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        tags=["citizen"],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description=_("Tệp PDF.")
            )
        },
    )
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
