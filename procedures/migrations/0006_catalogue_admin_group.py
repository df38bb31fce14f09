"""The agency admin role reaches the catalogue's publishing screens: a group with the model permissions
of those screens (procedures.permissions.CATALOGUE_ADMIN_PERMISSIONS), given, with is_staff, to every
user holding an active agency admin membership. Later memberships are synced by
accounts.services.staff; which rows they may publish stays an object-level check (can_publish)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q
from django.utils import timezone

GROUP = "Quản trị danh mục thủ tục (quản trị đơn vị)"


def grant(apps, schema_editor):
    from procedures.permissions import CATALOGUE_ADMIN_PERMISSIONS

    # Permissions are normally created after the whole migrate run; the group needs them now.
    app_config = apps.get_app_config("procedures")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Membership = apps.get_model("accounts", "Membership")
    User = apps.get_model("accounts", "User")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="procedures", codename__in=CATALOGUE_ADMIN_PERMISSIONS
        )
    )
    now = timezone.now()
    admins = User.objects.filter(
        is_superuser=False,
        pk__in=Membership.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=now),
            role="agency_admin",
            started_at__lte=now,
        ).values("user_id"),
    )
    for user in admins:
        user.groups.add(group)
    admins.filter(is_staff=False).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0005_agency_place"),
        ("accounts", "0003_staff_memberships_otp_access_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
