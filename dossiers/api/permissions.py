"""Staff through the API are held to the pages' rule: a session needs the second factor entered
(accounts.decorators.staff_denial); a partner's token stands for its service account, whose
credential is the client secret."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from accounts import permissions as account_permissions
from accounts.services.two_factor import has_second_factor
from portal.api.authentication import token_of


class StaffVerified(BasePermission):
    message = _("Cán bộ phải đăng nhập với xác thực hai lớp để dùng chức năng này.")
    code = "second_factor_required"

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if token_of(request) is not None:
            return True  # a partner's service account; scopes and memberships decide the rest
        if not account_permissions.is_staff_member(user):
            self.message = _("Chỉ cán bộ, công chức dùng được chức năng này.")
            self.code = "permission_denied"
            return False
        verified = getattr(user, "is_verified", lambda: False)()
        return has_second_factor(user) and verified
