"""Fill the bench database with dossiers: ``manage.py generate_bench_queue --total 1000000``.

``--open`` of them (default 50,000) are open in one agency (the demo ward, dossiers.demo.demo_agency), spread over the open states, with due dates around now;
the rest are closed dossiers of every agency over the past years. Rows go in with PostgreSQL COPY in
chunks (a few minutes on two cores). Idempotent: when the bench dossiers are there, nothing happens.
Also creates the bench officer (receiving officer and leader of that agency) used by the bench case.
"""

import datetime as dt
import io
import json
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from dossiers.models import Channel, Delivery, Dossier, State
from procedures.models import Agency, ProcedureVersion
from procedures.search import normalize

PREFIX = "QBENCH"
NAMES = [
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Văn Em",
    "Huỳnh Thị Giang", "Phan Văn Hải", "Vũ Thị Hoa", "Võ Minh Khang", "Đặng Thị Lan",
    "Bùi Văn Long", "Đỗ Thị Mai", "Hồ Văn Nam", "Ngô Thị Oanh", "Dương Văn Phúc",
    "Lý Thị Quỳnh", "Đinh Văn Sơn", "Trịnh Thị Tâm", "Mai Văn Uy", "Tạ Thị Vân",
]  # fmt: skip
OPEN_MIX = [
    (State.SUBMITTED, 4),
    (State.SUPPLEMENT_AT_INTAKE, 2),
    (State.RECEIVED, 4),
    (State.PROCESSING, 55),
    (State.SUPPLEMENT_IN_PROCESSING, 5),
    (State.PAYMENT_REQUESTED, 3),
    (State.AT_PARTNER_AGENCY, 3),
    (State.AWAITING_APPROVAL, 10),
    (State.APPROVED, 3),
    (State.RESULT_READY, 8),
    (State.WITHDRAWAL_REQUESTED, 3),
]
CLOSED_MIX = [(State.RETURNED, 90), (State.REFUSED, 4), (State.WITHDRAWN, 3), (State.STOPPED, 3)]
BENCH_USER = "bench.canbo"


