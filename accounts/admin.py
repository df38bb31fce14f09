"""The single account: users, organisations, representatives, staff memberships, sign-in."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationMember, Representation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
