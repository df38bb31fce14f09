"""PostgreSQL only: the folded search columns hold plain lowercase ASCII-like text, so byte order ("C")
sorts them as a person would, compares far faster than the locale's collation, and lets a btree serve
``LIKE 'prefix%'``. The model fields are unchanged (SQLite keeps its binary order anyway)."""

from django.db import migrations

COLUMNS = [
    ("procedures_procedureversion", "search_name"),
    ("procedures_procedureversion", "search_text"),
]


def to_c(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE text COLLATE "C"')


def to_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(
            f'ALTER TABLE {table} ALTER COLUMN {column} TYPE text COLLATE "default"'
        )


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_online_eligible_required_assurance")]

    operations = [migrations.RunPython(to_c, to_default)]
