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


# --- what the agency admin role grants in the admin site (/quan-tri/) ------------------------------
# The role gives the model permissions of the publishing screens through one group; which rows an
# agency admin sees and may publish stays decided per object by ``can_publish`` and
# ``publishable_agencies`` (ProcedureVersionAdmin filters its rows and actions with them).
CATALOGUE_ADMIN_GROUP = "Quản trị danh mục thủ tục (quản trị đơn vị)"  # as in migration 0006
CATALOGUE_ADMIN_PERMISSIONS = (
    "view_agency",
    "view_sector",
    "add_procedure",
    "change_procedure",
    "view_procedure",
    "add_procedureversion",
    "change_procedureversion",
    "delete_procedureversion",
    "view_procedureversion",
    "add_dossiercomponent",
    "change_dossiercomponent",
    "delete_dossiercomponent",
    "view_dossiercomponent",
    "add_fee",
    "change_fee",
    "delete_fee",
    "view_fee",
    "add_processstep",
    "change_processstep",
    "delete_processstep",
    "view_processstep",
    "view_cataloguechange",
)


def catalogue_admin_group(group_model=None, permission_model=None):
    """The group holding CATALOGUE_ADMIN_PERMISSIONS (created, or completed, on first use)."""
    if group_model is None:
        from django.contrib.auth.models import Group as group_model
        from django.contrib.auth.models import Permission as permission_model
    group, _created = group_model.objects.get_or_create(name=CATALOGUE_ADMIN_GROUP)
    wanted = permission_model.objects.filter(
        content_type__app_label="procedures", codename__in=CATALOGUE_ADMIN_PERMISSIONS
    )
    group.permissions.add(*wanted)
    return group


def sync_admin_access(user):
    """Give ``user`` the publishing screens while they hold an active agency admin membership, and
    take them back when the last one ends. ``is_staff`` (the admin site's door) is only taken back
    from users who had it through this role; system admins are never touched."""
    from accounts.models import Membership

    if user.is_superuser:
        return
    group = catalogue_admin_group()
    is_admin = Membership.objects.active().filter(user=user, role=Role.AGENCY_ADMIN).exists()
    had_group = user.groups.filter(pk=group.pk).exists()
    if is_admin:
        if not had_group:
            user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    elif had_group:
        user.groups.remove(group)
        if user.is_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
