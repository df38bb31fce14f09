"""Who may see and do what: rules expressed as queryset filters, shared by every app.

Citizens see their own things and those of the people and organisations they act for
(``acting_for_ids``); staff see what belongs to the agencies they are members of and those agencies'
descendant units (``visible_agencies``). Lists filter in the query with these sets, never by loading
rows and checking them one by one. django-guardian holds the grants a rule cannot express.

Helpers other apps call:

- ``visible_agencies(user, *roles)``: a queryset of agencies (membership agencies and their descendant
  units), usable as ``Dossier.objects.filter(agency__in=visible_agencies(user))``.
- ``has_role(user, agency, *roles)``, ``user.roles_in(agency)``.
- ``acting_for_ids(user)`` / ``can_act_for(user, subject, procedure_code)`` / ``acting_capacity``.
- ``is_system_admin(user)``, ``can_manage_staff(user, agency)``.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from accounts.models import Membership, OrganisationMember, Representation, Role


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_system_admin(user) -> bool:
    return _active(user) and user.is_superuser


# --- Staff: agencies and roles ----------------------------------------------------------------------
def visible_agencies(user, *roles):
    """Agencies ``user`` works in, with the descendant units of each (optionally only through
    memberships with one of ``roles``). System admins see every agency. One query, as a subquery."""
    from procedures.models import Agency

    if not _active(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    memberships = Membership.objects.active().filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    # The agency's path starts with the membership agency's path ("12/" covers "12/40/311/").
    reaching = memberships.filter(agency__path=Substr(OuterRef("path"), 1, Length("agency__path")))
    return Agency.objects.filter(Exists(reaching))


def has_role(user, agency, *roles, inherited=True) -> bool:
    if not _active(user):
        return False
    return user.has_role(agency, *roles, inherited=inherited)


def is_staff_member(user) -> bool:
    return _active(user) and (user.is_staff_member or bool(user.active_memberships()))


def can_manage_staff(user, agency) -> bool:
    """Agency admins manage the staff of their own agency (and its units) only; system admins all."""
    return is_system_admin(user) or has_role(user, agency, Role.AGENCY_ADMIN)


def memberships_visible_to(user):
    """Memberships an agency admin (or system admin) may see and manage."""
    if is_system_admin(user):
        return Membership.objects.all()
    if not _active(user):
        return Membership.objects.none()
    return Membership.objects.filter(agency__in=visible_agencies(user, Role.AGENCY_ADMIN))


# --- Citizens: acting for oneself, an organisation, or a principal ---------------------------------
def acting_for_ids(user, procedure_code: str | None = None) -> set[int]:
    """Ids of the accounts ``user`` may act for: themselves, the organisations they are an active
    member of, and the people who gave them an active representation (covering ``procedure_code``
    when given)."""
    if not _active(user):
        return set()
    cache_key = f"_acting_for_ids_{procedure_code}"
    if hasattr(user, cache_key):
        return getattr(user, cache_key)
    ids = {user.pk}
    ids.update(
        OrganisationMember.objects.active()
        .filter(member=user, organisation__is_active=True)
        .values_list("organisation_id", flat=True)
    )
    for rep in Representation.objects.active().filter(agent=user, principal__is_active=True):
        if procedure_code is None or rep.covers(procedure_code):
            ids.add(rep.principal_id)
    setattr(user, cache_key, ids)
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
    (recorded wherever something is done on someone's behalf)."""
    subject_id = getattr(subject, "pk", subject)
    if not _active(user):
        return ""
    if user.pk == subject_id:
        return "self"
    if OrganisationMember.objects.active().filter(member=user, organisation_id=subject_id).exists():
        return "organisation_member"
    if Representation.objects.active().filter(agent=user, principal_id=subject_id).exists():
        return "representative"
    return ""


def describe_acting(actor, subject) -> str:
    """ "Nguyễn Văn A thay mặt Công ty B": the line shown wherever an action was done for someone."""
    from django.utils.translation import gettext as _

    if subject is None or actor.pk == subject.pk:
        return str(actor)
    return _("%(actor)s thay mặt %(subject)s") % {"actor": actor, "subject": subject}


# --- Accounts -----------------------------------------------------------------------------------------
def filter_visible_accounts(queryset, user):
    """Accounts ``user`` may open: their own and those they act for; all for system admins; the staff of
    the agencies they administer for agency admins."""
    if not _active(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    condition = Q(pk__in=acting_for_ids(user)) | Q(pk__in=_granted_account_ids(user))
    if any(m.role == Role.AGENCY_ADMIN for m in user.active_memberships()):
        administered = visible_agencies(user, Role.AGENCY_ADMIN)
        condition |= Q(
            Exists(Membership.objects.filter(user=OuterRef("pk"), agency__in=administered))
        )
    return queryset.filter(condition)


def _granted_account_ids(user):
    """Accounts opened to ``user`` by a django-guardian grant ("accounts.view_user" on that account),
    for what no rule expresses: a support officer helping one named person. A subquery."""
    from guardian.shortcuts import get_objects_for_user

    from accounts.models import User

    return get_objects_for_user(
        user, "accounts.view_user", klass=User, with_superuser=False, accept_global_perms=False
    ).values("pk")


def can_view_account(user, account) -> bool:
    return filter_visible_accounts(type(account).objects.filter(pk=account.pk), user).exists()
