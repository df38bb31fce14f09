"""Permission classes shared by the API.

A token (OAuth2) reaches an endpoint only when it carries every scope the endpoint declares for the
method (``required_scopes`` on the view: a list, or a dict of HTTP method → list). An endpoint that
declares nothing refuses tokens altogether: a forgotten declaration fails closed. Sessions are not
scoped; the object checks (querysets ``visible_to`` and the service functions) apply to everyone.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from portal.api.authentication import is_partner_request, token_of


def required_scopes(view, method) -> tuple[str, ...] | None:
    declared = getattr(view, "required_scopes", None)
    if declared is None:
        return None
    if isinstance(declared, dict):
        declared = declared.get(method.upper(), declared.get("*"))
        if declared is None:
            return None
    return tuple(declared)


class TokenHasRequiredScopes(BasePermission):
    message = _("Mã truy cập không có phạm vi (scope) cần cho thao tác này.")
    code = "insufficient_scope"

    def has_permission(self, request, view):
        token = token_of(request)
        if token is None:
            return True
        scopes = required_scopes(view, request.method)
        if scopes is None:
            return False
        return token.allow_scopes(list(scopes))


class IsPartner(BasePermission):
    """Only a partner system's token (client credentials), never a person's session or app."""

    message = _("Chỉ hệ thống đối tác được cấp quyền mới dùng được chức năng này.")
    code = "permission_denied"

    def has_permission(self, request, view):
        return is_partner_request(request)


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS


class ScopedMixin:
    """For API views: whatever ``permission_classes`` a view sets, token scopes are always checked."""

    def get_permissions(self):
        permissions = super().get_permissions()
        if not any(isinstance(p, TokenHasRequiredScopes) for p in permissions):
            permissions.append(TokenHasRequiredScopes())
        return permissions
