"""The API's own endpoints: the OpenAPI document, the interactive documentation (assets served from the
drf-spectacular-sidecar package: no CDN), and the OAuth2 endpoints."""

from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider import views as oauth_views
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api.authentication import is_partner_request, token_of
from portal.api.permissions import ScopedMixin


class SchemaView(SpectacularAPIView):
    """GET /api/v1/schema/ — OpenAPI 3 (YAML by default, JSON with ?format=json)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []


class DocsView(SpectacularSwaggerSplitView):
    """GET /api/v1/docs/ — Swagger UI; its start-up script is a separate same-origin file (strict CSP)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"


@method_decorator(csrf_exempt, name="dispatch")
class TokenView(oauth_views.TokenView):
    """POST /api/v1/oauth/token/ — client credentials (partners), authorisation code with PKCE and
    refresh (citizens' apps). The answer follows RFC 6749 (its own error shape, not ours)."""


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    kind = serializers.CharField()
    is_partner = serializers.BooleanField()
    application = serializers.CharField(allow_null=True)
    scopes = serializers.ListField(child=serializers.CharField(), allow_null=True)


class MeView(ScopedMixin, APIView):
    """Who the API takes the caller for: the account, and for a token its application and scopes."""

    permission_classes = [IsAuthenticated]
    required_scopes = {"GET": []}

    @extend_schema(responses=MeSerializer, tags=["auth"])
    def get(self, request):
        token = token_of(request)
        user = request.user
        return Response(
            MeSerializer(
                {
                    "username": user.get_username(),
                    "full_name": getattr(user, "full_name", "") or "",
                    "kind": getattr(user, "kind", ""),
                    "is_partner": is_partner_request(request),
                    "application": token.application.client_id
                    if token and token.application_id
                    else None,
                    "scopes": sorted(token.scopes) if token else None,
                }
            ).data
        )
