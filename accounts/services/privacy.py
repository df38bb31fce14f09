"""Personal data: export, deletion request, and the log of who looked at whose data (Decree 13/2023)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.models import AccountKind, PersonalDataAccess, User


def log_access(viewer, subject, what, path=""):
    """Record that staff (or anyone but the person) opened someone's personal data."""
    if viewer is None or viewer.pk == subject.pk:
        return None
    return PersonalDataAccess.objects.create(
        viewer=viewer, subject=subject, what=what[:200], path=path[:500]
    )


def _iso(value):
    return value.isoformat() if value else None


def export_personal_data(user) -> dict:
    """Everything the portal holds about the person, machine-readable. Other apps add their part
    through ACCOUNTS_PERSONAL_DATA_EXPORTERS (callables user -> dict)."""
    data = {
        "account": {
            "username": user.username,
            "kind": user.kind,
            "full_name": user.full_name,
            "date_of_birth": _iso(user.date_of_birth),
            "id_number": user.id_number,
            "tax_code": user.tax_code,
            "email": user.email,
            "phone": user.phone,
            "address": user.address,
            "assurance_level": user.assurance_level,
            "assurance_source": user.assurance_source,
            "assurance_verified_at": _iso(user.assurance_verified_at),
            "email_verified_at": _iso(user.email_verified_at),
            "phone_verified_at": _iso(user.phone_verified_at),
            "consent_given_at": _iso(user.consent_given_at),
            "consent_version": user.consent_version,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "representations_given": [
            {
                "agent": str(rep.agent),
                "scope": rep.scope,
                "procedure_codes": rep.procedure_codes,
                "valid_until": _iso(rep.valid_until),
                "revoked_at": _iso(rep.revoked_at),
            }
            for rep in user.representations_given.select_related("agent")
        ],
        "representations_received": [
            {
                "principal": str(rep.principal),
                "scope": rep.scope,
                "valid_until": _iso(rep.valid_until),
                "revoked_at": _iso(rep.revoked_at),
            }
            for rep in user.representations_received.select_related("principal")
        ],
        "organisations": [
            {"organisation": str(m.organisation), "role": m.role, "revoked_at": _iso(m.revoked_at)}
            for m in user.organisation_memberships.select_related("organisation")
        ],
        "staff_memberships": [
            {"agency": str(m.agency), "role": m.role, "ended_at": _iso(m.ended_at)}
            for m in user.memberships.select_related("agency")
        ],
        "data_accesses": [
            {"viewer": str(a.viewer), "what": a.what, "at": _iso(a.accessed_at)}
            for a in user.data_accesses.select_related("viewer")
        ],
    }
    for path in getattr(settings, "ACCOUNTS_PERSONAL_DATA_EXPORTERS", []):
        data.update(import_string(path)(user))
    return data


def retention_reasons(user) -> list[str]:
    """Why some data must be kept (e.g. dossiers under archival duty); other apps register checks in
    ACCOUNTS_RETENTION_CHECKS (callables user -> list of reasons)."""
    reasons = []
    for path in getattr(settings, "ACCOUNTS_RETENTION_CHECKS", []):
        reasons.extend(import_string(path)(user))
    return reasons


@transaction.atomic
def request_deletion(user) -> list[str]:
    """Close the account at once. Contact data and sign-in go; when dossiers must be archived, the
    name, ID number and date of birth stay with them (returned reasons), otherwise they go too."""
    user = User.objects.select_for_update().get(pk=user.pk)
    reasons = retention_reasons(user)
    user.deletion_requested_at = timezone.now()
    user.is_active = False
    user.set_unusable_password()
    user.email = ""
    user.phone = ""
    user.address = ""
    if not reasons:
        user.full_name = ""
        user.id_number = ""
        user.tax_code = "" if user.kind != AccountKind.ORGANISATION else user.tax_code
        user.date_of_birth = None
    user.save()
    user.representations_given.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    user.representations_received.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    return reasons
