"""Who works where: the staff side of permissions, as the dossiers app needs it.

The accounts app owns staff memberships (user × agency × role) and exposes
``accounts.permissions.visible_agencies(user, *roles)`` (an Agency queryset, usable as a subquery) and
``has_role(user, agency, *roles)``. This module is the one place the dossiers app calls them, so a
change there touches one file. Until memberships exist on main, only system admins count as staff.
"""

from django.db.models import Q

from procedures.models import Agency


class Role:
    RECEIVING_OFFICER = "receiving_officer"
    SPECIALIST = "specialist"
    LEADER = "leader"
    AGENCY_ADMIN = "agency_admin"

    ALL = (RECEIVING_OFFICER, SPECIALIST, LEADER, AGENCY_ADMIN)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def staff_agencies(user, *roles):
    """Agencies (with their descendant units) where ``user`` holds one of ``roles`` (any role when
    none given). A queryset, so ``filter(agency__in=staff_agencies(user))`` stays one SQL query."""
    if not _active(user):
        return Agency.objects.none()
    try:
        from accounts.permissions import visible_agencies
    except ImportError:  # memberships not on main yet
        return Agency.objects.all() if user.is_superuser else Agency.objects.none()
    return visible_agencies(user, *roles)


def has_role(user, agency, *roles) -> bool:
    if not _active(user) or agency is None:
        return False
    if user.is_superuser:
        return True
    try:
        from accounts.permissions import has_role as accounts_has_role
    except ImportError:
        return False
    return accounts_has_role(user, agency, *(roles or Role.ALL))


def is_staff(user) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return staff_agencies(user).exists()


def staff_q(user, *roles, fields=("agency", "handling_unit", "partner_agency")) -> Q:
    """A filter on dossiers held by (or received by) agencies where the user works."""
    agencies = staff_agencies(user, *roles)
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": agencies})
    return condition
