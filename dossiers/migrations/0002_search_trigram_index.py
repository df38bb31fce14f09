"""pg_trgm GIN index on the dossier's normalised search column (code, applicant name, ID number), so
staff search by a fragment stays fast over millions of dossiers. PostgreSQL only."""

from django.db import migrations


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dossier_search_trgm ON dossiers_dossier "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS dossier_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0001_initial"),
        ("procedures", "0002_search_trigram_index"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
