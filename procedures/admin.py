"""Django admin for the catalogue: inlines for components, fees and internal process steps; preview as
the public sees it; publish, withdraw and "new version" actions behind a confirmation page; import and
export of the catalogue spreadsheet. Writes of state go through ``procedures.services``."""

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from procedures import services
from procedures.forms import ImportForm
from procedures.models import (
    Agency,
    CatalogueChange,
    DossierComponent,
    Fee,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from procedures.permissions import can_publish, publishable_agencies


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("code", "name", "short_name", "search_text")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "is_active")
    search_fields = ("code", "name", "search_text")


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ("number", "name", "status", "effective_date")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    inlines = [VersionInline]

    def get_queryset(self, request):
        """Agency admins: the procedures their agencies own a version of, and new ones without any
        version yet (the autocomplete of a new draft needs them)."""
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        owned = ProcedureVersion.objects.filter(
            procedure=OuterRef("pk"), owner_agency__in=publishable_agencies(request.user)
        )
        anyone = ProcedureVersion.objects.filter(procedure=OuterRef("pk"))
        return qs.filter(Exists(owned) | ~Exists(anyone))


class DraftOnlyInline:
    """Published, superseded and withdrawn versions are records: change them through a new version."""

    def _editable(self, obj):
        return obj is None or obj.status == VersionStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ComponentInline(DraftOnlyInline, admin.StackedInline):
    model = DossierComponent
    extra = 0
    fields = (
        ("order", "name"),
        ("form", "copies", "is_mandatory"),
        "condition",
        ("template", "template_name"),
        ("accepted_types", "max_size_mb"),
    )


class FeeInline(DraftOnlyInline, admin.TabularInline):
    model = Fee
    extra = 0
    fields = ("order", "kind", "description", "amount", "condition")


