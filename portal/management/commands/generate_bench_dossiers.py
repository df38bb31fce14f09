"""Bench data for the deadline scan: ``manage.py generate_bench_dossiers --open 1000000``.

Open dossiers in "processing", due in the future (beyond the due-soon window), held by generated staff
accounts. Idempotent: counts the dossiers it made before (code "BENCH-…") and adds only the missing
ones. Rows are inserted with INSERT … SELECT generate_series, so a million takes a minute, not hours.
The deadline benchmark (bench/cases/deadlines.py) then makes some of them overdue.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

PREFIX = "BENCH-"
CHUNK = 100_000

SPECIAL = {
    "id": None,
    "code": "%(prefix)s || lpad(n::text, 8, '0')",
    "procedure_version_id": "%(version)s",
    "agency_id": "%(agency)s",
    "handling_unit_id": "%(agency)s",
    "assignee_id": "(%(staff)s)[1 + n %% %(staff_count)s]",
    "status": "'processing'",
    "status_code": "4",
    "submitted_at": "now() - interval '12 days'",
    "received_at": "now() - interval '10 days'",
    "due_at": "now() + interval '30 days' + (n %% 10000) * interval '1 minute'",
    "original_due_at": "now() + interval '30 days'",
    "version": "1",
    "paper_sets": "1",
    "clock_pauses": "'[]'::jsonb",
    "extensions": "'[]'::jsonb",
    "applicant_name": "'Người dân đo hiệu năng ' || n",
}


def _expression(field) -> str | None:
    if field.column in SPECIAL:
        return SPECIAL[field.column]
    if field.null:
        return None
    kind = field.get_internal_type()
    if kind in {"CharField", "TextField", "SlugField", "EmailField", "URLField"}:
        return "''"
    if kind == "BooleanField":
        return "false"
    if kind.endswith("IntegerField") or kind in {"DecimalField", "FloatField"}:
        return "0"
    if kind == "JSONField":
        return "'{}'::jsonb"
    if kind in {"DateTimeField", "DateField"}:
        return "now()"
    raise CommandError(f"no bench value for {field.column} ({kind})")


class Command(BaseCommand):
    help = "Sinh hồ sơ đang xử lý để đo hiệu năng quét thời hạn (chỉ dùng cho benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--open", type=int, default=1_000_000)
        parser.add_argument("--staff", type=int, default=200)

    def handle(self, *args, **options):
        from accounts.models import User
        from dossiers.models import Dossier
        from procedures.models import ProcedureVersion

        if connection.vendor != "postgresql":
            raise CommandError("PostgreSQL only (bench database).")
        wanted = options["open"]
        have = Dossier.objects.filter(code__startswith=PREFIX).count()
        if have >= wanted:
            self.stdout.write(f"Đã có {have} hồ sơ đo hiệu năng; không tạo thêm.")
            return
        version = ProcedureVersion.objects.select_related("procedure").order_by("pk").first()
        if version is None:
            raise CommandError("Cần ít nhất một phiên bản thủ tục (chạy seed_demo trước).")
        agency_id = getattr(version, "owner_agency_id", None) or self._agency_id()
        staff = self._staff(User, options["staff"])
        fields = [f for f in Dossier._meta.concrete_fields if _expression(f) is not None]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        values = ", ".join(_expression(f) for f in fields)
        # Table, columns and values come from the model and integers, never from input.
        table = Dossier._meta.db_table
        sql = f"INSERT INTO {table} ({columns}) SELECT {values} FROM generate_series(%(start)s, %(end)s) AS n"  # noqa: S608
        for start in range(have + 1, wanted + 1, CHUNK):
            end = min(start + CHUNK - 1, wanted)
            params = {
                "prefix": f"'{PREFIX}'",
                "version": str(version.pk),
                "agency": str(agency_id),
                "staff": "ARRAY[" + ",".join(str(pk) for pk in staff) + "]::bigint[]",
                "staff_count": str(len(staff)),
            }
            statement = sql % {**params, "start": start, "end": end}
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
            self.stdout.write(f"  {end}/{wanted}")
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Dossier._meta.db_table}")
        self.stdout.write(self.style.SUCCESS(f"Đã sinh {wanted - have} hồ sơ."))

    def _agency_id(self):
        from procedures.models import Agency

        agency = Agency.objects.order_by("pk").first()
        if agency is None:
            raise CommandError("Cần ít nhất một cơ quan.")
        return agency.pk

    def _staff(self, User, count):
        names = [f"bench-staff-{n}" for n in range(count)]
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            User(
                username=name,
                email=f"{name}@bench.example.vn",
                password="!",  # noqa: S106 - unusable password
                is_staff=True,
                date_joined=dt.datetime.now(dt.UTC),
            )
            for name in names
            if name not in existing
        )
        return list(User.objects.filter(username__in=names).values_list("pk", flat=True))
