"""A working calendar per agency, and the days each year's announcements change.

Counters that work Saturday mornings declare it here (``saturday_morning_reception`` with the hours of
that half day); an override can make any date morning-only, or cancel one Saturday morning (a day off).
Half days count their hours for working-hour limits, never as working days (docs/adr/0018).

Days off are: the calendar's weekend days; Vietnam's public holidays, solar and lunar, from the
``holidays`` package (which also knows the observed days and the announced swaps it ships with); then the
overrides an administrator records for each year's announced swaps (a weekday off, a Saturday worked).
An agency calendar also inherits the default calendar's overrides, since swaps are announced nationally.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkingCalendarQuerySet(models.QuerySet):
    def default(self):
        return self.filter(is_default=True).first()


class WorkingCalendar(models.Model):
    """Working days and hours of one agency (or the portal's default calendar)."""

    name = models.CharField(_("tên lịch"), max_length=200)
    agency = models.OneToOneField(
        "procedures.Agency",
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_calendar",
        help_text=_(
            "Để trống: lịch chung. Đơn vị cấp dưới không có lịch riêng dùng lịch của đơn vị cấp trên."
        ),
    )
    is_default = models.BooleanField(
        _("lịch mặc định"),
        default=False,
        help_text=_("Dùng cho mọi cơ quan chưa có lịch riêng. Chỉ có một lịch mặc định."),
    )
    saturday_is_day_off = models.BooleanField(_("nghỉ thứ Bảy"), default=True)
    sunday_is_day_off = models.BooleanField(_("nghỉ Chủ nhật"), default=True)
    use_national_holidays = models.BooleanField(
        _("áp dụng ngày lễ, Tết quốc gia"),
        default=True,
        help_text=_(
            "Ngày lễ dương lịch và âm lịch (Tết Nguyên đán, Giỗ Tổ Hùng Vương) theo Bộ luật Lao động."
        ),
    )
    inherit_default_overrides = models.BooleanField(
        _("áp dụng ngày hoán đổi của lịch mặc định"),
        default=True,
        help_text=_("Ngày nghỉ bù, ngày làm bù công bố chung cho cả nước, ghi ở lịch mặc định."),
    )
    morning_start = models.TimeField(_("giờ bắt đầu buổi sáng"), default=dt.time(7, 30))
    morning_end = models.TimeField(_("giờ kết thúc buổi sáng"), default=dt.time(11, 30))
    afternoon_start = models.TimeField(_("giờ bắt đầu buổi chiều"), default=dt.time(13, 0))
    afternoon_end = models.TimeField(_("giờ kết thúc buổi chiều"), default=dt.time(17, 0))
    cutoff = models.TimeField(
        _("giờ chốt tiếp nhận trong ngày"),
        default=dt.time(15, 0),
        help_text=_(
            "Hồ sơ tiếp nhận sau giờ này được tính từ ngày làm việc tiếp theo "
            "(Nghị định 61/2018 điều 18; Nghị định 118/2025)."
        ),
    )
    saturday_morning_reception = models.BooleanField(
        _("làm việc sáng thứ Bảy"),
        default=False,
        help_text=_(
            "Bộ phận Một cửa làm việc sáng thứ Bảy (nửa ngày). Giờ của buổi sáng này được tính vào thời hạn "
            "theo giờ làm việc (như 8 giờ làm việc trả lời hồ sơ trực tuyến, thời gian của từng bước xử lý); "
            "thứ Bảy không thành ngày làm việc khi tính thời hạn theo ngày: hồ sơ nhận sáng thứ Bảy được "
            "tính như nhận vào ngày làm việc tiếp theo, hạn không rơi vào thứ Bảy."
        ),
    )
    saturday_morning_start = models.TimeField(_("giờ bắt đầu sáng thứ Bảy"), default=dt.time(7, 30))
    saturday_morning_end = models.TimeField(_("giờ kết thúc sáng thứ Bảy"), default=dt.time(11, 30))
    # Bumped on every change of the calendar or its overrides: the key of the cached index.
    revision = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = WorkingCalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch làm việc")
        verbose_name_plural = _("lịch làm việc")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="portal_one_default_calendar",
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(agency__isnull=True),
                name="portal_default_calendar_has_no_agency",
            ),
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="portal_calendar_sessions_in_order",
            ),
            models.CheckConstraint(
                condition=Q(saturday_morning_start__lt=F("saturday_morning_end")),
                name="portal_calendar_half_day_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk:
            self.revision = (self.revision or 0) + 1
        super().save(*args, **kwargs)
        if self.is_default:
            # Agency calendars inherit the default calendar's overrides: their indexes are stale too.
            touch_calendars(WorkingCalendar.objects.exclude(pk=self.pk))

    def clean(self):
        errors = {}
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            errors["afternoon_end"] = _(
                "Giờ làm việc phải theo thứ tự: bắt đầu sáng < kết thúc sáng ≤ bắt đầu chiều < kết thúc chiều."
            )
        if self.is_default and self.agency_id:
            errors["agency"] = _("Lịch mặc định không gắn với một cơ quan.")
        if not (self.morning_start <= self.cutoff <= self.afternoon_end):
            errors["cutoff"] = _("Giờ chốt tiếp nhận phải nằm trong giờ làm việc.")
        if not (self.saturday_morning_start < self.saturday_morning_end):
            errors["saturday_morning_end"] = _("Giờ kết thúc sáng thứ Bảy phải sau giờ bắt đầu.")
        if errors:
            raise ValidationError(errors)

    @property
    def weekend(self) -> frozenset[int]:
        """Weekday numbers (Monday = 0) that are days off."""
        days = set()
        if self.saturday_is_day_off:
            days.add(5)
        if self.sunday_is_day_off:
            days.add(6)
        return frozenset(days)

    @property
    def cache_key(self) -> tuple:
        """What the cached index depends on (docs/adr/0005)."""
        if self.pk:
            return ("db", self.pk, self.revision)
        return (
            "unsaved",
            self.weekend,
            self.use_national_holidays,
            self.morning_start,
            self.morning_end,
            self.afternoon_start,
            self.afternoon_end,
            self.cutoff,
            self.saturday_morning_reception,
            self.saturday_morning_start,
            self.saturday_morning_end,
        )


def touch_calendars(queryset):
    """Mark calendars as changed so that every process rebuilds their index on next use."""
    queryset.update(revision=F("revision") + 1, updated_at=timezone.now())


class CalendarOverride(models.Model):
    """One day whose status differs from the rule: an announced weekday off or a Saturday worked."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("ngày nghỉ")
        WORKING_DAY = "working_day", _("ngày làm việc")
        # Worked in the morning only (the calendar's Saturday-morning hours): its hours count, the day
        # does not (docs/adr/0018).
        MORNING = "morning", _("chỉ làm việc buổi sáng")

    calendar = models.ForeignKey(
        WorkingCalendar, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("lịch")
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    reason = models.CharField(
        _("lý do"), max_length=255, help_text=_("Ví dụ: Nghỉ bù Tết Nguyên đán, làm bù ngày 02/05.")
    )
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản công bố, ví dụ: Thông báo của Bộ Nội vụ về lịch nghỉ Tết."),
    )

    class Meta:
        verbose_name = _("ngày điều chỉnh")
        verbose_name_plural = _("ngày điều chỉnh")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"], name="portal_one_override_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}: {self.reason}"


@receiver([post_save, post_delete], sender=CalendarOverride)
def _override_changed(sender, instance, **kwargs):
    """Any change of an override (admin inline, bulk delete, cascade) invalidates the cached index."""
    calendars = WorkingCalendar.objects.filter(pk=instance.calendar_id)
    if calendars.filter(is_default=True).exists():
        calendars = WorkingCalendar.objects.all()
    touch_calendars(calendars)
    cached = instance._state.fields_cache.get("calendar")
    if cached is not None:
        cached.revision += 1  # the caller's instance now keys a fresh index too
