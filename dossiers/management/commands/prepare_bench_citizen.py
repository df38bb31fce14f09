"""Bench data for the citizen pages: ``manage.py prepare_bench_citizen``.

A bench citizen (``bench.congdan``) with ``--dossiers`` dossiers (default 300) of every status, each with
a log of several events, three attachments, a receipt, a payment, and every tenth with a supplement
request — so "Hồ sơ của tôi" and the dossier page are measured with many items behind them, among the
million dossiers of ``generate_bench_dossiers`` (portal app). Also a partial-online bench procedure with three
components (PDF, 1 MB) and no online fee, for the submission benchmark, and ``--drafts`` fresh drafts
of it (empty, no files) spread over ``SUBMITTERS`` bench citizens: the submission benchmark fills and
submits each of them once, so every run tops the pool up again. Idempotent.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import AccountKind, User
from dossiers.models import (
    Attachment,
    Dossier,
    DossierEvent,
    IssuedDocument,
    Payment,
    State,
    SupplementItem,
    SupplementRequest,
)
from procedures.models import (
    Agency,
    DossierComponent,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    Sector,
    VersionStatus,
)

USERNAME = "bench.congdan"
PROCEDURE_CODE = "9.999001"
PREFIX = "BENCHCD"
SUBMITTER_PREFIX = "bench.nophoso."
SUBMITTERS = 40
STATES = [s for s in State.values if s != State.DRAFT]


class Command(BaseCommand):
    help = "Dữ liệu đo hiệu năng cho trang công dân. Bench data for the citizen pages."

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=300)
        parser.add_argument(
            "--drafts", type=int, default=0, help="fresh drafts kept for the submission benchmark"
        )

    @transaction.atomic
    def handle(self, *args, dossiers, drafts, **options):
        citizen = self._citizen()
        version = self._procedure()
        if drafts:
            self._drafts(version, drafts)
        existing = Dossier.objects.filter(code__startswith=f"{PREFIX}-").count()
        if existing >= dossiers:
            self.stdout.write(f"{existing} bench citizen dossiers already there.")
            return
        now = timezone.now()
        rows = []
        for i in range(existing, dossiers):
            status = STATES[i % len(STATES)]
            received = status not in (State.SUBMITTED, State.SUPPLEMENT_AT_INTAKE, State.REFUSED)
            rows.append(
                Dossier(
                    code=f"{PREFIX}-{i:06d}",
                    procedure_version=version,
                    agency=version.owner_agency,
                    handling_unit=version.owner_agency,
                    applicant=citizen,
                    submitted_by=citizen,
                    applicant_name=citizen.full_name,
                    applicant_id_number=citizen.id_number,
                    status=status,
                    status_code=None,
                    submitted_at=now - dt.timedelta(days=i % 90, hours=3),
                    received_at=(now - dt.timedelta(days=i % 90)) if received else None,
                    due_at=(now + dt.timedelta(days=5 - i % 10)) if received else None,
                    form_data={"ho_ten": citizen.full_name},
                )
            )
        created = Dossier.objects.bulk_create(rows)
        events, attachments, documents, payments, requests = [], [], [], [], []
        for dossier in created:
            for k, action in enumerate(["submit", "receive", "transfer", "assign", "approve"]):
                events.append(
                    DossierEvent(
                        dossier=dossier,
                        at=dossier.submitted_at + dt.timedelta(hours=k),
                        action=action,
                        to_state=dossier.status,
                        unit=dossier.agency,
                        is_public=True,
                    )
                )
            for k in range(3):
                attachments.append(
                    Attachment(
                        dossier=dossier,
                        file=f"bench/{dossier.pk}-{k}.pdf",
                        name=f"giay-to-{k + 1}.pdf",
                        size=200_000,
                        content_type="application/pdf",
                    )
                )
            documents.append(
                IssuedDocument(
                    dossier=dossier,
                    agency=dossier.agency,
                    kind=IssuedDocument.Kind.RECEIPT,
                    number=f"{dossier.pk}/GTN",
                    file=f"bench/{dossier.pk}-receipt.pdf",
                )
            )
            payments.append(
                Payment(dossier=dossier, amount=50000, status=Payment.Status.PAID, paid_at=now)
            )
            if dossier.pk % 10 == 0:
                requests.append(
                    SupplementRequest(
                        dossier=dossier, round=1, phase="intake", status="answered", message="x"
                    )
                )
        DossierEvent.objects.bulk_create(events)
        Attachment.objects.bulk_create(attachments)
        IssuedDocument.objects.bulk_create(documents)
        Payment.objects.bulk_create(payments)
        SupplementRequest.objects.bulk_create(requests)
        SupplementItem.objects.bulk_create(
            SupplementItem(request=r, order=k, content="Bản sao CCCD", reason="Bản chụp bị mờ")
            for r in requests
            for k in range(2)
        )
        # The national status code follows the state (save() would set it; bulk_create does not).
        from dossiers.models.states import NATIONAL_CODE

        for state, code in NATIONAL_CODE.items():
            Dossier.objects.filter(code__startswith=f"{PREFIX}-", status=state).update(
                status_code=code
            )
        self.stdout.write(f"{len(created)} bench citizen dossiers created for {USERNAME}.")

    def _drafts(self, version, wanted):
        """Top the pool of fresh drafts (no files yet) up to ``wanted``, through the real service."""
        from dossiers.services import submission

        pool = fresh_drafts(version).count()
        submitters = [
            User.objects.get_or_create(
                username=f"{SUBMITTER_PREFIX}{k:02d}",
                defaults={
                    "full_name": f"Người Nộp Đo Hiệu Năng {k:02d}",
                    "kind": AccountKind.CITIZEN,
                    "id_number": f"0010990008{k:02d}",
                    "email": f"bench.nophoso.{k:02d}@example.vn",
                },
            )[0]
            for k in range(SUBMITTERS)
        ]
        # The receiving desk that each submission notifies (three officers, as at a small desk).
        from accounts.models import Membership

        for k in range(3):
            officer, _created = User.objects.get_or_create(
                username=f"bench.motcua.{k}",
                defaults={
                    "full_name": f"Cán Bộ Một Cửa Đo Hiệu Năng {k}",
                    "kind": AccountKind.STAFF,
                    "email": f"bench.motcua.{k}@example.vn",
                },
            )
            Membership.objects.get_or_create(
                user=officer, agency=version.owner_agency, role="receiving_officer"
            )
        for i in range(pool, wanted):
            submission.start_draft(version, submitters[i % SUBMITTERS])
        self.stdout.write(f"{max(pool, wanted)} fresh bench drafts ({max(0, wanted - pool)} new).")

    def _citizen(self):
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={
                "full_name": "Công Dân Đo Hiệu Năng",
                "kind": AccountKind.CITIZEN,
                "id_number": "001099000777",
                "email": "bench.congdan@example.vn",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def _procedure(self):
        version = (
            ProcedureVersion.objects.filter(procedure__code=PROCEDURE_CODE)
            .select_related("owner_agency")
            .first()
        )
        if version:
            return version
        agency = Agency.objects.order_by("pk").first() or Agency.objects.create(
            code="000.00.00.BENCH", name="Cơ quan đo hiệu năng", level=Agency.Level.PROVINCE
        )
        sector, _ = Sector.objects.get_or_create(code="BENCH", defaults={"name": "Đo hiệu năng"})
        procedure = Procedure.objects.create(code=PROCEDURE_CODE, name="Thủ tục đo hiệu năng")
        version = ProcedureVersion.objects.create(
            procedure=procedure,
            number=1,
            status=VersionStatus.PUBLISHED,
            name="Thủ tục đo hiệu năng nộp hồ sơ",
            sector=sector,
            owner_agency=agency,
            online_level=OnlineLevel.PARTIAL,
            channel_online=True,
            processing_time=5,
            form_schema={
                "fields": [
                    {"name": "ho_ten", "type": "text", "label": {"vi": "Họ tên"}, "required": True},
                    {"name": "ly_do", "type": "textarea", "label": {"vi": "Lý do"}},
                ]
            },
        )
        version.agencies.set([agency])
        for k in range(3):
            DossierComponent.objects.create(
                version=version, order=k, name=f"Giấy tờ {k + 1}", max_size_mb=1
            )
        return version


def fresh_drafts(version):
    """Drafts of the bench submitters with no file attached yet, oldest first."""
    return (
        Dossier.objects.filter(
            procedure_version=version,
            status=State.DRAFT,
            applicant__username__startswith=SUBMITTER_PREFIX,
        )
        .exclude(attachments__isnull=False)
        .order_by("pk")
    )
