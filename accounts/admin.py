"""The single account: users, organisations, representatives, staff memberships, sign-in."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdminMixin

from accounts.models import Membership, OrganisationMember, Representation, User


@admin.register(User)
class UserAdmin(GuardedModelAdminMixin, DjangoUserAdmin):
    """With django-guardian's "object permissions" page: grant one officer "view" on one account."""

    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Hồ sơ cá nhân"),
            {
                "fields": (
                    "kind",
                    "full_name",
                    "date_of_birth",
                    "id_number",
                    "tax_code",
                    "phone",
                    "address",
                )
            },
        ),
        (
            _("Xác thực"),
            {
                "fields": (
                    "assurance_level",
                    "assurance_source",
                    "assurance_verified_at",
                    "email_verified_at",
                    "phone_verified_at",
                    "consent_given_at",
                    "consent_version",
                    "deletion_requested_at",
                )
            },
        ),
    )
    list_display = ("username", "full_name", "kind", "assurance_level", "is_active")
    list_filter = ("kind", "assurance_level", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email", "id_number", "tax_code", "phone")


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    list_display = ("organisation", "member", "role", "valid_until", "revoked_at")
    raw_id_fields = ("organisation", "member")


@admin.register(Representation)
class RepresentationAdmin(admin.ModelAdmin):
    list_display = ("principal", "agent", "scope", "valid_until", "revoked_at")
    raw_id_fields = ("principal", "agent")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "title", "started_at", "ended_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    raw_id_fields = ("user", "agency", "created_by")

    # What the role grants (the catalogue's publishing screens for agency admins) follows the
    # memberships edited here too, as it does through accounts.services.staff.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._sync(obj.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._sync(obj.user)

    def delete_queryset(self, request, queryset):
        users = {m.user for m in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        for user in users:
            self._sync(user)

    @staticmethod
    def _sync(user):
        from procedures.permissions import sync_admin_access

        sync_admin_access(user)
