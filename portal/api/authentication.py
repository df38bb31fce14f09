"""Who is calling: a browser session, or an OAuth2 bearer token (django-oauth-toolkit).

Two kinds of token (docs/adr/0008):

- a citizen's app (authorisation code with PKCE): the token belongs to the citizen, who signed in on the
  portal's own page (password, one-time code or the national identity provider); the app never sees the
  password. ``request.user`` is the citizen.
- a partner system (client credentials): the token belongs to no person. It acts as the application's
  service account (``Application.user``, a staff account with memberships in the agencies the partner
  handles), so every check on an action is the one an officer of those agencies would pass.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions

TOKEN_URL = "/api/v1/oauth/token/"  # noqa: S105 - a URL, not a secret
AUTHORIZE_URL = "/api/v1/oauth/authorize/"


class BearerTokenAuthentication(OAuth2Authentication):
    www_authenticate_realm = "api"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
                # A token was sent but is unknown, expired or revoked: say so rather than treating
                # the caller as anonymous.
                raise exceptions.AuthenticationFailed(
                    _("Mã truy cập không hợp lệ hoặc đã hết hạn."), code="authentication_failed"
                )
            return None
        user, token = result
        partner = getattr(token.application, "partner", None) if token.application_id else None
        if partner is not None and not partner.is_active:
            raise exceptions.AuthenticationFailed(
                _("Hệ thống đối tác đã bị tạm dừng."), code="authentication_failed"
            )
        if user is None:
            application = token.application
            user = getattr(application, "user", None) if application is not None else None
            if user is None:
                raise exceptions.AuthenticationFailed(
                    _("Ứng dụng đối tác chưa được gán tài khoản dịch vụ."),
                    code="authentication_failed",
                )
        if not user.is_active:
            raise exceptions.AuthenticationFailed(
                _("Tài khoản đã bị khóa."), code="authentication_failed"
            )
        return user, token


def token_of(request):
    """The OAuth2 access token of the request, or None for a session or an anonymous caller."""
    from oauth2_provider.models import AccessToken

    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, AccessToken) else None


def is_partner_request(request) -> bool:
    token = token_of(request)
    return bool(token and token.application_id and token.user_id is None)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.BearerTokenAuthentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        from portal.api.permissions import required_scopes

        scopes = required_scopes(auto_schema.view, auto_schema.method)
        if scopes is None:
            return []
        return {self.name: list(scopes)}

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        scopes = {name: str(text) for name, text in settings.OAUTH2_PROVIDER["SCOPES"].items()}
        return {
            "type": "oauth2",
            "description": str(
                _(
                    "Hệ thống đối tác: client credentials. Ứng dụng của công dân: authorization "
                    "code với PKCE."
                )
            ),
            "flows": {
                "clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": scopes},
                "authorizationCode": {
                    "authorizationUrl": AUTHORIZE_URL,
                    "tokenUrl": TOKEN_URL,
                    "scopes": scopes,
                },
            },
        }
