"""Generate dossiers, payments, survey responses and complaints for the statistics benchmarks:
``manage.py generate_bench_satisfaction --dossiers 1000000 --responses 300000`` (PostgreSQL only).

One template dossier is made through the ORM; the rest are copied from it in SQL with
``generate_series`` (about a minute for a million rows), overriding the columns that vary, so the
generator keeps working when the dossiers app adds columns. Codes start with ``BENCH-``; a second run
with the same counts creates nothing.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

PREFIX = "BENCH-"
BATCH = 100_000


class Command(BaseCommand):
    help = "Dữ liệu đo hiệu năng thống kê: hồ sơ, thanh toán, đánh giá, phản ánh."

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=1_000_000)
        parser.add_argument("--responses", type=int, default=300_000)
        parser.add_argument("--months", type=int, default=24)

    def handle(self, *args, dossiers, responses, months, **options):
        if connection.vendor != "postgresql":
            raise CommandError("PostgreSQL only (generate_series).")
        from dossiers.models import Dossier

        have = Dossier.objects.filter(code__startswith=PREFIX).count()
        began = time.monotonic()
        if have < dossiers:
            template = self._template()
            pairs = self._pairs()
            for start in range(have + 1, dossiers + 1, BATCH):
                end = min(dossiers, start + BATCH - 1)
                with transaction.atomic():
                    self._copy_dossiers(template, pairs, start, end, months)
                self.stdout.write(f"  dossiers {end:,}/{dossiers:,}")
            Dossier.objects.filter(pk=template).delete()
        with transaction.atomic():
            self._payments()
        self._responses(responses)
        with transaction.atomic():
            self._officers()
        self._complaints()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"ready in {time.monotonic() - began:.0f} s")

    # --- dossiers ----------------------------------------------------------------------------------
    def _pairs(self):
        from procedures.models import ProcedureVersion

        through = ProcedureVersion.agencies.through
        rows = list(
            through.objects.filter(procedureversion__status="published").values_list(
                "procedureversion_id", "agency_id"
            )[:5000]
        )
        if not rows:
            rows = list(
                ProcedureVersion.objects.published().values_list("pk", "owner_agency_id")[:5000]
            )
        if not rows:
            raise CommandError("No published procedure: run seed_demo or generate_bench_catalogue.")
        return rows

    def _template(self) -> int:
        from dossiers.models import Dossier

        version_id, agency_id = self._pairs()[0]
        dossier = Dossier(
            code=f"{PREFIX}TEMPLATE",
            procedure_version_id=version_id,
            agency_id=agency_id,
            applicant_name="Nguyễn Văn Thử",
            applicant_id_number="001090000001",
        )
        dossier.save()
        return dossier.pk

    def _copy_dossiers(self, template, pairs, start, end, months):

        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, "dossiers_dossier")
                if c.name != "id"
            ]
        days = months * 30
        # g: the serial; r: when it was received (spread over the months, working hours);
        # status by g % 20: 17 returned, 2 processing (one of them overdue), 1 refused.
        received = (
            f"(now() - ((g %% {days}) * interval '1 day') - ((g %% 9) * interval '1 hour')"
            " - interval '2 hours')"
        )
        overrides = {
            "code": f"'{PREFIX}' || lpad(g::text, 8, '0')",
            "procedure_version_id": "(%(versions)s::bigint[])[1 + g %% %(n)s]",
            "agency_id": "(%(agencies)s::bigint[])[1 + g %% %(n)s]",
            "channel": "(ARRAY['online','online','online','online','counter','counter',"
            "'counter','counter','counter','post'])[1 + g %% 10]",
            "status": "CASE WHEN g %% 20 < 17 THEN 'returned' WHEN g %% 20 < 19 THEN "
            "'processing' ELSE 'refused' END",
            "status_code": "CASE WHEN g %% 20 < 17 THEN 10 WHEN g %% 20 < 19 THEN 4 ELSE 3 END",
            "submitted_at": f"{received} - interval '1 hour'",
            "intake_due_at": f"{received} + interval '1 hour' - ((g %% 7 = 0)::int * interval '3 hours')",
            "received_at": f"CASE WHEN g %% 20 < 19 THEN {received} END",
            "due_at": f"CASE WHEN g %% 20 < 19 THEN {received} + interval '10 days' END",
            "result_at": f"CASE WHEN g %% 20 < 17 THEN {received} + ((4 + g %% 9) * interval '1 day') END",
            "returned_at": f"CASE WHEN g %% 20 < 17 THEN {received} + ((4 + g %% 9) * interval '1 day') + interval '1 hour' END",
            "closed_at": f"CASE WHEN g %% 20 < 17 THEN {received} + ((4 + g %% 9) * interval '1 day') + interval '1 hour' END",
            "search_text": f"lower('{PREFIX}' || lpad(g::text, 8, '0'))",
            "created_at": f"{received} - interval '1 hour'",
            "updated_at": "now()",
        }
        select = [overrides.get(c, f"t.{quote(c)}") for c in columns]
        sql = (
            f"INSERT INTO dossiers_dossier ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"SELECT {', '.join(select)} FROM dossiers_dossier t, generate_series(%(start)s, %(end)s) g "
            "WHERE t.id = %(template)s"
        )
        params = {
            "versions": [p[0] for p in pairs],
            "agencies": [p[1] for p in pairs],
            "n": len(pairs),
            "start": start,
            "end": end,
            "template": template,
        }
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def _payments(self):
        """One paid fee for every fourth returned dossier; two in three online."""
        with connection.cursor() as cursor:
            # Fresh statistics first: planned on the empty tables' defaults, the NOT EXISTS below became
            # a nested loop over a growing heap (quadratic: an hour for 200,000 rows instead of seconds).
            cursor.execute("ANALYZE dossiers_dossier, dossiers_payment")
            cursor.execute(
                "INSERT INTO dossiers_payment (dossier_id, amount, purpose, description, provider, "
                "provider_reference, status, created_at, updated_at, paid_at, receipt_number) "
                "SELECT id, 50000, 'fee', '', CASE WHEN id %% 3 = 0 THEN 'counter' ELSE 'sandbox' END, "
                "'BENCH-PAY-' || id, 'paid', received_at, received_at, received_at + interval '1 hour', '' "
                "FROM dossiers_dossier WHERE code LIKE %s AND status = 'returned' AND id %% 4 = 0 "
                "AND NOT EXISTS (SELECT 1 FROM dossiers_payment p WHERE p.dossier_id = dossiers_dossier.id)",
                [f"{PREFIX}%"],
            )

    def _officers(self, per_agency=6):
        """Six bench specialists in each agency with bench dossiers; the officer who settled each
        returned dossier (one of its agency's specialists) and, copied from it, the officer its
        response rates: the per-officer facts then have real volume. Idempotent: officers are made
        once, and only rows without an officer are touched."""
        from django.contrib.auth.hashers import make_password

        from accounts.models import AccountKind, Membership, Role, User

        if not User.objects.filter(username__startswith="bench-cb-").exists():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT DISTINCT agency_id FROM dossiers_dossier WHERE code LIKE %s",
                    [f"{PREFIX}%"],
                )
                agencies = [row[0] for row in cursor.fetchall()]
            users = User.objects.bulk_create(
                User(
                    username=f"bench-cb-{agency}-{n}",
                    full_name=f"Cán bộ thử nghiệm {n} (đơn vị {agency})",
                    kind=AccountKind.STAFF,
                    password=make_password(None),  # unusable: bench officers never sign in
                )
                for agency in agencies
                for n in range(1, per_agency + 1)
            )
            Membership.objects.bulk_create(
                Membership(
                    user=user, agency_id=int(user.username.split("-")[2]), role=Role.SPECIALIST
                )
                for user in users
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE dossiers_dossier d SET handled_by_id = s.users[1 + d.id %% cardinality(s.users)] "
                "FROM (SELECT agency_id, array_agg(DISTINCT user_id ORDER BY user_id) AS users "
                "      FROM accounts_membership WHERE role = 'specialist' AND ended_at IS NULL "
                "      GROUP BY agency_id) s "
                "WHERE s.agency_id = d.agency_id AND d.code LIKE %s AND d.status = 'returned' "
                "AND d.handled_by_id IS NULL",
                [f"{PREFIX}%"],
            )
            cursor.execute(
                "UPDATE satisfaction_surveyresponse r SET officer_id = d.handled_by_id "
                "FROM dossiers_dossier d WHERE d.id = r.dossier_id AND r.officer_id IS NULL "
                "AND d.handled_by_id IS NOT NULL AND d.code LIKE %s",
                [f"{PREFIX}%"],
            )

    # --- responses and complaints ------------------------------------------------------------------
    def _responses(self, wanted):
        from satisfaction.models import SurveyForm, SurveyResponse

        have = SurveyResponse.objects.filter(dossier__code__startswith=PREFIX).count()
        if have >= wanted:
            return
        form = SurveyForm.objects.active().first()
        if form is None:
            raise CommandError("No active survey form: run migrate.")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE satisfaction_surveyresponse, satisfaction_surveyanswer"
            )  # as above
            # Ratings: mostly 4-5, some 3, a few 1-2 (from the dossier id, so reproducible).
            cursor.execute(
                "INSERT INTO satisfaction_surveyresponse (dossier_id, form_id, channel, agency_id, "
                "unit_id, procedure_id, officer_id, respondent_id, submitted_at, updated_at, "
                "change_until, average, is_satisfied, is_dissatisfied, comment, problem, follow_up_note) "
                "SELECT d.id, %s, CASE WHEN d.id %% 3 = 0 THEN 'counter' ELSE 'link' END, d.agency_id, "
                "d.handling_unit_id, v.procedure_id, NULL, NULL, d.returned_at + interval '2 hours', "
                "d.returned_at + interval '2 hours', d.returned_at + interval '7 days', "
                "(ARRAY[5, 4.8, 4.4, 4, 3.6, 3, 2.2])[1 + d.id %% 7], d.id %% 7 < 4, d.id %% 7 = 6, '', "
                "CASE WHEN d.id %% 7 = 6 THEN 'Phải chờ lâu' ELSE '' END, '' "
                "FROM dossiers_dossier d JOIN procedures_procedureversion v ON v.id = d.procedure_version_id "
                "WHERE d.code LIKE %s AND d.status = 'returned' "
                "AND NOT EXISTS (SELECT 1 FROM satisfaction_surveyresponse r WHERE r.dossier_id = d.id) "
                "ORDER BY d.id LIMIT %s",
                [form.pk, f"{PREFIX}%", wanted - have],
            )
            cursor.execute("ANALYZE satisfaction_surveyresponse")
            cursor.execute(
                "INSERT INTO satisfaction_surveyanswer (response_id, question_id, aspect, rating) "
                "SELECT r.id, q.id, q.aspect, GREATEST(1, LEAST(5, round(r.average + "
                "((r.id + q.id) %% 3 - 1) * 0.4)::int)) "
                "FROM satisfaction_surveyresponse r JOIN satisfaction_surveyquestion q ON q.form_id = r.form_id "
                "WHERE NOT EXISTS (SELECT 1 FROM satisfaction_surveyanswer a WHERE a.response_id = r.id)",
                [],
            )

    def _complaints(self):
        from satisfaction.models import Complaint

        if Complaint.objects.filter(code__startswith="PAKN-BENCH").exists():
            return
        from accounts.models import User

        user = User.objects.filter(is_active=True).order_by("pk").first()
        if user is None:
            return
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO satisfaction_complaint (code, kind, agency_id, submitted_by_id, subject, "
                "body, publish_consent, status, submitted_at, due_at, answer, answered_at) "
                "SELECT 'PAKN-BENCH-' || g, CASE WHEN g %% 3 = 0 THEN 'suggestion' ELSE 'complaint' END, "
                "(SELECT id FROM procedures_agency ORDER BY id OFFSET (g %% (SELECT count(*) FROM procedures_agency)) LIMIT 1), "
                "%s, 'Phản ánh thử nghiệm', 'Nội dung phản ánh thử nghiệm', g %% 2 = 0, "
                "CASE WHEN g %% 5 = 0 THEN 'open' ELSE 'answered' END, "
                "%s - (g %% 700) * interval '1 day', %s - (g %% 700) * interval '1 day' + interval '14 days', "
                "CASE WHEN g %% 5 = 0 THEN '' ELSE 'Đã trả lời' END, "
                "CASE WHEN g %% 5 = 0 THEN NULL ELSE %s - (g %% 700) * interval '1 day' + ((g %% 20) * interval '1 day') END "
                "FROM generate_series(1, 20000) g",
                [user.pk, now, now, now],
            )
