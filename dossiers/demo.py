"""Demo dossiers for development: every status, in the queues of the demo staff of a ward.

Creates (idempotently) a specialist unit under the ward (see ``demo_agency``), the demo staff with their roles and a
known TOTP secret (development only, listed in the README), a demo citizen, and about twenty dossiers
walked through the real services, so each one has its log, steps, slips and notifications. A second
run changes nothing: dossiers are only created when none of the demo ones exist yet.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import AccountKind, Membership, User
from dossiers.access import Role
from dossiers.models import Attachment, Channel, Delivery, Dossier, State
from dossiers.services import base
from dossiers.services import processing as p
from procedures.models import Agency, ProcedureVersion

# RFC 6238's test key ("12345678901234567890"); base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ. Dev only.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_TOTP_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

STAFF = [
    # username, full name, where ("agency" or "unit"), role, title
    ("tiepnhan", "Nguyễn Thị Thu Hà", "agency", Role.RECEIVING_OFFICER, "Cán bộ Bộ phận Một cửa"),
    ("chuyenvien", "Trần Minh Khoa", "unit", Role.SPECIALIST, "Chuyên viên"),
    ("chuyenvien2", "Lê Thị Mai", "unit", Role.SPECIALIST, "Chuyên viên"),
    ("lanhdaophong", "Phạm Văn Hùng", "unit", Role.LEADER, "Trưởng phòng"),
    ("chutich", "Hoàng Thị Lan", "agency", Role.LEADER, "Phó Chủ tịch UBND phường"),
    ("quantridonvi", "Võ Văn Nam", "agency", Role.AGENCY_ADMIN, "Quản trị đơn vị"),
]
MARK = "demo-processing"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def demo_agency():
    """The demo one-stop desk: Ủy ban nhân dân phường Thuận Hóa (Huế) from the catalogue's demo data,
    else the agency with the most published procedures."""
    from django.db.models import Count

    agency = (
        Agency.objects.filter(level=Agency.Level.COMMUNE, short_name__icontains="Thuận Hóa")
        .order_by("pk")
        .first()
    )
    if agency is None:
        agency = (
            Agency.objects.annotate(n=Count("procedure_versions"))
            .filter(n__gt=0)
            .order_by("-n", "pk")
            .first()
        )
    return agency


def _agency_and_unit(log):
    agency = demo_agency()
    if agency is None:
        return None, None
    unit, created = Agency.objects.get_or_create(
        code=f"{agency.code.split('.')[0]}.01.{agency.code.split('.')[-1]}",
        defaults={
            "parent": agency,
            "name": "Phòng Văn hóa - Xã hội",
            "short_name": "Phòng VHXH",
            "level": agency.level,
            "address": agency.address,
        },
    )
    if created:
        log(f"  + {unit.name}")
    return agency, unit


def _user(username, **fields):
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, created


def _staff(log, agency, unit):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    people = {}
    for username, name, where, role, title in STAFF:
        user, created = _user(
            username,
            full_name=name,
            kind=AccountKind.STAFF,
            email=f"{username}@demo.dichvucong.vn",
        )
        target = agency if where == "agency" else unit
        Membership.objects.get_or_create(
            user=user,
            agency=target,
            role=role,
            ended_at=None,
            defaults={"title": title, "started_at": timezone.now() - dt.timedelta(days=365)},
        )
        TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "demo", "key": DEMO_TOTP_KEY}
        )
        if role == Role.AGENCY_ADMIN:
            from procedures.permissions import sync_admin_access

            sync_admin_access(user)
        if created:
            log(f"  + {username} ({role})")
        people[username] = user
    return people


def _citizen():
    user, _ = _user(
        "congdan",
        full_name="Đỗ Thị Hồng",
        kind=AccountKind.CITIZEN,
        email="congdan@demo.dichvucong.vn",
        id_number="046190000001",
        phone="0905000001",
        address="12 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        date_of_birth=dt.date(1990, 1, 1),
    )
    return user


def _submitted(version, agency, citizen, when, n):
    dossier = Dossier(
        procedure_version=version,
        agency=agency,
        channel=Channel.ONLINE,
        delivery=Delivery.ONLINE if n % 3 else Delivery.POST,
        delivery_address="" if n % 3 else citizen.address,
        form_data={"demo": MARK},
        submitted_at=when,
    )
    base.snapshot_applicant(dossier, citizen)
    dossier.submitted_by = citizen
    dossier.applicant_name = [
        "Đỗ Thị Hồng",
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Quang Dũng",
        "Phan Thị Giang",
        "Huỳnh Văn Hải",
    ][n % 6]
    base.assign_code(dossier, when)
    from dossiers import deadlines

    dossier.intake_due_at = deadlines.intake_due(agency, when)
    dossier.save()
    dossier.submit()
    dossier.save(update_fields=["status"])
    for component in version.components.all()[:3]:
        attachment = Attachment(
            dossier=dossier,
            component=component,
            name=f"{component.name[:60]}.pdf",
            size=len(PDF),
            content_type="application/pdf",
            uploaded_by=citizen,
        )
        attachment.file.save("giay-to.pdf", SimpleUploadedFile("giay-to.pdf", PDF), save=False)
        attachment.save()
    base.append_event(dossier, "submit", citizen, from_state=State.DRAFT, at=when)
    return dossier


def _walk(dossier, target, s, unit, partner):
    """Take a submitted dossier to ``target`` through the services."""
    items = [{"content": "Bản sao Căn cước công dân", "reason": "Ảnh chụp mờ, không đọc được số"}]
    if target == State.SUBMITTED:
        return
    if target == State.SUPPLEMENT_AT_INTAKE:
        p.request_intake_supplement(dossier, s["tiepnhan"], items)
        return
    if target == State.REFUSED:
        p.refuse(
            dossier, s["tiepnhan"], ["Hồ sơ không thuộc thẩm quyền giải quyết của UBND phường"]
        )
        return
    p.receive(dossier, s["tiepnhan"])
    if target == State.RECEIVED:
        return
    p.transfer(dossier, s["tiepnhan"], unit)
    specialist = s["chuyenvien"] if dossier.pk % 2 else s["chuyenvien2"]
    p.assign(dossier, s["lanhdaophong"], specialist)
    if target == State.PROCESSING:
        return
    if target == State.SUPPLEMENT_IN_PROCESSING:
        p.request_processing_supplement(dossier, specialist, items)
        return
    if target == State.PAYMENT_REQUESTED:
        p.request_payment(dossier, specialist, 150000, "Lệ phí cấp bản sao trích lục")
        return
    if target == State.AT_PARTNER_AGENCY:
        p.forward_to_partner(dossier, specialist, partner, 16, note="Đề nghị xác minh nhân thân")
        return
    if target == State.STOPPED:
        p.stop(dossier, s["chutich"], ["Người yêu cầu đề nghị dừng do thay đổi nhu cầu"])
        return
    p.submit_for_approval(dossier, specialist)
    if target == State.AWAITING_APPROVAL:
        return
    p.approve(dossier, s["lanhdaophong"])
    if target == State.APPROVED:
        return
    p.issue_result(
        dossier,
        specialist,
        SimpleUploadedFile("ket-qua.pdf", PDF, content_type="application/pdf"),
        number="125/GCN-UBND",
        summary="Phiếu lý lịch tư pháp số 1",
    )
    if target == State.RESULT_READY:
        return
    p.return_result(dossier, s["tiepnhan"], tracking_number="EL000000001VN")


PLAN = [
    # (target, how many, hours ago submitted)
    (State.SUBMITTED, 5, [1, 3, 6, 9, 30]),
    (State.SUPPLEMENT_AT_INTAKE, 1, [26]),
    (State.REFUSED, 1, [50]),
    (State.RECEIVED, 1, [4]),
    (State.PROCESSING, 4, [20, 48, 72, 200]),
    (State.SUPPLEMENT_IN_PROCESSING, 1, [60]),
    (State.PAYMENT_REQUESTED, 1, [70]),
    (State.AT_PARTNER_AGENCY, 1, [80]),
    (State.AWAITING_APPROVAL, 2, [90, 100]),
    (State.APPROVED, 1, [110]),
    (State.RESULT_READY, 1, [120]),
    (State.RETURNED, 2, [150, 300]),
    (State.STOPPED, 1, [130]),
]


def seed(log):
    agency, unit = _agency_and_unit(log)
    if agency is None:
        log("  · (bỏ qua hồ sơ mẫu: chưa có danh mục thủ tục mẫu)")
        return
    staff = _staff(log, agency, unit)
    citizen = _citizen()
    if Dossier.objects.filter(form_data__demo=MARK).exists():
        return
    versions = list(ProcedureVersion.objects.published().filter(agencies=agency).order_by("pk")[:6])
    if not versions:
        return
    partner = (
        Agency.objects.filter(short_name="CATP").first()
        or Agency.objects.exclude(path__startswith=agency.path).first()
    )
    now = timezone.now()
    n = 0
    for target, count, ages in PLAN:
        for i in range(count):
            version = versions[n % len(versions)]
            dossier = _submitted(version, agency, citizen, now - dt.timedelta(hours=ages[i]), n)
            _walk(dossier, target, staff, unit, partner)
            n += 1
    # One withdrawal request waiting at the desk (the citizen side asks; the desk decides).
    dossier = _submitted(versions[0], agency, citizen, now - dt.timedelta(hours=40), n)
    _walk(dossier, State.PROCESSING, staff, unit, partner)
    locked = base.lock(dossier)
    locked.resume_state = locked.status
    locked.request_withdrawal()
    base.save_dossier(locked, "status", "resume_state")
    base.append_event(
        locked,
        "request_withdrawal",
        citizen,
        from_state=State.PROCESSING,
        note="Tôi đã được cấp ở nơi khác",
    )
    log(f"  + {n + 1} hồ sơ mẫu ở mọi trạng thái")
