from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActiveQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(
            Q(revoked_at__isnull=True) | Q(revoked_at__gt=at),
            Q(valid_until__isnull=True) | Q(valid_until__gt=at),
            valid_from__lte=at,
        )


class OrganisationMember(models.Model):
    """A person who acts for an organisation account (its legal representative or an authorised
    employee). Everything they do for it is recorded as done by them on behalf of the organisation."""

    class Role(models.TextChoices):
        LEGAL_REPRESENTATIVE = "legal_representative", _("Người đại diện theo pháp luật")
        MANAGER = "manager", _("Quản lý tài khoản tổ chức")
        MEMBER = "member", _("Nhân viên được giao nộp hồ sơ")

    organisation = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_members",
        limit_choices_to={"kind": "organisation"},
        verbose_name=_("tổ chức"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("thành viên"),
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role, default=Role.MEMBER)
    valid_from = models.DateTimeField(_("hiệu lực từ"), default=timezone.now)
    valid_until = models.DateTimeField(_("hiệu lực đến"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên tổ chức")
        verbose_name_plural = _("thành viên tổ chức")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "member"],
                condition=Q(revoked_at__isnull=True),
                name="orgmember_unique_active",
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.organisation} ({self.get_role_display()})"


class Representation(models.Model):
    """A person authorises another to act for them (ủy quyền): for every procedure or for listed
    procedure codes, until an expiry date, revocable at any time by the principal."""

    class Scope(models.TextChoices):
        ALL = "all", _("Mọi thủ tục")
        PROCEDURES = "procedures", _("Các thủ tục được liệt kê")

    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations_given",
        verbose_name=_("người ủy quyền"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations_received",
        verbose_name=_("người được ủy quyền"),
    )
    scope = models.CharField(_("phạm vi"), max_length=20, choices=Scope, default=Scope.ALL)
    procedure_codes = models.JSONField(_("mã thủ tục được ủy quyền"), default=list, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    valid_from = models.DateTimeField(_("hiệu lực từ"), default=timezone.now)
    valid_until = models.DateTimeField(_("hiệu lực đến"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(principal=models.F("agent")), name="representation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.agent} ← {self.principal}"

    def covers(self, procedure_code: str | None) -> bool:
        if self.scope == self.Scope.ALL:
            return True
        return procedure_code is not None and procedure_code in (self.procedure_codes or [])

    @property
    def is_active(self):
        now = timezone.now()
        return (
            self.valid_from <= now
            and (self.valid_until is None or self.valid_until > now)
            and (self.revoked_at is None or self.revoked_at > now)
        )
