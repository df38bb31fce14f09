"""Who may publish the catalogue.

System admins publish everywhere. Agency admins (role ``agency_admin`` of the accounts app's staff
memberships) publish the procedures their agency or an agency above it owns. Until memberships exist
this falls back to system admins only; the lookup is written so it starts working when they land.
"""

from django.apps import apps


def _membership_model():
    try:
        return apps.get_model("accounts", "Membership")
    except LookupError:
        return None


def administered_agency_ids(user) -> set[int]:
    """Agencies ``user`` administers directly (role agency_admin), when memberships exist."""
    model = _membership_model()
    if model is None or not (user and user.is_authenticated):
        return set()
    field_names = {f.name for f in model._meta.get_fields()}
    filters = {"user": user, "role": "agency_admin"}
    if "is_active" in field_names:
        filters["is_active"] = True
    return set(model.objects.filter(**filters).values_list("agency_id", flat=True))


def can_publish(user, agency) -> bool:
    """May ``user`` publish, withdraw or version procedures owned by ``agency``?"""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if agency is None:
        return False
    administered = administered_agency_ids(user)
    return bool(administered) and bool(administered & set(agency.ancestor_ids(include_self=True)))
