"""Forms of the staff pages. Each action form carries the dossier ``version`` it was built from, so
a form submitted after someone else acted is refused (services.base.DossierChanged)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.models import Channel, Delivery, State
from dossiers.queries import QueueTab
from portal.selects import filter_selects

SORTS = {
    "han": ("due_at", _("Hạn xử lý gần nhất")),
    "moi": ("-submitted_at", _("Mới nộp nhất")),
    "cu": ("submitted_at", _("Nộp sớm nhất")),
}


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo mã hồ sơ, tên hoặc số giấy tờ"), required=False, max_length=100
    )
    thu_tuc = forms.TypedChoiceField(
        label=_("Thủ tục"), required=False, coerce=int, empty_value=None
    )
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False)
    han = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[("", _("Tất cả")), ("sap-den-han", _("Sắp đến hạn")), ("qua-han", _("Quá hạn"))],
    )
    sap_xep = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[(k, v[1]) for k, v in SORTS.items()],
    )

    def __init__(self, *args, procedures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thu_tuc"].choices = [("", _("Tất cả thủ tục")), *list(procedures)]
        self.fields["trang_thai"].choices = [("", _("Tất cả trạng thái"))] + [
            (s, label) for s, label in State.choices if s != State.DRAFT
        ]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "input")
        self.fields["q"].widget.input_type = "search"

    def filter_selects(self):
        """The filters' <select> elements (portal.selects): the procedure list alone can hold 500
        options, which Django's widget templates render slower than the queue's queries run."""
        return filter_selects(self, css_class="input")


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(VersionForm):
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonsForm(VersionForm):
    reasons = forms.CharField(
        label=_("Lý do (mỗi lý do một dòng)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Phải nêu rõ lý do.")},
    )


class SupplementForm(VersionForm):
    """Up to five items; each needs what is missing and why."""

    ROWS = 5
    message = forms.CharField(
        label=_("Hướng dẫn chung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reply_by = forms.DateField(
        label=_("Hạn bổ sung"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, components=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— Khác —"))] + [(c.pk, c.name) for c in components]
        for i in range(1, self.ROWS + 1):
            self.fields[f"component_{i}"] = forms.TypedChoiceField(
                label=_("Giấy tờ %(n)s") % {"n": i},
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
            )
            self.fields[f"content_{i}"] = forms.CharField(
                label=_("Nội dung cần bổ sung %(n)s") % {"n": i}, required=False, max_length=500
            )
            self.fields[f"reason_{i}"] = forms.CharField(
                label=_("Lý do %(n)s") % {"n": i}, required=False, max_length=1000
            )
        self._names = {c.pk: c.name for c in components}

    def clean(self):
        data = super().clean()
        items = []
        for i in range(1, self.ROWS + 1):
            component = data.get(f"component_{i}")
            content = (data.get(f"content_{i}") or "").strip() or self._names.get(component, "")
            reason = (data.get(f"reason_{i}") or "").strip()
            if not content and not reason:
                continue
            if not reason:
                self.add_error(f"reason_{i}", _("Phải nêu lý do."))
            if not content:
                self.add_error(f"content_{i}", _("Phải nêu giấy tờ cần bổ sung."))
            items.append({"content": content, "reason": reason, "component_id": component})
        if not items:
            raise forms.ValidationError(
                _("Phải liệt kê ít nhất một nội dung cần bổ sung, kèm lý do.")
            )
        data["items"] = items
        return data


class TransferForm(VersionForm):
    unit = forms.TypedChoiceField(label=_("Chuyển đến đơn vị"), coerce=int)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class AssignForm(VersionForm):
    specialist = forms.TypedChoiceField(label=_("Chuyên viên xử lý"), coerce=int)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].choices = [(u.pk, str(u)) for u in people]


class PaymentForm(VersionForm):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    description = forms.CharField(label=_("Nội dung khoản phải nộp"), max_length=500)


class CounterPaymentForm(VersionForm):
    payment = forms.IntegerField(widget=forms.HiddenInput)
    receipt_number = forms.CharField(label=_("Số biên lai"), max_length=60)


class PartnerForm(VersionForm):
    partner = forms.TypedChoiceField(label=_("Cơ quan phối hợp"), coerce=int)
    budget_hours = forms.DecimalField(
        label=_("Thời gian phối hợp (giờ làm việc)"), min_value=1, max_digits=6, decimal_places=1
    )
    note = forms.CharField(label=_("Nội dung đề nghị phối hợp"), required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(a.pk, a.name) for a in agencies]


class ResultForm(VersionForm):
    result_file = forms.FileField(
        label=_("Tệp kết quả đã ký số (PDF)"),
        error_messages={"required": _("Phải tải lên tệp kết quả đã ký.")},
    )
    number = forms.CharField(label=_("Số, ký hiệu văn bản kết quả"), required=False, max_length=60)
    summary = forms.CharField(label=_("Trích yếu kết quả"), required=False, max_length=255)


class ReturnForm(VersionForm):
    tracking_number = forms.CharField(
        label=_("Số vận đơn (khi trả qua bưu chính)"), required=False, max_length=60
    )
    note = forms.CharField(label=_("Ghi chú"), required=False)


class ExtendForm(VersionForm):
    """The new appointment: a number of working days counted on the agency's calendar, or a date."""

    working_days = forms.IntegerField(
        label=_("Gia hạn thêm (số ngày làm việc)"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Tính theo lịch làm việc của cơ quan, không tính ngày nghỉ, ngày lễ."),
    )
    new_due = forms.DateField(
        label=_("hoặc ngày hẹn trả mới"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Ngày nghỉ được chuyển sang ngày làm việc tiếp theo."),
    )
    reason = forms.CharField(
        label=_("Lý do chậm trễ"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Phải nêu lý do chậm trễ.")},
    )

    def clean(self):
        data = super().clean()
        days, date = data.get("working_days"), data.get("new_due")
        if days is None and date is None and not self.has_error("working_days"):
            raise forms.ValidationError(_("Phải nhập ngày hẹn mới hoặc số ngày làm việc gia hạn."))
        if days is not None and date is not None:
            raise forms.ValidationError(
                _("Chỉ nhập ngày hẹn mới hoặc số ngày làm việc gia hạn, không cả hai.")
            )
        return data


class InternalNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Ghi chú cho cán bộ khác"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CounterIntakeForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("Cơ quan tiếp nhận"), coerce=int)
    applicant_name = forms.CharField(label=_("Họ tên người yêu cầu / tên tổ chức"), max_length=255)
    applicant_is_organisation = forms.BooleanField(
        label=_("Là tổ chức, doanh nghiệp"), required=False
    )
    applicant_id_number = forms.CharField(
        label=_("Số định danh cá nhân / mã số thuế"), required=False, max_length=20
    )
    applicant_address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=500)
    applicant_phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.COUNTER, Channel.COUNTER.label), (Channel.POST, Channel.POST.label)],
    )
    inbound_tracking_number = forms.CharField(
        label=_("Số vận đơn hồ sơ gửi đến (nếu nộp qua bưu chính)"), required=False, max_length=60
    )
    paper_sets = forms.IntegerField(label=_("Số bộ hồ sơ"), min_value=1, max_value=20, initial=1)
    delivery = forms.ChoiceField(label=_("Hình thức nhận kết quả"), choices=Delivery.choices)
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"), required=False, max_length=500
    )

    def __init__(self, *args, agencies=(), components=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        self.components = list(components)
        for c in self.components:
            self.fields[f"scan_{c.pk}"] = forms.FileField(
                label=_("Bản số hóa: %(name)s") % {"name": c.name}, required=False
            )

    def clean(self):
        data = super().clean()
        if (
            data.get("delivery") == Delivery.POST
            and not (data.get("delivery_address") or "").strip()
        ):
            self.add_error("delivery_address", _("Phải nhập địa chỉ nhận kết quả qua bưu chính."))
        return data


class TrackingBookForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("Cơ quan"), coerce=int)
    start = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


TAB_LABELS = {
    QueueTab.INTAKE: _("Chờ tiếp nhận"),
    QueueTab.MINE: _("Việc của tôi"),
    QueueTab.UNIT: _("Hồ sơ của đơn vị"),
    QueueTab.APPROVAL: _("Chờ phê duyệt"),
    QueueTab.RETURN: _("Chờ trả kết quả"),
    QueueTab.WAITING: _("Chờ công dân"),
    QueueTab.DUE_SOON: _("Sắp đến hạn"),
    QueueTab.OVERDUE: _("Quá hạn"),
    QueueTab.CLOSED: _("Đã kết thúc"),
}
