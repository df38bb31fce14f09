"""Forms of the public catalogue (GET filters, shareable URLs) and of the staff import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from procedures.models import Agency, OnlineLevel, Sector
from procedures.models.catalogue import GovernmentLevel
from procedures.search import MAX_QUERY_LENGTH


class CatalogueFilterForm(forms.Form):
    """The catalogue's search box and filters. Parameter names are short Vietnamese slugs."""

    q = forms.CharField(
        label=_("Tìm thủ tục"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Từ khóa tìm kiếm quá dài (tối đa %(limit_value)d ký tự).")
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: dang ky khai sinh hoặc 1.001193")}
        ),
    )
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        required=False,
        queryset=Sector.objects.filter(is_active=True).order_by("name"),
        to_field_name="code",
        empty_label=_("Tất cả lĩnh vực"),
    )
    co_quan = forms.ModelChoiceField(
        label=_("Cơ quan thực hiện"),
        required=False,
        queryset=Agency.objects.active().order_by("path"),
        to_field_name="code",
        empty_label=_("Tất cả cơ quan"),
    )
    cap = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        required=False,
        choices=[("", _("Tất cả các cấp")), *GovernmentLevel.choices],
    )
    muc_do = forms.ChoiceField(
        label=_("Mức độ trực tuyến"),
        required=False,
        choices=[("", _("Tất cả")), *OnlineLevel.choices],
    )
    phi = forms.ChoiceField(
        label=_("Phí, lệ phí"),
        required=False,
        choices=[("", _("Tất cả")), ("co", _("Có thu phí, lệ phí")), ("khong", _("Không thu"))],
    )

    def search_kwargs(self):
        data = self.cleaned_data
        return {
            "query": data.get("q", ""),
            "sector": data.get("linh_vuc"),
            "agency": data.get("co_quan"),
            "level": data.get("cap") or None,
            "online_level": data.get("muc_do") or None,
            "has_fee": {"co": True, "khong": False}.get(data.get("phi") or ""),
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh mục (XLSX hoặc CSV)"),
        help_text=_("Theo bố cục cột mô tả trong docs/catalogue-import.md; tối đa 5 MB."),
    )
    owner_agency = forms.ModelChoiceField(
        label=_("Cơ quan quản lý danh mục"),
        queryset=Agency.objects.active().order_by("path"),
        help_text=_("Các thủ tục mới nhập thuộc quản lý của cơ quan này."),
    )
    apply = forms.BooleanField(
        label=_("Áp dụng thật (bỏ chọn để chạy thử)"), required=False, initial=False
    )
