"""Staff memberships: agency admins manage their own agency's staff (and its units') only."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.backends import resolve_identifier
from accounts.models import AccountKind, Membership


class MembershipError(Exception):
    pass


@transaction.atomic
def add_membership(by, user_identifier, agency, role, title="") -> Membership:
    if not permissions.can_manage_staff(by, agency):
        raise PermissionError
    user = resolve_identifier(user_identifier)
    if user is None or not user.is_active:
        raise MembershipError(_("Không tìm thấy tài khoản với thông tin này."))
    if user.kind == AccountKind.ORGANISATION:
        raise MembershipError(_("Tài khoản tổ chức không thể là cán bộ."))
    if user.kind != AccountKind.STAFF:
        user.kind = AccountKind.STAFF
        user.save(update_fields=["kind"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, agency=agency, role=role, title=title, created_by=by
            )
    except IntegrityError as error:
        raise MembershipError(_("Cán bộ này đã có vai trò này tại đơn vị.")) from error
    _sync_admin_access(user)
    return membership


def _sync_admin_access(user):
    """What the role grants beyond memberships: agency admins reach the catalogue's publishing
    screens (procedures.permissions.sync_admin_access)."""
    from procedures.permissions import sync_admin_access

    sync_admin_access(user)


@transaction.atomic
def end_membership(by, membership) -> Membership:
    if not permissions.can_manage_staff(by, membership.agency):
        raise PermissionError
    if membership.ended_at is None:
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        _sync_admin_access(membership.user)
    return membership
