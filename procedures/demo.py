"""Demo catalogue for development: Thành phố Huế's agencies and 63 real procedures, published.

Idempotent: agencies, sectors and procedures are looked up by code and never changed once there.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from vietnam_provinces import Province, ProvinceCode, Ward

from procedures.demo_data import (
    APPLICANT_FIELDS,
    DEPARTMENTS,
    EXTRA_FIELDS,
    LEGAL_BASIS,
    PROCEDURES,
    PROVINCE_CODE,
    RESULTS,
    SECTORS,
)
from procedures.models import (
    Agency,
    CatalogueChange,
    DossierComponent,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from procedures.models.catalogue import ProcessingTimeUnit

SAME_DAY = ProcessingTimeUnit.SAME_DAY

EFFECTIVE = dt.date(2025, 7, 1)
DECISION = "Quyết định số 1234/QĐ-UBND ngày 30/6/2025 của Chủ tịch UBND thành phố Huế (dữ liệu mẫu)"
ONLINE = {"full": OnlineLevel.FULL, "partial": OnlineLevel.PARTIAL, "none": OnlineLevel.NOT_ONLINE}


def province_code_suffix():
    return f"H{PROVINCE_CODE:02d}"


def seed_agencies(log):
    province = Province.from_code(ProvinceCode(PROVINCE_CODE))
    suffix = province_code_suffix()
    root, created = Agency.objects.get_or_create(
        code=f"000.00.00.{suffix}",
        defaults={
            "name": f"Ủy ban nhân dân {province.name[0].lower()}{province.name[1:]}",
            "short_name": f"UBND {province.name}",
            "level": Agency.Level.PROVINCE,
            "admin_unit_code": str(province.code.value),
            "address": "16 Lê Lợi, phường Thuận Hóa, thành phố Huế",
            "phone": "0234 3822 515",
            "email": "ubnd@hue.gov.vn",
        },
    )
    if created:
        log(f"  + {root.name}")
    departments = {}
    for key, number, name, short in DEPARTMENTS:
        departments[key], _ = Agency.objects.get_or_create(
            code=f"000.00.{number}.{suffix}",
            defaults={
                "parent": root,
                "name": name,
                "short_name": short,
                "level": Agency.Level.DEPARTMENT,
                "address": "Thành phố Huế",
                "phone": f"0234 38{number}0 00",
            },
        )
    communes = []
    for ward in sorted(Ward.iter_by_province(ProvinceCode(PROVINCE_CODE)), key=lambda w: w.name):
        kind = ward.division_type.value  # phường, xã, đặc khu
        commune, _ = Agency.objects.get_or_create(
            code=f"{ward.code.value:05d}.{suffix}",
            defaults={
                "parent": root,
                "name": f"Ủy ban nhân dân {kind} {ward.name.split(' ', 1)[1]}",
                "short_name": ward.name,
                "level": Agency.Level.COMMUNE,
                "admin_unit_code": str(ward.code.value),
                "address": f"{ward.name}, {province.name}",
            },
        )
        communes.append(commune)
    log(f"  · {1 + len(departments) + len(communes)} cơ quan, đơn vị")
    return root, departments, communes


def form_schema(key):
    fields = list(APPLICANT_FIELDS)
    if key:
        fields += EXTRA_FIELDS[key]
    return {"fields": fields}


def internal_steps(hours, same_day=False):
    """Receive at the one-stop desk, appraise, approve — summing to the legal time."""
    hours = Decimal(hours)
    if hours <= 8:
        receive, approve = Decimal(1), Decimal(2)
        appraise = Decimal(4) if same_day else hours - receive - approve
    else:
        receive, approve = Decimal(4), Decimal(8)
        appraise = hours - receive - approve
    return [
        (
            "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "Bộ phận Một cửa",
            ProcessStep.Role.RECEIVING_OFFICER,
            receive,
        ),
        (
            "Thẩm định hồ sơ, dự thảo kết quả",
            "Công chức chuyên môn",
            ProcessStep.Role.SPECIALIST,
            appraise,
        ),
        ("Xem xét, ký duyệt kết quả", "Lãnh đạo", ProcessStep.Role.LEADER, approve),
    ]


def rtf_template(title):
    """A small form template in RTF (opens in any word processor), Vietnamese kept as \\uN."""

    def escape(text):
        return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch)}?" for ch in text)

    body = escape(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\par Độc lập - Tự do - Hạnh phúc\\par\\par "
        f"{title.upper()}\\par\\par Kính gửi: ......................................\\par "
        "Họ, chữ đệm, tên người yêu cầu: ......................................\\par "
        "Số định danh cá nhân: ......................................\\par "
        "Nơi cư trú: ......................................\\par\\par "
        "Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật.\\par\\par "
        "NGƯỜI YÊU CẦU (ký, ghi rõ họ tên)"
    )
    return (
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs26 " + body + "}"
    ).encode("ascii")


def seed_procedure(spec, sectors, departments, communes, now):
    code, name, sector, levels, agency_key, (time, unit), fees, online, components, form = spec
    if Procedure.objects.filter(code=code).exists():
        return False
    procedure = Procedure.objects.create(code=code, name=name)
    implementing = communes if agency_key == "xa" else [departments[agency_key]]
    owner = departments["tu_phap"] if agency_key == "xa" else departments[agency_key]
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        status=VersionStatus.PUBLISHED,
        effective_date=EFFECTIVE,
        decision_reference=DECISION,
        published_at=now,
        name=name,
        sector=sectors[sector],
        owner_agency=owner,
        at_province_level="P" in levels,
        at_district_level="D" in levels,
        at_commune_level="C" in levels,
        steps_text=(
            "Bước 1: Người yêu cầu nộp hồ sơ trực tuyến trên Cổng Dịch vụ công hoặc trực tiếp tại "
            "Bộ phận Một cửa.\nBước 2: Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì cấp "
            "giấy tiếp nhận và hẹn trả kết quả, chưa đầy đủ thì hướng dẫn bổ sung một lần.\n"
            "Bước 3: Cơ quan giải quyết thẩm định, trình ký kết quả.\nBước 4: Trả kết quả trực "
            "tuyến, qua bưu chính hoặc tại Bộ phận Một cửa."
        ),
        channel_in_person=True,
        channel_online=online != "none",
        channel_postal=online == "full",
        processing_time=time,
        processing_time_unit=unit,
        processing_time_note="kể từ khi nhận đủ hồ sơ hợp lệ" if unit != SAME_DAY else "",
        applicants="Công dân Việt Nam; người nước ngoài, tổ chức theo quy định"
        if sector in {"VL", "ATTP", "XD"}
        else "Công dân Việt Nam",
        for_organisations=sector in {"VL", "ATTP", "XD", "GDDT"},
        result=RESULTS.get(
            form or "", "Văn bản giải quyết thủ tục hành chính của cơ quan có thẩm quyền."
        ),
        conditions="Không"
        if sector != "ATTP"
        else "Cơ sở đáp ứng điều kiện bảo đảm an toàn thực phẩm theo quy định.",
        legal_basis=LEGAL_BASIS[sector],
        online_level=ONLINE[online],
        online_eligible=online != "none" or sector in {"CT", "HT"},
        form_schema=form_schema(form) if online != "none" else {},
    )
    version.agencies.set(implementing)
    for order, (description, amount) in enumerate(fees, 1):
        Fee.objects.create(
            version=version,
            order=order,
            kind=Fee.Kind.FEE if description.startswith("Phí") else Fee.Kind.CHARGE,
            description=description,
            amount=amount,
        )
    for order, (doc, form_kind, mandatory, has_template) in enumerate(components, 1):
        component = DossierComponent(
            version=version,
            order=order,
            name=doc,
            form=form_kind,
            is_mandatory=mandatory,
            condition="" if mandatory else "Theo từng trường hợp nêu trong tên giấy tờ",
        )
        if has_template:
            filename = f"mau-{code.replace('.', '-')}-{order}.rtf"
            component.template_name = f"{doc}.rtf"
            component.template.save(filename, ContentFile(rtf_template(doc)), save=False)
        component.save()
    for order, (step, unit_name, role, hours) in enumerate(
        internal_steps(version.processing_hours, unit == SAME_DAY), 1
    ):
        ProcessStep.objects.create(
            version=version,
            order=order,
            name=step,
            unit_name=unit_name,
            role=role,
            budget_hours=hours,
        )
    CatalogueChange.objects.create(
        procedure=procedure, version=version, action="publish", summary="Công bố từ dữ liệu mẫu."
    )
    return True


def seed(log):
    _root, departments, communes = seed_agencies(log)
    sectors = {}
    for code, name in SECTORS:
        sectors[code], _ = Sector.objects.get_or_create(code=code, defaults={"name": name})
    now = timezone.make_aware(dt.datetime(2025, 6, 30, 16, 0))
    created = sum(seed_procedure(spec, sectors, departments, communes, now) for spec in PROCEDURES)
    if created:
        log(f"  + {created} thủ tục hành chính")
