"""Who works where: the staff side of permissions, as the dossiers app needs it.

The accounts app owns staff memberships (user × agency × role); a membership reaches the agency and its
descendant units (``accounts.permissions.visible_agencies``). This module is the one place the dossiers
app reads them. For lists it resolves, once per user object, the ids of the agencies the user works in
per role (one small query on the agency tree), so dossier queries filter on plain ``agency_id IN (…)``
lists that the indexes serve, rather than on a correlated subquery per row.
"""

from django.db.models import Q

from procedures.models import Agency


class Role:
    RECEIVING_OFFICER = "receiving_officer"
    SPECIALIST = "specialist"
    LEADER = "leader"
    AGENCY_ADMIN = "agency_admin"

    ALL = (RECEIVING_OFFICER, SPECIALIST, LEADER, AGENCY_ADMIN)


ALL_AGENCIES = None  # marker: a system admin is not filtered by agency


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _memberships(user):
    getter = getattr(user, "active_memberships", None)
    return list(getter()) if getter else []


def _tree(user) -> dict[str, set[int]]:
    """{role: ids of the agencies (with descendant units) where the user holds it}, cached on the
    user object for the request."""
    cached = getattr(user, "_dossiers_agency_tree", None)
    if cached is not None:
        return cached
    memberships = _memberships(user)
    by_role: dict[str, set[int]] = {role: set() for role in Role.ALL}
    if memberships:
        condition = Q()
        for m in memberships:
            condition |= Q(path__startswith=m.agency.path)
        rows = list(Agency.objects.filter(condition).values_list("pk", "path"))
        for m in memberships:
            by_role.setdefault(m.role, set()).update(
                pk for pk, path in rows if path.startswith(m.agency.path)
            )
    user._dossiers_agency_tree = by_role
    return by_role


def agency_ids(user, *roles):
    """Ids of the agencies where ``user`` holds one of ``roles`` (any role when none given), with
    their descendant units; ``ALL_AGENCIES`` (None) for a system admin; an empty set otherwise."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return ALL_AGENCIES
    tree = _tree(user)
    ids: set[int] = set()
    for role in roles or Role.ALL:
        ids |= tree.get(role, set())
    return ids


def staff_agencies(user, *roles):
    """The same agencies as a queryset."""
    ids = agency_ids(user, *roles)
    if ids is ALL_AGENCIES:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=sorted(ids))


def has_role(user, agency, *roles) -> bool:
    if not _active(user) or agency is None:
        return False
    if user.is_superuser:
        return True
    return getattr(agency, "pk", agency) in agency_ids(user, *(roles or Role.ALL))


def is_staff(user) -> bool:
    ids = agency_ids(user)
    return ids is ALL_AGENCIES or bool(ids)


def in_agencies(field: str, ids) -> Q:
    if ids is ALL_AGENCIES:
        return Q(**{f"{field}__isnull": False}) | Q(**{f"{field}__isnull": True})
    return Q(**{f"{field}__in": sorted(ids)})


def staff_q(user, *roles, fields=("agency", "handling_unit", "partner_agency")) -> Q:
    """A filter on dossiers received by, held by, or shared with agencies where the user works."""
    ids = agency_ids(user, *roles)
    if ids is ALL_AGENCIES:
        return Q()
    if not ids:
        return Q(pk__in=[])
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": sorted(ids)})
    return condition
