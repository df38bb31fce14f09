"""Install the national survey form and the Decision 766/QĐ-TTg index scheme (satisfaction/defaults.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from satisfaction import defaults

    defaults.install(apps)


class Migration(migrations.Migration):
    dependencies = [("satisfaction", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
