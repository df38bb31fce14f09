"""Demo accounts for development, one per role. Listed in the README; never created in production.

Staff demo accounts share one fixed TOTP secret (DEMO_TOTP_SECRET_BASE32, printed in the README) so a
developer can add it to an authenticator app once, or print the current code with
``python manage.py demo_totp``. Development only: production refuses to run seed_demo.
"""

import datetime as dt

from django.utils import timezone

from accounts.models import AccountKind, Membership, OrganisationMember, Representation, Role, User

DEMO_PASSWORD = "Demo@2026!"  # noqa: S105 - development-only demo accounts (README)
# RFC 6238's test key ("12345678901234567890"): development only, printed in the README.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_TOTP_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # noqa: S105 - development only

DEMO_ACCOUNTS = [
    {
        "username": "quantri",
        "full_name": "Quản trị hệ thống",
        "email": "quantri@demo.dichvucong.vn",
        "kind": AccountKind.STAFF,
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "username": "congdan",
        "full_name": "Nguyễn Văn An",
        "email": "congdan@demo.dichvucong.vn",
        "phone": "0900000001",
        "id_number": "046090000001",
        "date_of_birth": dt.date(1990, 5, 12),
        "address": "12 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        "kind": AccountKind.CITIZEN,
        "assurance_level": "level2",
        "assurance_source": "counter",
    },
    {
        "username": "doanhnghiep",
        "full_name": "Công ty TNHH Dịch vụ Sông Hương (dữ liệu mẫu)",
        "email": "doanhnghiep@demo.dichvucong.vn",
        "tax_code": "3301234568",
        "address": "25 Hùng Vương, thành phố Huế",
        "kind": AccountKind.ORGANISATION,
        "assurance_level": "level1",
        "assurance_source": "counter",
    },
    {
        "username": "nhanvien",
        "full_name": "Trần Thị Bình",
        "email": "nhanvien@demo.dichvucong.vn",
        "phone": "0900000002",
        "id_number": "046192000002",
        "date_of_birth": dt.date(1992, 8, 3),
        "kind": AccountKind.CITIZEN,
    },
    {
        "username": "uyquyen",
        "full_name": "Lê Văn Cường",
        "email": "uyquyen@demo.dichvucong.vn",
        "phone": "0900000003",
        "id_number": "046085000003",
        "date_of_birth": dt.date(1985, 1, 20),
        "kind": AccountKind.CITIZEN,
    },
    {
        "username": "tiepnhan",
        "full_name": "Hoàng Thị Dung",
        "email": "tiepnhan@demo.dichvucong.vn",
        "kind": AccountKind.STAFF,
    },
    {
        "username": "chuyenvien",
        "full_name": "Phan Văn Em",
        "email": "chuyenvien@demo.dichvucong.vn",
        "kind": AccountKind.STAFF,
    },
    {
        "username": "lanhdao",
        "full_name": "Võ Thị Giang",
        "email": "lanhdao@demo.dichvucong.vn",
        "kind": AccountKind.STAFF,
    },
    {
        "username": "quantridonvi",
        "full_name": "Đặng Văn Hải",
        "email": "quantridonvi@demo.dichvucong.vn",
        "kind": AccountKind.STAFF,
    },
]

STAFF_ROLES = {
    "tiepnhan": (Role.RECEIVING_OFFICER, "Cán bộ Bộ phận Một cửa"),
    "chuyenvien": (Role.SPECIALIST, "Chuyên viên Phòng Hành chính tư pháp"),
    "lanhdao": (Role.LEADER, "Phó Giám đốc Sở"),
    "quantridonvi": (Role.AGENCY_ADMIN, "Quản trị hệ thống một cửa của Sở"),
}


def seed(log):
    users = {}
    for spec in DEMO_ACCOUNTS:
        fields = dict(spec)
        username = fields.pop("username")
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.consent_given_at = timezone.now()
            user.consent_version = "demo"
            if user.email:
                user.email_verified_at = timezone.now()
            if user.assurance_level != "unverified":
                user.assurance_verified_at = timezone.now()
            user.save()
            log(f"  + {username}")
        users[username] = user

    OrganisationMember.objects.get_or_create(
        organisation=users["doanhnghiep"],
        member=users["nhanvien"],
        revoked_at=None,
        defaults={"role": OrganisationMember.Role.LEGAL_REPRESENTATIVE},
    )
    Representation.objects.get_or_create(
        principal=users["congdan"],
        agent=users["uyquyen"],
        revoked_at=None,
        defaults={
            "scope": Representation.Scope.ALL,
            "valid_until": timezone.make_aware(dt.datetime(2030, 12, 31, 23, 59)),
            "note": "Ủy quyền mẫu: nộp và theo dõi hồ sơ thay",
        },
    )
    for username in ["quantri", *STAFF_ROLES]:
        _demo_totp_device(users[username])
    _seed_memberships(users, log)


def _demo_totp_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(
        user=user,
        name="demo",
        defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
    )


def _seed_memberships(users, log):
    """Staff work in the demo Sở Tư pháp of the catalogue's demo agencies (procedures/demo.py, which
    is idempotent: seeding them here first only makes them exist a moment earlier)."""
    try:
        from procedures.demo import seed_agencies
    except ImportError:
        log("  · (chưa có cơ quan mẫu: bỏ qua phân công cán bộ)")
        return
    _root, departments, _communes = seed_agencies(lambda *_: None)
    agency = departments["tu_phap"]
    for username, (role, title) in STAFF_ROLES.items():
        Membership.objects.get_or_create(
            user=users[username],
            agency=agency,
            role=role,
            ended_at=None,
            defaults={"title": title},
        )
    from procedures.permissions import sync_admin_access

    sync_admin_access(users["quantridonvi"])  # the role's publishing screens
