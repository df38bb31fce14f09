from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles in an agency; the same values as procedures.ProcessStep.Role."""

    RECEIVING_OFFICER = "receiving_officer", _("Cán bộ tiếp nhận")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    LEADER = "leader", _("Lãnh đạo")
    AGENCY_ADMIN = "agency_admin", _("Quản trị đơn vị")


class MembershipQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=at),
            started_at__lte=at,
            user__is_active=True,
            agency__is_active=True,
        )

    def with_role(self, *roles):
        return self.filter(role__in=roles)

    def in_agencies(self, agencies):
        return self.filter(agency__in=agencies)


class Membership(models.Model):
    """A civil servant's role in an agency or unit (user × agency × role). A person may hold several
    roles in several units; each membership can be ended without losing its history.

    A membership in an agency also reaches that agency's descendant units (see
    accounts.permissions.visible_agencies)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("cán bộ"),
    )
    agency = models.ForeignKey(
        "procedures.Agency",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("cơ quan, đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role)
    title = models.CharField(_("chức danh"), max_length=150, blank=True)
    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = _("phân công cán bộ")
        ordering = ["agency__path", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(ended_at__isnull=True),
                name="membership_unique_open_role",
            ),
        ]
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.agency}"

    @property
    def is_active(self):
        now = timezone.now()
        return self.started_at <= now and (self.ended_at is None or self.ended_at > now)


class PersonalDataAccess(models.Model):
    """Who opened whose personal data, when and why (Decree 13/2023: a log of processing)."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người xem"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_accesses",
        verbose_name=_("chủ thể dữ liệu"),
    )
    accessed_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    what = models.CharField(_("dữ liệu"), max_length=200)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.viewer} → {self.subject} ({self.what})"
