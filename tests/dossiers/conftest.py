"""Staff roles for the dossiers tests: ``grant(user, agency, role)`` gives a membership.

Uses accounts.models.Membership when it exists; before the accounts app's memberships landed, an
in-memory registry patched into dossiers.access stood in for it (same semantics: a membership reaches
the agency's descendant units)."""

import pytest

from procedures.models import Agency

try:
    from accounts.models import Membership
except ImportError:  # pragma: no cover
    Membership = None


@pytest.fixture
def grant(monkeypatch):
    if Membership is not None:

        def _grant(user, agency, role):
            import datetime as dt

            from django.utils import timezone

            # Started long ago, so tests that travel back in time still see the membership.
            Membership.objects.create(
                user=user,
                agency=agency,
                role=role,
                started_at=timezone.now() - dt.timedelta(days=3650),
            )
            for attr in ("_active_memberships_cache", "_dossiers_agency_tree"):
                if hasattr(user, attr):
                    delattr(user, attr)
            return user

        return _grant

    registry: list[tuple[int, int, str]] = []

    def staff_agencies(user, *roles):
        if not (user and user.is_authenticated and user.is_active):
            return Agency.objects.none()
        if user.is_superuser:
            return Agency.objects.all()
        paths = [
            Agency.objects.get(pk=a).path
            for u, a, r in registry
            if u == user.pk and (not roles or r in roles)
        ]
        if not paths:
            return Agency.objects.none()
        from django.db.models import Q

        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return Agency.objects.filter(condition)

    def has_role(user, agency, *roles):
        if agency is None or not (user and user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return staff_agencies(user, *roles).filter(pk=agency.pk).exists()

    import dossiers.access as access

    monkeypatch.setattr(access, "staff_agencies", staff_agencies)
    monkeypatch.setattr(access, "has_role", has_role)
    import dossiers.services.processing as processing

    monkeypatch.setattr(processing, "has_role", has_role)

    def _grant(user, agency, role):
        registry.append((user.pk, agency.pk, role))
        return user

    return _grant


class World:
    """An agency with a specialist unit, its staff in every role, a published procedure, and a
    stranger agency whose staff must never touch the first agency's dossiers."""


@pytest.fixture
def world(db, grant):
    from decimal import Decimal

    from dossiers.access import Role
    from tests.accounts.factories import CitizenFactory, StaffFactory
    from tests.procedures.factories import (
        AgencyFactory,
        DossierComponentFactory,
        FeeFactory,
        ProcedureVersionFactory,
        ProcessStepFactory,
    )

    w = World()
    w.agency = AgencyFactory(
        code="000.00.12.H26",
        name="Sở Tư pháp tỉnh Thử nghiệm",
        short_name="STP",
        address="Số 1 đường Trần Phú",
    )
    w.unit = AgencyFactory(code="000.01.12.H26", name="Phòng Hành chính tư pháp", parent=w.agency)
    w.other_agency = AgencyFactory(code="000.00.99.H99", name="Sở Xây dựng")
    w.partner = AgencyFactory(code="000.00.77.H77", name="Cục Thuế tỉnh")
    w.version = ProcedureVersionFactory(
        published=True,
        owner_agency=w.agency,
        agencies=[w.agency],
        processing_time=5,
        name="Cấp Phiếu lý lịch tư pháp",
    )
    w.component = DossierComponentFactory(version=w.version, name="Tờ khai yêu cầu cấp Phiếu")
    DossierComponentFactory(version=w.version, name="Bản chụp CCCD")
    FeeFactory(version=w.version, amount=200000)
    for order, (name, role, hours) in enumerate(
        [
            ("Tiếp nhận hồ sơ", Role.RECEIVING_OFFICER, "4"),
            ("Phân công xử lý", Role.LEADER, "4"),
            ("Thẩm định hồ sơ", Role.SPECIALIST, "24"),
            ("Phê duyệt", Role.LEADER, "4"),
            ("Trả kết quả", Role.RECEIVING_OFFICER, "4"),
        ]
    ):
        ProcessStepFactory(
            version=w.version, order=order, name=name, role=role, budget_hours=Decimal(hours)
        )
    w.receiver = grant(
        StaffFactory(full_name="Nguyễn Thị Tiếp Nhận"), w.agency, Role.RECEIVING_OFFICER
    )
    w.leader = grant(StaffFactory(full_name="Trần Văn Lãnh Đạo"), w.unit, Role.LEADER)
    w.director = grant(StaffFactory(full_name="Lê Giám Đốc"), w.agency, Role.LEADER)
    w.specialist = grant(StaffFactory(full_name="Phạm Chuyên Viên"), w.unit, Role.SPECIALIST)
    w.specialist2 = grant(StaffFactory(full_name="Hoàng Chuyên Viên Hai"), w.unit, Role.SPECIALIST)
    w.admin = grant(StaffFactory(full_name="Quản Trị"), w.agency, Role.AGENCY_ADMIN)
    w.stranger = grant(StaffFactory(full_name="Cán Bộ Sở Khác"), w.other_agency, Role.LEADER)
    w.stranger_receiver = grant(StaffFactory(), w.other_agency, Role.RECEIVING_OFFICER)
    w.partner_officer = grant(StaffFactory(full_name="Cán Bộ Thuế"), w.partner, Role.SPECIALIST)
    w.citizen = CitizenFactory(full_name="Đỗ Thị Công Dân", address="Phường Ba Đình, Hà Nội")
    return w


@pytest.fixture
def fast_pdf(monkeypatch):
    """Skip WeasyPrint where a test is about the state machine, not the document."""
    import dossiers.slips as slips

    monkeypatch.setattr(slips, "render", lambda kind, context: b"%PDF-1.4\n%fake " + kind.encode())


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 costs ~0.5 s a password on this machine; the dossiers tests create many accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def login_staff(client):
    """Sign a staff member in with a verified second factor (what staff_required asks for)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _login(user, c=None):
        c = c or client
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "test"}
        )
        c.force_login(user)
        session = c.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return c

    return _login


@pytest.fixture(autouse=True)
def _fresh_queue_counts(settings):
    """Tab counts are cached a few seconds in production; tests read them fresh."""
    settings.DOSSIER_QUEUE_COUNTS_CACHE_SECONDS = 0
