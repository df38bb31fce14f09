"""Drop the single-column indexes Django made for five foreign keys of Dossier: each is the first column
of a full composite index (dossier_agency_received, dossier_unit_status_due, dossier_assignee_due,
dossier_applicant_created, dossier_submitter_created), which serves the same lookups and the foreign
keys' checks. Every insert and every update that is not HOT writes one index less per key (the deadline
scan's marking update wrote 23 indexes; ADR 0009).

AlterField alone would also drop and re-create the foreign key constraints, validating a million rows
five times under a lock; only the indexes change, so the database side drops them by name."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Index

FIELDS = ("agency", "applicant", "assignee", "handling_unit", "submitted_by")


def drop_indexes(apps, schema_editor):
    model = apps.get_model("dossiers", "Dossier")
    keep = {index.name for index in model._meta.indexes}
    for name in FIELDS:
        column = model._meta.get_field(name).column
        for index in schema_editor._constraint_names(
            model, [column], index=True, type_=Index.suffix, exclude=keep
        ):
            schema_editor.execute(schema_editor._delete_index_sql(model, index))


def create_indexes(apps, schema_editor):
    model = apps.get_model("dossiers", "Dossier")
    for name in FIELDS:
        schema_editor.execute(
            schema_editor._create_index_sql(model, fields=[model._meta.get_field(name)])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_queue_indexes"),
        ("procedures", "0006_catalogue_admin_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="dossier",
                    name="agency",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="dossiers",
                        to="procedures.agency",
                        verbose_name="cơ quan tiếp nhận",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="applicant",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="dossiers",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người yêu cầu",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="assignee",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_dossiers",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="cán bộ đang xử lý",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="handling_unit",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="handled_dossiers",
                        to="procedures.agency",
                        verbose_name="đơn vị đang xử lý",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="submitted_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Người đại diện, thành viên tổ chức hoặc cán bộ nhập hồ sơ tại quầy.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submitted_dossiers",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người nộp",
                    ),
                ),
            ],
        )
    ]
