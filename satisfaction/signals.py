"""Invite the applicant as soon as the result is returned.

The dossiers app records every transition as a DossierEvent; listening for the "return_result" event
keeps the survey out of the dossier services. The invitation is created by a task enqueued after the
commit (``delay_on_commit``), so a rolled-back return sends nothing. The beat task
``send_survey_invitations`` catches any dossier this misses (e.g. the broker was down).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="dossiers.DossierEvent", dispatch_uid="satisfaction-invite-on-return")
def invite_when_result_returned(sender, instance, created, **kwargs):
    if created and instance.action == "return_result" and instance.to_state == "returned":
        from satisfaction.tasks import invite_for_dossier

        invite_for_dossier.delay_on_commit(instance.dossier_id)
