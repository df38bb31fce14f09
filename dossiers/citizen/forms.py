from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import identifiers
from dossiers.eform import EForm, no_markup
from dossiers.models import Delivery


class DraftEForm(EForm):
    """The e-form while the draft is being filled: types are checked, required fields are not (they
    are at review and submission), so a half-filled draft can be saved and resumed."""

    def __init__(self, schema, *args, draft=True, **kwargs):
        super().__init__(schema, *args, **kwargs)
        if draft:
            for field in self.fields.values():
                field.required = False


class StartForm(forms.Form):
    applicant = forms.TypedChoiceField(label=_("Nộp hồ sơ cho"), coerce=int)
    agency = forms.TypedChoiceField(label=_("Cơ quan tiếp nhận"), coerce=int)

    def __init__(self, *args, applicants, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].choices = [(a.pk, str(a)) for a in applicants]
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        if len(applicants) <= 1:
            self.fields["applicant"].widget = forms.HiddenInput()
            self.fields["applicant"].initial = applicants[0].pk if applicants else None
        if len(agencies) <= 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies[0].pk if agencies else None


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(label=_("Hình thức nhận kết quả"), widget=forms.RadioSelect)
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"),
        required=False,
        max_length=500,
        validators=[no_markup],
    )
    applicant_phone = forms.CharField(
        label=_("Số điện thoại liên hệ"), required=False, max_length=15
    )
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False, max_length=254)
    applicant_address = forms.CharField(
        label=_("Địa chỉ liên hệ"), required=False, max_length=500, validators=[no_markup]
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = choices

    def clean_applicant_phone(self):
        value = identifiers.normalize_phone(self.cleaned_data.get("applicant_phone", ""))
        if value:
            identifiers.validate_phone(value)
        return value

    def clean(self):
        data = super().clean()
        if (
            data.get("delivery") == Delivery.POST
            and not (data.get("delivery_address") or "").strip()
        ):
            self.add_error(
                "delivery_address", _("Vui lòng nhập địa chỉ nhận kết quả qua bưu chính.")
            )
        return data


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        validators=[no_markup],
    )


class SupplementNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú gửi cơ quan (nếu có)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        validators=[no_markup],
    )


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=60)
    secret = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) / mã số thuế của người nộp, hoặc mã tra cứu (PIN)"),
        max_length=20,
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_secret(self):
        return identifiers.normalize_id_number(self.cleaned_data["secret"])


__all__ = [
    "DeliveryForm",
    "DraftEForm",
    "LookupForm",
    "StartForm",
    "SupplementNoteForm",
    "WithdrawalForm",
]