class StepInline(DraftOnlyInline, admin.TabularInline):
    model = ProcessStep
    extra = 0
    fields = ("order", "name", "unit", "unit_name", "role", "budget_hours")
    autocomplete_fields = ("unit",)


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ("procedure", "number", "name", "status", "online_level", "effective_date")
    list_filter = ("status", "online_level", "sector", "at_province_level", "at_commune_level")
    search_fields = ("procedure__code", "search_text")
    list_select_related = ("procedure",)
    autocomplete_fields = ("procedure", "sector", "owner_agency", "agencies")
    inlines = [ComponentInline, FeeInline, StepInline]
    actions = ["publish_action", "withdraw_action", "new_version_action"]
    readonly_fields = (
        "status",
        "preview_link",
        "published_at",
        "published_by",
        "withdrawn_at",
        "withdrawal_reason",
        "change_history",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("procedure", "number"),
                    "name",
                    ("status", "effective_date"),
                    "preview_link",
                    "decision_reference",
                    ("sector", "owner_agency"),
                    "agencies",
                )
            },
        ),
        (
            _lazy("Cấp và cách thức thực hiện"),
            {
                "fields": (
                    ("at_province_level", "at_district_level", "at_commune_level"),
                    ("channel_in_person", "channel_online", "channel_postal"),
                    ("online_level", "online_eligible", "required_assurance"),
                )
            },
        ),
        (
            _lazy("Nội dung thủ tục"),
            {
                "fields": (
                    ("processing_time", "processing_time_unit"),
                    "processing_time_note",
                    "steps_text",
                    ("for_citizens", "for_organisations"),
                    "applicants",
                    "result",
                    "conditions",
                    "legal_basis",
                    "fee_note",
                    "form_schema",
                )
            },
        ),
        (
            _lazy("Công bố"),
            {
                "fields": (
                    ("published_at", "published_by"),
                    ("withdrawn_at", "withdrawal_reason"),
                    "change_history",
                )
            },
        ),
    )

    # --- who sees what ------------------------------------------------------------------------
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        agencies = publishable_agencies(request.user)
        return qs.filter(owner_agency__in=agencies)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner_agency" and not request.user.is_superuser:
            kwargs["queryset"] = publishable_agencies(request.user).order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return can_publish(request.user, obj.owner_agency)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return can_publish(request.user, obj.owner_agency)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return [f.name for f in ProcedureVersion._meta.fields if f.editable] + [
                "agencies",
                *self.readonly_fields,
            ]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_lazy("Xem trước"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("procedures:preview", args=[obj.pk]),
            _("Xem như người dân thấy"),
        )

    @admin.display(description=_lazy("Nhật ký thay đổi"))
    def change_history(self, obj):
        if not obj or not obj.pk:
            return "—"
        rows = obj.changes.select_related("actor").order_by("-at")[:20]
        return format_html_join(
            "\n",
            "<p>{} — {} — {}</p>",
            ((f"{c.at:%d/%m/%Y %H:%M}", c.actor or "—", c.summary) for c in rows),
        )

    def save_model(self, request, obj, form, change):
        if not can_publish(request.user, obj.owner_agency):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        if change:
            services.record_change(
                request.user,
                "edit",
                _("Sửa phiên bản %(n)s: %(fields)s")
                % {"n": obj.number, "fields": ", ".join(form.changed_data) or "—"},
                version=obj,
                details={"fields": form.changed_data},
            )
        else:
            services.record_change(
                request.user, "create", _("Tạo phiên bản %(n)s.") % {"n": obj.number}, version=obj
            )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            services.record_change(
                request.user,
                "edit",
                _("Sửa %(what)s của phiên bản %(n)s.")
                % {"what": formset.model._meta.verbose_name_plural, "n": form.instance.number},
                version=form.instance,
            )

    # --- actions with confirmation ------------------------------------------------------------
    def _confirm(self, request, queryset, action, title, extra_field=None):
        return TemplateResponse(
            request,
            "admin/procedures/confirm_action.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "queryset": queryset,
                "action": action,
                "extra_field": extra_field,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "today": dt.date.today().isoformat(),
            },
        )

    def _run(self, request, queryset, fn, done_message):
        done = 0
        for version in queryset:
            try:
                fn(version)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                problems = getattr(error, "messages", None) or [str(error)]
                self.message_user(
                    request,
                    _("%(version)s: %(problems)s")
                    % {"version": version, "problems": " ".join(problems)},
                    messages.ERROR,
                )
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_lazy("Công bố các phiên bản đã chọn"))
    def publish_action(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            return self._confirm(
                request, queryset, "publish_action", _("Công bố thủ tục"), "effective_date"
            )
        effective = None
        if request.POST.get("effective_date"):
            try:
                effective = dt.date.fromisoformat(request.POST["effective_date"])
            except ValueError:
                self.message_user(request, _("Ngày hiệu lực không hợp lệ."), messages.ERROR)
                return None
        self._run(
            request,
            queryset,
            lambda v: services.publish(v, request.user, effective),
            _("Đã công bố %(n)s phiên bản."),
        )
        return None

    @admin.action(description=_lazy("Bãi bỏ các phiên bản đã chọn"))
    def withdraw_action(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            return self._confirm(
                request, queryset, "withdraw_action", _("Bãi bỏ thủ tục"), "reason"
            )
        reason = request.POST.get("reason", "")
        self._run(
            request,
            queryset,
            lambda v: services.withdraw(v, request.user, reason),
            _("Đã bãi bỏ %(n)s phiên bản."),
        )
        return None

    @admin.action(description=_lazy("Tạo phiên bản mới (dự thảo) từ các thủ tục đã chọn"))
    def new_version_action(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            return self._confirm(request, queryset, "new_version_action", _("Tạo phiên bản mới"))
        procedures = {v.procedure_id: v.procedure for v in queryset.select_related("procedure")}
        done = 0
        for procedure in procedures.values():
            try:
                services.new_version(procedure, request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                problems = getattr(error, "messages", None) or [str(error)]
                self.message_user(
                    request, f"{procedure.code}: {' '.join(problems)}", messages.ERROR
                )
        if done:
            self.message_user(
                request, _("Đã tạo %(n)s phiên bản dự thảo.") % {"n": done}, messages.SUCCESS
            )
        return None

    # --- import and export --------------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "nhap-danh-muc/",
                self.admin_site.admin_view(self.import_view),
                name="procedures_import",
            ),
            path(
                "xuat-danh-muc/",
                self.admin_site.admin_view(self.export_view),
                name="procedures_export",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        from procedures.importing import ImportFileError, import_catalogue

        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None)
        form.fields["owner_agency"].queryset = publishable_agencies(request.user).order_by("path")
        if request.method == "POST" and form.is_valid():
            agency = form.cleaned_data["owner_agency"]
            if not can_publish(request.user, agency):
                form.add_error("owner_agency", _("Bạn không quản trị cơ quan này."))
            else:
                upload = form.cleaned_data["file"]
                try:
                    report = import_catalogue(
                        upload.read(),
                        upload.name,
                        owner_agency=agency,
                        user=request.user,
                        apply=form.cleaned_data["apply"],
                    )
                except ImportFileError as error:
                    form.add_error("file", str(error))
        return TemplateResponse(
            request,
            "admin/procedures/import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Nhập danh mục thủ tục"),
                "form": form,
                "report": report,
                "opts": self.model._meta,
            },
        )

    def export_view(self, request):
        from procedures.importing import export_catalogue

        fmt = request.GET.get("format", "xlsx")
        content, content_type, filename = export_catalogue(self.get_queryset(request), fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(CatalogueChange)
class CatalogueChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "procedure", "summary")
    list_filter = ("action",)
    search_fields = ("procedure__code", "summary")
    list_select_related = ("actor", "procedure")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(version__owner_agency__in=publishable_agencies(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
