"""Forms of the public catalogue (GET filters, shareable URLs) and of the staff import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.selects import filter_selects
from procedures import cache as catalogue_cache
from procedures.models import Agency, OnlineLevel, Sector
from procedures.models.catalogue import GovernmentLevel
from procedures.search import MAX_QUERY_LENGTH


def _choice_rows():
    """(sectors, agencies) as (pk, code, name) rows, in the order the selects list them."""

    def read():
        sectors = Sector.objects.filter(is_active=True).order_by("name")
        agencies = Agency.objects.active().order_by("path")
        return (
            list(sectors.values_list("pk", "code", "name")),
            list(agencies.values_list("pk", "code", "name")),
        )

    return catalogue_cache.remember("choices", (), read)


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
    # Sectors and agencies by code, from lists kept in the cache under the catalogue's version
    # (procedures.cache): the page does not read both tables on every search.
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan thực hiện"), required=False)
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sectors, agencies = _choice_rows()
        self.fields["linh_vuc"].choices = [
            ("", _("Tất cả lĩnh vực")),
            *((code, name) for _pk, code, name in sectors),
        ]
        self.fields["co_quan"].choices = [
            ("", _("Tất cả cơ quan")),
            *((code, name) for _pk, code, name in agencies),
        ]
        self._sector_ids = {code: pk for pk, code, _name in sectors}
        self._agency_ids = {code: pk for pk, code, _name in agencies}

    def filter_selects(self):
        """The filters' <select> elements (portal.selects): faster than a loop in the template."""
        return filter_selects(self)

    def search_kwargs(self):
        data = self.cleaned_data
        return {
            "query": data.get("q", ""),
            "sector": self._sector_ids.get(data.get("linh_vuc") or ""),
            "agency": self._agency_ids.get(data.get("co_quan") or ""),
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
