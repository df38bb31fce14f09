"""Admin pages to edit working calendars, with a preview of the coming days off."""

import datetime as dt

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from portal.calendars.index import VN_TZ, index_for
from portal.calendars.models import CalendarOverride, WorkingCalendar
from portal.formatting import format_date

PREVIEW_DAYS = 120


class CalendarOverrideInline(admin.TabularInline):
    model = CalendarOverride
    extra = 1
    fields = ("date", "kind", "reason", "legal_basis")
    ordering = ("-date",)


def upcoming_days(calendar, today: dt.date, days: int = PREVIEW_DAYS):
    """Days off on working days (holidays, announced days off) and Saturdays/Sundays worked, ahead."""
    index = index_for(calendar)
    start = index.offset(today)
    lines = []
    for offset in range(start, min(start + days, index.size)):
        day = index.date(offset)
        weekend = day.weekday() in index.weekend
        if not index.work[offset] and index.seconds_on(offset):
            # A Saturday morning worked (or a morning-only date): its hours count, the day does not.
            lines.append((day, _morning_label(index), str(index.reason_off(offset))))
        elif not index.work[offset] and not weekend:
            lines.append((day, _("Nghỉ"), str(index.reason_off(offset))))
        elif index.work[offset] and weekend:
            lines.append((day, _("Làm việc"), str(index.worked_reasons.get(offset, ""))))
    return lines


def _morning_label(index) -> str:
    def hhmm(seconds):
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"

    return _("Làm việc buổi sáng %(start)s–%(end)s") % {
        "start": hhmm(index.h_open),
        "end": hhmm(index.h_close),
    }


@admin.register(WorkingCalendar)
class WorkingCalendarAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "agency",
        "is_default",
        "cutoff",
        "saturday_morning_reception",
        "updated_at",
    )
    list_filter = ("is_default", "use_national_holidays")
    search_fields = ("name", "agency__name", "agency__code")
    raw_id_fields = ("agency",)
    inlines = [CalendarOverrideInline]
    readonly_fields = ("upcoming_preview", "revision", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "agency", "is_default")}),
        (
            _("Ngày làm việc"),
            {
                "fields": (
                    "saturday_is_day_off",
                    "sunday_is_day_off",
                    "use_national_holidays",
                    "inherit_default_overrides",
                    "saturday_morning_reception",
                    "saturday_morning_start",
                    "saturday_morning_end",
                )
            },
        ),
        (
            _("Giờ làm việc"),
            {
                "fields": (
                    "morning_start",
                    "morning_end",
                    "afternoon_start",
                    "afternoon_end",
                    "cutoff",
                )
            },
        ),
        (_("Xem trước"), {"fields": ("upcoming_preview", "revision", "updated_at")}),
    )

    @admin.display(
        description=_("Ngày nghỉ, ngày làm bù và buổi sáng thứ Bảy làm việc sắp tới (120 ngày)")
    )
    def upcoming_preview(self, obj):
        if obj is None or obj.pk is None:
            return _("Lưu lịch để xem trước.")
        today = timezone.now().astimezone(VN_TZ).date()
        lines = upcoming_days(obj, today)
        if not lines:
            return _(
                "Không có ngày lễ, ngày hoán đổi hay buổi sáng thứ Bảy làm việc trong 120 ngày tới."
            )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((format_date(day), kind, reason) for day, kind, reason in lines),
        )
        return format_html(
            '<table class="calendar-preview"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Ngày"),
            _("Trạng thái"),
            _("Lý do"),
            rows,
        )
