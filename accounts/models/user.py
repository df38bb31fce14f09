from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import identifiers


class AccountKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")
    STAFF = "staff", _("Cán bộ, công chức")


class AssuranceLevel(models.TextChoices):
    """Identity assurance, after VNeID's levels (Decree 69/2024): level 1 = declared data matches the
    national population database; level 2 = also verified in person (photo, fingerprint, chip)."""

    UNVERIFIED = "unverified", _("Chưa xác thực")
    LEVEL1 = "level1", _("Định danh mức 1")
    LEVEL2 = "level2", _("Định danh mức 2")


ASSURANCE_ORDER = {
    AssuranceLevel.UNVERIFIED: 0,
    AssuranceLevel.LEVEL1: 1,
    AssuranceLevel.LEVEL2: 2,
}


class AssuranceSource(models.TextChoices):
    NONE = "", _("Không có")
    SELF_DECLARED = "self", _("Tự khai báo, đã xác minh thư điện tử hoặc số điện thoại")
    COUNTER = "counter", _("Đối chiếu giấy tờ tại Bộ phận Một cửa")
    VNEID = "vneid", _("VNeID (định danh điện tử quốc gia)")
    OIDC = "oidc", _("Nhà cung cấp định danh khác (OpenID Connect)")


class UserQuerySet(models.QuerySet):
    def citizens(self):
        return self.filter(kind=AccountKind.CITIZEN)

    def organisations(self):
        return self.filter(kind=AccountKind.ORGANISATION)

    def staff_accounts(self):
        return self.filter(kind=AccountKind.STAFF)

    def active(self):
        return self.filter(is_active=True)

    def with_assurance_at_least(self, level):
        wanted = ASSURANCE_ORDER[AssuranceLevel(level)]
        return self.filter(
            assurance_level__in=[lvl for lvl, rank in ASSURANCE_ORDER.items() if rank >= wanted]
        )

    def matching_identifier(self, identifier: str):
        """Accounts a sign-in identifier can name: ID number, tax code, email, phone or username."""
        identifier = (identifier or "").strip()
        if not identifier:
            return self.none()
        condition = Q(username=identifier)
        digits = identifiers.normalize_id_number(identifier)
        if digits.isdigit():
            if len(digits) == 12:
                condition |= Q(id_number=digits)
            if len(digits) in (10, 13):
                condition |= Q(tax_code=digits)
            phone = identifiers.normalize_phone(identifier)
            if len(phone) == 10:
                condition |= Q(phone=phone)
        elif identifier.startswith("+"):
            condition |= Q(phone=identifiers.normalize_phone(identifier))
        if "@" in identifier:
            condition |= Q(email__iexact=identifier)
        return self.filter(condition)

    def visible_to(self, user):
        """Accounts whose profile ``user`` may open: their own; every one for system admins; the staff of
        the agencies they administer for agency admins (see accounts.permissions)."""
        from accounts import permissions

        return permissions.filter_visible_accounts(self, user)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True


