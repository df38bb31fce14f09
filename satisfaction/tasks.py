"""Tasks of the satisfaction app (queue ``reports``): idempotent, safe to run again at any time."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task
def refresh_facts():
    """Rebuild the statistics fact tables and the service index (scheduled in CELERY_BEAT_SCHEDULE)."""
    from satisfaction.refresh import refresh

    record = refresh()
    return record.rows if record else None


@shared_task
def send_survey_invitations(limit=2000):
    """Invite applicants of recently returned dossiers that have no invitation and no response yet."""
    from dossiers.models import Dossier
    from satisfaction.services.surveys import invite

    since = timezone.now() - dt.timedelta(days=settings.SURVEY_INVITATION_LOOKBACK_DAYS)
    ids = list(
        Dossier.objects.filter(status="returned", returned_at__gte=since)
        .filter(survey_invitations__isnull=True, survey_response__isnull=True)
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for dossier in Dossier.objects.filter(pk__in=ids).select_related("applicant"):
        if invite(dossier) is not None:
            sent += 1
    return sent


@shared_task
def invite_for_dossier(dossier_id):
    """Invite the applicant of one dossier (called after the result is returned)."""
    from dossiers.models import Dossier
    from satisfaction.services.surveys import invite

    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is not None:
        invite(dossier)
