"""Who may publish the catalogue.

System admins publish everywhere. Agency admins (role ``agency_admin`` in accounts' staff memberships)
publish, withdraw and version the procedures owned by their agency or by any unit below it — the same
reach as ``accounts.permissions.visible_agencies``.
"""

from accounts.models import Role
from accounts.permissions import has_role, is_system_admin, visible_agencies


def can_publish(user, agency) -> bool:
    """May ``user`` publish, withdraw or version procedures owned by ``agency``?"""
    if is_system_admin(user):
        return True
    if agency is None:
        return False
    return has_role(user, agency, Role.AGENCY_ADMIN)


def publishable_agencies(user):
    """Agencies whose catalogue ``user`` administers (a queryset; every agency for system admins)."""
    return visible_agencies(user, Role.AGENCY_ADMIN)
