"""After a transaction that wrote a dossier event commits, number it for the feed (a task, so numbering
never delays the officer's page; the beat sweep catches anything a lost message left behind).
Numbering is idempotent: several triggers for one transaction number it once."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="dossiers.DossierEvent", dispatch_uid="portal-feed-sequence")
def event_written(sender, instance, created, **kwargs):
    if not created or instance.status_code is None or not instance.is_public:
        return
    from portal.integrations import tasks

    transaction.on_commit(tasks.sequence_feed.delay)