class User(AbstractUser):
    """The single account of a person, an organisation or a civil servant.

    The auth model from the very first migration (AUTH_USER_MODEL = "accounts.User"). An organisation is
    an account of its own (kind = organisation, with a tax code): its members are person accounts that
    act for it (accounts.OrganisationMember). ID number, tax code, phone and email are each unique when
    present, so one person or organisation never ends up with two accounts.
    """

    kind = models.CharField(
        _("loại tài khoản"), max_length=20, choices=AccountKind, default=AccountKind.CITIZEN
    )
    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    id_number = models.CharField(
        _("số định danh cá nhân (CCCD)"),
        max_length=12,
        blank=True,
        default="",
        validators=[identifiers.validate_id_number],
    )
    tax_code = models.CharField(
        _("mã số thuế"),
        max_length=13,
        blank=True,
        default="",
        validators=[identifiers.validate_tax_code],
    )
    phone = models.CharField(
        _("số điện thoại"),
        max_length=15,
        blank=True,
        default="",
        validators=[identifiers.validate_phone],
    )
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    email_verified_at = models.DateTimeField(_("xác minh thư điện tử lúc"), null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("xác minh số điện thoại lúc"), null=True, blank=True)
    assurance_level = models.CharField(
        _("mức định danh"),
        max_length=12,
        choices=AssuranceLevel,
        default=AssuranceLevel.UNVERIFIED,
    )
    assurance_source = models.CharField(
        _("nguồn xác thực"), max_length=20, choices=AssuranceSource, blank=True, default=""
    )
    assurance_verified_at = models.DateTimeField(_("xác thực lúc"), null=True, blank=True)
    consent_given_at = models.DateTimeField(
        _("đồng ý xử lý dữ liệu cá nhân lúc"), null=True, blank=True
    )
    consent_version = models.CharField(_("phiên bản điều khoản"), max_length=20, blank=True)
    deletion_requested_at = models.DateTimeField(
        _("yêu cầu xóa tài khoản lúc"), null=True, blank=True
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="user_unique_id_number"
            ),
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="user_unique_tax_code"
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=~Q(phone=""), name="user_unique_phone"
            ),
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="user_unique_email_ci"
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name()

    def clean(self):
        super().clean()
        self.id_number = identifiers.normalize_id_number(self.id_number)
        self.tax_code = identifiers.normalize_tax_code(self.tax_code)
        self.phone = identifiers.normalize_phone(self.phone)
        if self.email:
            self.email = self.email.strip().lower()
        if self.id_number and self.date_of_birth:
            identifiers.validate_id_number(self.id_number, self.date_of_birth)

    # --- kinds -------------------------------------------------------------------------------------
    @property
    def is_citizen(self):
        return self.kind == AccountKind.CITIZEN

    @property
    def is_organisation(self):
        return self.kind == AccountKind.ORGANISATION

    @property
    def is_staff_member(self):
        """A civil servant (kind staff) or a system admin: the accounts that must use a second factor."""
        return self.kind == AccountKind.STAFF or self.is_superuser

    # --- identity ----------------------------------------------------------------------------------
    @property
    def masked_id_number(self):
        return identifiers.mask_id_number(self.id_number)

    @property
    def masked_phone(self):
        return identifiers.mask_phone(self.phone)

    @property
    def display_tax_code(self):
        return identifiers.format_tax_code(self.tax_code)

    def has_assurance(self, level) -> bool:
        return (
            ASSURANCE_ORDER[AssuranceLevel(self.assurance_level)]
            >= ASSURANCE_ORDER[AssuranceLevel(level)]
        )

    def raise_assurance(self, level, source, save=True):
        """Record a verification; never lowers the level already reached."""
        if (
            ASSURANCE_ORDER[AssuranceLevel(level)]
            > ASSURANCE_ORDER[AssuranceLevel(self.assurance_level)]
        ):
            self.assurance_level = level
            self.assurance_source = source
            self.assurance_verified_at = timezone.now()
            if save:
                self.save(
                    update_fields=["assurance_level", "assurance_source", "assurance_verified_at"]
                )

    # --- staff roles (accounts.Membership) ----------------------------------------------------------
    def active_memberships(self):
        """This user's active memberships with their agencies, loaded once per user object."""
        if not hasattr(self, "_active_memberships_cache"):
            from accounts.models.membership import Membership

            self._active_memberships_cache = (
                list(Membership.objects.active().filter(user=self).select_related("agency"))
                if self.pk and self.is_active
                else []
            )
        return self._active_memberships_cache

    def roles_in(self, agency, inherited=True) -> set[str]:
        """Roles held in ``agency``; with ``inherited``, also roles held in an agency above it (a
        membership reaches the agency's descendant units)."""
        roles = set()
        for membership in self.active_memberships():
            if membership.agency_id == agency.pk or (
                inherited and agency.path.startswith(membership.agency.path)
            ):
                roles.add(membership.role)
        return roles

    def has_role(self, agency, *roles, inherited=True) -> bool:
        return bool(self.roles_in(agency, inherited=inherited) & set(roles))
