"""Responses given after the result was returned recorded no officer (the dossier's assignee was
cleared on return): copy it from ``Dossier.handled_by`` (dossiers 0003), as new responses now do."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill_officer(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    SurveyResponse = apps.get_model("satisfaction", "SurveyResponse")
    SurveyResponse.objects.filter(officer__isnull=True, dossier__handled_by__isnull=False).update(
        officer_id=Subquery(
            Dossier.objects.filter(pk=OuterRef("dossier_id")).values("handled_by_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_dossier_handled_by"),
        ("satisfaction", "0004_rollups"),
    ]

    operations = [
        migrations.RunPython(backfill_officer, migrations.RunPython.noop, elidable=True),
    ]
