"""Deadline-scan marks on the steps of the internal process (due soon, overdue) and the two narrow
partial indexes the scan reads (docs/adr/0009); they replace the index of all open steps."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_dossier_handled_by"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="dossierstep",
            name="dossier_step_open_due",
        ),
        migrations.AddField(
            model_name="dossierstep",
            name="due_soon_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="dossierstep",
            name="overdue_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="dossierstep",
            index=models.Index(
                condition=models.Q(
                    ("due_at__isnull", False),
                    ("handed_over_at__isnull", True),
                    ("overdue_notified_at__isnull", True),
                ),
                fields=["due_at"],
                name="dossier_step_overdue_scan",
            ),
        ),
        migrations.AddIndex(
            model_name="dossierstep",
            index=models.Index(
                condition=models.Q(
                    ("due_at__isnull", False),
                    ("due_soon_notified_at__isnull", True),
                    ("handed_over_at__isnull", True),
                ),
                fields=["due_at"],
                name="dossier_step_due_soon_scan",
            ),
        ),
    ]
