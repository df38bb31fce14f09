"""Generate published procedures for benchmarks: ``manage.py generate_bench_catalogue --procedures 20000``.

Codes ``9.000000`` upwards never clash with real national codes. Names are built from real Vietnamese
procedure vocabulary so searches behave as on a real catalogue. Idempotent: a second run with the same
count creates nothing. Bulk inserts, so the normalised search columns are filled here, not by save().
"""

import datetime as dt
import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from procedures import cache as catalogue_cache
from procedures.models import (
    Agency,
    DossierComponent,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from procedures.search import normalize

PREFIX = "9."
ACTIONS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Đăng ký",
    "Đăng ký thay đổi",
    "Xác nhận",
    "Thẩm định",
    "Công nhận",
    "Thu hồi",
    "Chấm dứt",
    "Hỗ trợ",
    "Phê duyệt",
]
OBJECTS = [
    "giấy phép xây dựng",
    "giấy chứng nhận đăng ký hộ kinh doanh",
    "giấy phép lao động",
    "giấy khai sinh",
    "giấy chứng nhận quyền sử dụng đất",
    "giấy phép lái xe",
    "chứng chỉ hành nghề",
    "giấy xác nhận tình trạng hôn nhân",
    "giấy phép kinh doanh vận tải",
    "giấy chứng nhận an toàn thực phẩm",
    "giấy phép hoạt động giáo dục",
    "trợ cấp xã hội hằng tháng",
    "chế độ người có công",
    "thông tin cư trú",
    "hợp đồng, giao dịch",
    "giấy phép khai thác nước mặt",
    "phương tiện thủy nội địa",
    "biển hiệu quảng cáo",
]
CONTEXTS = [
    "",
    "cho cá nhân",
    "cho tổ chức",
    "có yếu tố nước ngoài",
    "đối với nhà ở riêng lẻ",
    "tại cấp xã",
    "thuộc thẩm quyền cấp tỉnh",
    "trong khu công nghiệp",
    "cho hộ gia đình",
    "đối với doanh nghiệp nhỏ và vừa",
]
ONLINE = [OnlineLevel.FULL, OnlineLevel.PARTIAL, OnlineLevel.PARTIAL, OnlineLevel.NOT_ONLINE]
BATCH = 1000


class Command(BaseCommand):
    help = "Sinh thủ tục đã công bố cho đo hiệu năng (không dùng cho dữ liệu thật)."

    def add_arguments(self, parser):
        parser.add_argument("--procedures", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        wanted = options["procedures"]
        have = Procedure.objects.filter(code__startswith=PREFIX).count()
        if have >= wanted:
            self.stdout.write(f"Đã có {have} thủ tục sinh sẵn; không tạo thêm.")
            return
        rng = random.Random(options["seed"] + have)  # noqa: S311 - reproducible test data
        sectors = list(Sector.objects.all())
        if not sectors:
            sectors = [Sector.objects.create(code="BENCH", name="Lĩnh vực đo hiệu năng")]
        agencies = list(Agency.objects.filter(is_active=True))
        if not agencies:
            agencies = [
                Agency.objects.create(code="BENCH", name="Cơ quan đo hiệu năng", level="province")
            ]
        owner = agencies[0]
        now = timezone.now()
        for start in range(have, wanted, BATCH):
            end = min(start + BATCH, wanted)
            with transaction.atomic():
                self._batch(range(start, end), rng, sectors, agencies, owner, now)
            self.stdout.write(f"  {end}/{wanted}")
        self.stdout.write(self.style.SUCCESS(f"Đã sinh {wanted - have} thủ tục."))

    def _batch(self, numbers, rng, sectors, agencies, owner, now):
        procedures = []
        for n in numbers:
            name = " ".join(
                part
                for part in (rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(CONTEXTS))
                if part
            )
            procedures.append(Procedure(code=f"{PREFIX}{n:06d}", name=f"{name} ({n})"))
        Procedure.objects.bulk_create(procedures)
        procedures = list(
            Procedure.objects.filter(code__in=[p.code for p in procedures]).order_by("code")
        )
        versions = []
        for procedure in procedures:
            days = rng.choice([1, 3, 5, 7, 10, 15, 20])
            level = rng.choice(["province", "district", "commune", "commune"])
            search_name = normalize(procedure.name)
            versions.append(
                ProcedureVersion(
                    procedure=procedure,
                    number=1,
                    status=VersionStatus.PUBLISHED,
                    effective_date=dt.date(2025, 7, 1),
                    published_at=now,
                    name=procedure.name,
                    sector=rng.choice(sectors),
                    owner_agency=owner,
                    at_province_level=level == "province",
                    at_district_level=level == "district",
                    at_commune_level=level == "commune",
                    processing_time=days,
                    online_level=rng.choice(ONLINE),
                    channel_online=True,
                    result="Văn bản giải quyết thủ tục hành chính.",
                    legal_basis="Dữ liệu sinh cho đo hiệu năng.",
                    search_name=search_name,
                    search_text=f"{normalize(procedure.code)} {search_name}",
                )
            )
        ProcedureVersion.objects.bulk_create(versions)
        versions = list(
            ProcedureVersion.objects.filter(procedure__in=procedures).select_related("procedure")
        )
        through = ProcedureVersion.agencies.through
        links, fees, components, steps = [], [], [], []
        for version in versions:
            for agency in rng.sample(agencies, k=min(len(agencies), rng.choice([1, 1, 2, 3]))):
                links.append(through(procedureversion_id=version.pk, agency_id=agency.pk))
            if rng.random() < 0.5:
                fees.append(
                    Fee(
                        version=version,
                        order=1,
                        description="Lệ phí giải quyết thủ tục",
                        amount=rng.choice([8000, 15000, 50000, 100000, 1000000]),
                    )
                )
            for order in range(1, 4):
                components.append(
                    DossierComponent(version=version, order=order, name=f"Giấy tờ số {order}")
                )
            hours = Decimal(version.processing_time * 8)
            for order, (role, budget) in enumerate(
                [("receiving_officer", 4), ("specialist", hours - 12), ("leader", 8)], 1
            ):
                if hours <= 12:
                    budget = {1: 1, 2: hours - 3, 3: 2}[order]
                steps.append(
                    ProcessStep(
                        version=version,
                        order=order,
                        name=f"Bước {order}",
                        role=role,
                        budget_hours=Decimal(budget),
                    )
                )
        through.objects.bulk_create(links)
        Fee.objects.bulk_create(fees)
        DossierComponent.objects.bulk_create(components)
        ProcessStep.objects.bulk_create(steps)
        catalogue_cache.bump()  # bulk writes send no signals
