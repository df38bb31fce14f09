"""The deadline scan's narrow partial indexes on dossiers (docs/adr/0009): running, clock not paused,
not yet told overdue / due soon."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_step_deadline_marks"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    ("overdue_notified_at__isnull", True),
                    (
                        "status__in",
                        [
                            "approved",
                            "at_partner_agency",
                            "awaiting_approval",
                            "processing",
                            "received",
                            "withdrawal_requested",
                        ],
                    ),
                ),
                fields=["due_at"],
                name="dossier_overdue_scan",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    ("due_soon_notified_at__isnull", True),
                    (
                        "status__in",
                        [
                            "approved",
                            "at_partner_agency",
                            "awaiting_approval",
                            "processing",
                            "received",
                            "withdrawal_requested",
                        ],
                    ),
                ),
                fields=["due_at"],
                name="dossier_due_soon_scan",
            ),
        ),
    ]
