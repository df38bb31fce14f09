"""What happened to a dossier: the log (nhật ký hồ sơ), the internal process steps (the process
control slip reads them), and notes between officers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.models.states import NationalStatus, State


class DossierEvent(models.Model):
    """One line of the dossier's log. Append-only; written by ``services.base.append_event`` in the
    same transaction as the change it records. Also the source of the status feed to partners."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    action = models.CharField(_("thao tác"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thay mặt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    status_code = models.PositiveSmallIntegerField(
        _("mã trạng thái quốc gia"), choices=NationalStatus.choices, null=True, blank=True
    )
    unit = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    due_at = models.DateTimeField(_("hạn tại thời điểm"), null=True, blank=True)
    is_public = models.BooleanField(
        _("công dân xem được"), default=True, help_text=_("Ghi chú nội bộ thì không.")
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký hồ sơ")
        verbose_name_plural = _("nhật ký hồ sơ")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["dossier", "at"], name="dossier_event_dossier_at"),
            models.Index(fields=["at", "id"], name="dossier_event_feed"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class StepResult(models.TextChoices):
    BEFORE = "before", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class DossierStep(models.Model):
    """One handover along the internal process: who received the dossier, in which unit, when it was
    due and when it was handed on. A row of the process control slip (phiếu kiểm soát)."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="steps")
    process_step = models.ForeignKey(
        "procedures.ProcessStep",
        verbose_name=_("bước quy trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("nội dung công việc"), max_length=500)
    role = models.CharField(_("vai trò"), max_length=30, blank=True)
    unit = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("nhận lúc"))
    due_at = models.DateTimeField(_("hạn"), null=True, blank=True)
    budget_hours = models.DecimalField(
        _("thời gian (giờ làm việc)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    handed_over_at = models.DateTimeField(_("chuyển tiếp lúc"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=10, choices=StepResult.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Set by the deadline scan (portal/deadlines/scan.py) when it told the holder; cleared whenever the
    # step's due time moves (the clock resumed after a pause), so a new due time is checked again.
    due_soon_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["dossier", "received_at", "pk"]
        indexes = [
            # The deadline scan: running steps not yet told, by due time (docs/adr/0009). Each mark
            # takes a step out of its index, so a scan that finds nothing reads (almost) nothing.
            models.Index(
                fields=["due_at"],
                condition=models.Q(
                    handed_over_at__isnull=True,
                    due_at__isnull=False,
                    overdue_notified_at__isnull=True,
                ),
                name="dossier_step_overdue_scan",
            ),
            models.Index(
                fields=["due_at"],
                condition=models.Q(
                    handed_over_at__isnull=True,
                    due_at__isnull=False,
                    due_soon_notified_at__isnull=True,
                ),
                name="dossier_step_due_soon_scan",
            ),
        ]

    def __str__(self):
        return self.name


class Note(models.Model):
    """A note between officers on a dossier; never shown to the applicant."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ghi chú nội bộ")
        verbose_name_plural = _("ghi chú nội bộ")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]
