"""Complaints and suggestions (phản ánh, kiến nghị) about a dossier or a service.

Submitted by a signed-in citizen, assigned to the agency concerned, answered within a number of working
days counted by the working-day engine; the answer is published only when the citizen agreed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComplaintQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def open(self):
        return self.filter(status=Complaint.Status.OPEN)

    def of_citizen(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(submitted_by=user)

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Phản ánh")
        SUGGESTION = "suggestion", _("Kiến nghị")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")
        WITHDRAWN = "withdrawn", _("Đã rút")

    code = models.CharField(_("mã phản ánh"), max_length=30, unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan xử lý"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    publish_consent = models.BooleanField(_("đồng ý công khai"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    due_at = models.DateTimeField(_("hạn trả lời"))
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="complaint_agency_queue"),
            models.Index(
                fields=["-published_at"],
                condition=Q(published_at__isnull=False),
                name="complaint_published",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(publish_consent=True, answered_at__isnull=False),
                name="complaint_published_only_with_consent",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.subject}"

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at <= self.due_at

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and timezone.now() > self.due_at
