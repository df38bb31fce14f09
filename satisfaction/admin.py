"""Admin: survey forms (versioned), the index scheme with its groups and indicators, the fact log."""

from django.contrib import admin

from satisfaction.models import (
    FactRefresh,
    IndexGroup,
    IndexIndicator,
    IndexScheme,
    IndexScore,
    IndexScoreLine,
    SurveyForm,
    SurveyQuestion,
)


class SurveyQuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0
    fields = ["order", "code", "aspect", "text_vi", "text_en", "required"]


@admin.register(SurveyForm)
class SurveyFormAdmin(admin.ModelAdmin):
    list_display = ["title_vi", "code", "version", "status", "created_at"]
    list_filter = ["status"]
    inlines = [SurveyQuestionInline]


class IndexGroupInline(admin.TabularInline):
    model = IndexGroup
    extra = 0
    fields = ["order", "code", "name_vi", "name_en", "max_points", "source_note"]


@admin.register(IndexScheme)
class IndexSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    inlines = [IndexGroupInline]


class IndexIndicatorInline(admin.TabularInline):
    model = IndexIndicator
    extra = 0
    fields = [
        "order",
        "code",
        "name_vi",
        "metric",
        "max_points",
        "when_no_data",
        "source_note",
        "is_active",
    ]


@admin.register(IndexGroup)
class IndexGroupAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "scheme", "max_points"]
    list_filter = ["scheme"]
    inlines = [IndexIndicatorInline]


class IndexScoreLineInline(admin.TabularInline):
    model = IndexScoreLine
    extra = 0
    readonly_fields = ["indicator", "numerator", "denominator", "points", "no_data"]
    can_delete = False


@admin.register(IndexScore)
class IndexScoreAdmin(admin.ModelAdmin):
    list_display = ["agency", "month", "total", "band", "computed_at"]
    list_filter = ["scheme", "month"]
    readonly_fields = ["scheme", "agency", "month", "total", "band", "groups", "computed_at"]
    inlines = [IndexScoreLineInline]


@admin.register(FactRefresh)
class FactRefreshAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "duration_ms", "error"]
    readonly_fields = ["started_at", "finished_at", "duration_ms", "rows", "error"]
