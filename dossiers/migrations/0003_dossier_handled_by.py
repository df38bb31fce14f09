"""``Dossier.handled_by``: the officer who settled the dossier, kept after the result is returned.

Backfilled for dossiers that already have a result, from the dossier itself and its event log: the
current assignee (a result not yet returned), else the specialist of the last "assign" event, else the
officer who issued the result. Dossiers whose log names nobody stay empty.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce


def backfill_handled_by(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierEvent = apps.get_model("dossiers", "DossierEvent")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    assigned = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), action="assign")
        .annotate(officer=Cast(KeyTextTransform("assignee", "data"), IntegerField()))
        .filter(officer__in=User.objects.values("pk"))
        .order_by("-at", "-pk")
        .values("officer")[:1]
    )
    issued = (
        DossierEvent.objects.filter(
            dossier=OuterRef("pk"), action="issue_result", actor__isnull=False
        )
        .order_by("-at", "-pk")
        .values("actor_id")[:1]
    )
    Dossier.objects.filter(handled_by__isnull=True, result_at__isnull=False).update(
        handled_by_id=Coalesce(
            F("assignee_id"),
            Subquery(assigned, output_field=IntegerField()),
            Subquery(issued),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_search_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="handled_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="settled_dossiers",
                to=settings.AUTH_USER_MODEL,
                verbose_name="cán bộ giải quyết",
            ),
        ),
        migrations.RunPython(backfill_handled_by, migrations.RunPython.noop, elidable=True),
    ]
