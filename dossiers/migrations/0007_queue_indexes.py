"""Queue indexes (issue 6): the closed tab and the open tabs read their page from an index that carries
the agency columns (index-only, in order, stopping at the page's last row), and the queue's search
matches the folded text of open dossiers only (a partial pg_trgm index, PostgreSQL only): a name
typed in an open tab no longer checks the tens of thousands of closed dossiers that share it."""

from django.conf import settings
from django.db import migrations, models

OPEN_STATES = (
    "'approved', 'at_partner_agency', 'awaiting_approval', 'payment_requested', 'processing', "
    "'received', 'result_ready', 'submitted', 'supplement_at_intake', 'supplement_in_processing', "
    "'withdrawal_requested'"
)


def create_open_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dossier_open_search_trgm ON dossiers_dossier "
        f"USING gin (search_text gin_trgm_ops) WHERE status IN ({OPEN_STATES})"
    )


def drop_open_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS dossier_open_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0006_payment_receipt_document"),
        ("procedures", "0006_catalogue_admin_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("status__in", ["refused", "returned", "stopped", "withdrawn"])),
                fields=["-closed_at", "-id"],
                include=("agency", "handling_unit", "partner_agency"),
                name="dossier_closed_recent",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "approved",
                            "at_partner_agency",
                            "awaiting_approval",
                            "payment_requested",
                            "processing",
                            "received",
                            "result_ready",
                            "submitted",
                            "supplement_at_intake",
                            "supplement_in_processing",
                            "withdrawal_requested",
                        ],
                    )
                ),
                fields=["due_at", "id"],
                include=("agency", "handling_unit", "partner_agency", "status"),
                name="dossier_open_queue",
            ),
        ),
        migrations.RunPython(create_open_search_index, drop_open_search_index),
    ]
