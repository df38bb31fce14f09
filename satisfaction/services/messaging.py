"""The one place the satisfaction app sends notifications through the portal's outbox.

``portal.notifications.notify`` writes outbox rows inside the caller's transaction (unique keys make a
re-run queue nothing). Until that app is installed, messages are only logged, so nothing here breaks.
"""

import logging

logger = logging.getLogger(__name__)


def send(event: str, recipients, *, key: str, context: dict, link: str = "") -> None:
    try:
        from portal.notifications.services import notify
    except ImportError:  # the outbox lands separately; log instead of failing the change
        logger.info("notification %s (%s) not sent: no outbox installed", event, key)
        return
    notify(event, recipients, key=key, context=context, link=link)


def contact_for_dossier(dossier):
    """The applicant as a recipient: their account, else their email/phone from the dossier."""
    if dossier.applicant_id:
        return dossier.applicant
    try:
        from portal.notifications.services import Contact
    except ImportError:
        return None
    if not (dossier.applicant_email or dossier.applicant_phone):
        return None
    return Contact(
        ref=f"dossier:{dossier.pk}",
        email=dossier.applicant_email,
        phone=dossier.applicant_phone,
    )
