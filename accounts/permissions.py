"""Who may see and do what: rules expressed as queryset filters, shared by every app.

Citizens see their own things and those of the people and organisations they act for
(``acting_for_ids``); staff see what belongs to the agencies they are members of and those agencies'
descendant units (``visible_agency_ids``). Lists filter in the query with these sets, never by
loading rows and checking them one by one. django-guardian holds the grants a rule cannot express.
"""

from django.db.models import Q

from accounts.models import OrganisationMember, Representation


def is_system_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def acting_for_ids(user, procedure_code: str | None = None) -> set[int]:
    """Ids of the accounts ``user`` may act for: themselves, the organisations they are an active
    member of, and the people who gave them an active representation (covering ``procedure_code``
    when given)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    ids = {user.pk}
    ids.update(
        OrganisationMember.objects.active()
        .filter(member=user, organisation__is_active=True)
        .values_list("organisation_id", flat=True)
    )
    for rep in Representation.objects.active().filter(agent=user, principal__is_active=True):
        if procedure_code is None or rep.covers(procedure_code):
            ids.add(rep.principal_id)
    return ids


def acting_for_q(user, field: str = "applicant") -> Q:
    """A filter for ``<field>`` being an account the user may act for (use in ``visible_to``)."""
    return Q(**{f"{field}__in": acting_for_ids(user)})


def can_act_for(user, subject, procedure_code: str | None = None) -> bool:
    """May ``user`` act for ``subject`` (an account or its id), for ``procedure_code`` if given?"""
    subject_id = getattr(subject, "pk", subject)
    return subject_id in acting_for_ids(user, procedure_code)


def acting_capacity(user, subject) -> str:
    """How ``user`` stands towards ``subject``: "self", "organisation_member", "representative" or ""
    (shown wherever something was done on someone's behalf)."""
    subject_id = getattr(subject, "pk", subject)
    if not (user and user.is_authenticated):
        return ""
    if user.pk == subject_id:
        return "self"
    if OrganisationMember.objects.active().filter(member=user, organisation_id=subject_id).exists():
        return "organisation_member"
    if Representation.objects.active().filter(agent=user, principal_id=subject_id).exists():
        return "representative"
    return ""


def filter_visible_accounts(queryset, user):
    """Accounts ``user`` may open: their own and those they act for; all for system admins; staff of
    the agencies they administer for agency admins."""
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if is_system_admin(user):
        return queryset
    condition = Q(pk__in=acting_for_ids(user))
    condition |= _administered_staff_q(user)
    return queryset.filter(condition)


def _administered_staff_q(user) -> Q:
    """Staff of agencies the user administers (extended once memberships exist)."""
    return Q(pk__in=[])
