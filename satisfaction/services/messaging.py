"""The one place the satisfaction app sends notifications: the portal's outbox (portal/notifications).

``notify`` writes outbox rows inside the caller's transaction; unique keys make a re-run queue nothing.
"""

from django.conf import settings

from portal.notifications.services import Contact, notify


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def send(event: str, recipients, *, key: str, context: dict, link: str = "") -> None:
    notify(event, recipients, key=key, context=context, link=link)


def contact_for_dossier(dossier):
    """The applicant as a recipient: their account, else their email/phone from the dossier."""
    if dossier.applicant_id:
        return dossier.applicant
    if not (dossier.applicant_email or dossier.applicant_phone):
        return None
    return Contact(
        ref=f"dossier:{dossier.pk}", email=dossier.applicant_email, phone=dossier.applicant_phone
    )