class Command(BaseCommand):
    help = "Sinh hồ sơ cho đo hiệu năng (COPY). Generate bench dossiers."

    def add_arguments(self, parser):
        parser.add_argument("--total", type=int, default=1_000_000)
        parser.add_argument("--open", type=int, default=50_000, dest="open_count")
        parser.add_argument("--chunk", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=20261125)

    def handle(self, *args, total, open_count, chunk, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_bench_queue needs PostgreSQL (COPY).")
        agency, versions = self._agency()
        self._bench_officer(agency)
        existing = Dossier.objects.filter(code__startswith=f"{PREFIX}-").count()
        if existing >= total:
            self.stdout.write(f"{existing} bench dossiers already there; nothing to do.")
            return
        rng = random.Random(seed + existing)  # noqa: S311 - reproducible bench data, not secrets
        others = (
            list(ProcedureVersion.objects.published().values_list("pk", flat=True)[:2000])
            or versions
        )
        agencies = list(Agency.objects.values_list("pk", flat=True)[:500])
        now = timezone.now()
        fields = [f for f in Dossier._meta.concrete_fields if f.name != "id"]
        columns = [f.column for f in fields]
        began = time.monotonic()
        n = existing
        while n < total:
            size = min(chunk, total - n)
            buffer = io.StringIO()
            for i in range(n, n + size):
                is_open = i < open_count
                row = self._row(
                    i,
                    is_open,
                    rng,
                    now,
                    agency.pk if is_open else rng.choice(agencies),
                    rng.choice(versions if is_open else others),
                )
                buffer.write("\t".join(_copy_value(row.get(f.attname)) for f in fields))
                buffer.write("\n")
            buffer.seek(0)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.copy_from(buffer, Dossier._meta.db_table, columns=columns, null="\\N")
            n += size
            self.stdout.write(f"  {n:,} / {total:,} ({time.monotonic() - began:.0f} s)")
        with connection.cursor() as cursor:
            # VACUUM sets the visibility map (index-only scans), ANALYZE the planner's statistics.
            cursor.execute(f"VACUUM ANALYZE {Dossier._meta.db_table}")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - began:.0f} s."))

    def _agency(self):
        from dossiers.demo import demo_agency

        agency = demo_agency()
        if agency is None:
            raise CommandError("No agency with published procedures: run seed_demo first.")
        versions = list(
            ProcedureVersion.objects.published()
            .filter(agencies=agency)
            .values_list("pk", flat=True)
        )
        return agency, versions

    def _bench_officer(self, agency):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.models import AccountKind, Membership, User
        from dossiers.access import Role

        user, _ = User.objects.get_or_create(
            username=BENCH_USER,
            defaults={"full_name": "Cán bộ đo hiệu năng", "kind": AccountKind.STAFF},
        )
        for role in (Role.RECEIVING_OFFICER, Role.LEADER):
            Membership.objects.get_or_create(
                user=user,
                agency=agency,
                role=role,
                ended_at=None,
                defaults={"started_at": timezone.now() - dt.timedelta(days=365)},
            )
        TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "bench"})

    def _row(self, i, is_open, rng, now, agency_id, version_id):
        state = _pick(rng, OPEN_MIX if is_open else CLOSED_MIX)
        name = NAMES[i % len(NAMES)]
        id_number = f"0{i % 96:02d}{rng.randint(0, 999_999_999):09d}"
        if is_open:
            submitted = now - dt.timedelta(hours=rng.uniform(1, 24 * 20))
        else:
            submitted = now - dt.timedelta(days=rng.uniform(20, 365 * 4))
        code = f"{PREFIX}-{agency_id}-{submitted:%y%m%d}-{i:07d}"
        received = (
            None
            if state in (State.SUBMITTED, State.SUPPLEMENT_AT_INTAKE, State.REFUSED)
            else (submitted + dt.timedelta(hours=rng.uniform(0.5, 8)))
        )
        due = received + dt.timedelta(days=rng.uniform(3, 20)) if received else None
        paused = state in (State.SUPPLEMENT_IN_PROCESSING, State.PAYMENT_REQUESTED)
        closed = None if is_open else submitted + dt.timedelta(days=rng.uniform(1, 20))
        row = {
            "code": code,
            "procedure_version_id": version_id,
            "agency_id": agency_id,
            "handling_unit_id": agency_id if received else None,
            "applicant_name": name,
            "applicant_is_organisation": False,
            "applicant_id_number": id_number,
            "applicant_address": "Thành phố Huế",
            "applicant_phone": f"09{i % 10**8:08d}",
            "applicant_email": "",
            "form_data": {},
            "channel": rng.choice([Channel.ONLINE, Channel.ONLINE, Channel.COUNTER, Channel.POST]),
            "inbound_tracking_number": "",
            "paper_sets": 1,
            "delivery": Delivery.ONLINE,
            "delivery_address": "",
            "delivery_tracking_number": "",
            "status": state,
            "status_code": _code(state),
            "submitted_at": submitted,
            "intake_due_at": submitted + dt.timedelta(hours=rng.uniform(8, 30)),
            "received_at": received,
            "due_at": None if paused else due,
            "due_explanation": {},
            "original_due_at": due,
            "clock_paused_at": now if paused else None,
            "clock_pauses": [],
            "extensions": [],
            "extension_count": 0,
            "transferred_at": received,
            "approved_at": None,
            "result_at": closed if state == State.RETURNED else None,
            "returned_at": closed if state == State.RETURNED else None,
            "closed_at": closed,
            "resume_state": State.PROCESSING if state == State.WITHDRAWAL_REQUESTED else "",
            "outcome_note": "",
            "lookup_pin_hash": "",
            "version": 1,
            "search_text": normalize(f"{code} {name} {id_number}"),
            "created_at": submitted,
            "updated_at": closed or submitted,
        }
        return row


def _code(state):
    from dossiers.models.states import national_code

    return national_code(state)


def _pick(rng, mix):
    total = sum(w for _, w in mix)
    x = rng.uniform(0, total)
    for state, weight in mix:
        x -= weight
        if x <= 0:
            return state
    return mix[-1][0]


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dt.datetime):
        value = value.isoformat()
    value = str(value)
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
