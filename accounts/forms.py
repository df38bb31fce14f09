"""Forms of the accounts pages. Messages are Vietnamese msgids (English in locale/en)."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import identifiers
from accounts.models import OneTimeCode, OrganisationMember, Representation, Role, User


class DateInput(forms.DateInput):
    input_type = "date"


class SignInForm(forms.Form):
    identifier = forms.CharField(
        label=_("Số định danh (CCCD), mã số thuế, thư điện tử hoặc số điện thoại"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _check_password_pair(form, cleaned, user=None):
    password1, password2 = cleaned.get("password1"), cleaned.get("password2")
    if password1 and password2 and password1 != password2:
        form.add_error("password2", _("Hai mật khẩu không khớp."))
    elif password1:
        try:
            password_validation.validate_password(password1, user)
        except ValidationError as error:
            form.add_error("password1", error)


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class RegistrationForm(PasswordPairMixin):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), widget=DateInput)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD, 12 chữ số)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    verify_by = forms.ChoiceField(
        label=_("Nhận mã xác thực qua"),
        choices=OneTimeCode.Channel.choices,
        initial=OneTimeCode.Channel.EMAIL,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cổng xử lý dữ liệu cá nhân của tôi nhằm giải quyết thủ tục hành chính, "
            "theo Nghị định 13/2023/NĐ-CP."
        ),
        error_messages={"required": _("Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để đăng ký.")},
    )

    field_order = [
        "full_name",
        "date_of_birth",
        "id_number",
        "email",
        "phone",
        "verify_by",
        "password1",
        "password2",
        "consent",
    ]

    duplicate = False  # set when the only problem is an existing account (the view answers 409)

    def clean_id_number(self):
        value = identifiers.normalize_id_number(self.cleaned_data["id_number"])
        identifiers.validate_id_number(value)
        return value

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean_phone(self):
        value = identifiers.normalize_phone(self.cleaned_data.get("phone") or "")
        if value:
            identifiers.validate_phone(value)
        return value

    def clean(self):
        cleaned = super().clean()
        id_number, dob = cleaned.get("id_number"), cleaned.get("date_of_birth")
        if id_number and dob:
            try:
                identifiers.validate_id_number(id_number, dob)
            except ValidationError as error:
                self.add_error("id_number", error)
        email, phone, verify_by = (
            cleaned.get("email"),
            cleaned.get("phone"),
            cleaned.get("verify_by"),
        )
        if verify_by == OneTimeCode.Channel.EMAIL and not email and "email" not in self.errors:
            self.add_error("email", _("Hãy nhập thư điện tử để nhận mã xác thực."))
        if verify_by == OneTimeCode.Channel.SMS and not phone and "phone" not in self.errors:
            self.add_error("phone", _("Hãy nhập số điện thoại di động để nhận mã xác thực."))
        self._check_existing(cleaned)
        probe = User(
            username=id_number or "",
            email=email or "",
            full_name=cleaned.get("full_name") or "",
        )
        _check_password_pair(self, cleaned, probe)
        return cleaned

    def _check_existing(self, cleaned):
        """One account per person: the ID number, email and phone must not belong to an account yet."""
        found = False
        if (
            cleaned.get("id_number")
            and User.objects.filter(id_number=cleaned["id_number"]).exists()
        ):
            self.add_error(
                "id_number",
                ValidationError(
                    _(
                        "Số định danh này đã có tài khoản (có thể đăng ký bằng thư điện tử hoặc số "
                        "điện thoại khác). Hãy đăng nhập, hoặc dùng chức năng quên mật khẩu."
                    ),
                    code="duplicate",
                ),
            )
            found = True
        if cleaned.get("email") and User.objects.filter(email__iexact=cleaned["email"]).exists():
            self.add_error(
                "email",
                ValidationError(
                    _("Thư điện tử này đã được dùng cho một tài khoản khác."), code="duplicate"
                ),
            )
            found = True
        if cleaned.get("phone") and User.objects.filter(phone=cleaned["phone"]).exists():
            self.add_error(
                "phone",
                ValidationError(
                    _("Số điện thoại này đã được dùng cho một tài khoản khác."), code="duplicate"
                ),
            )
            found = True
        self.duplicate = found


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "min_length": _("Mã xác thực gồm 6 chữ số."),
            "max_length": _("Mã xác thực gồm 6 chữ số."),
            "required": _("Hãy nhập mã xác thực."),
        },
    )


class PasswordResetRequestForm(forms.Form):
    identifier = forms.CharField(
        label=_("Số định danh (CCCD), thư điện tử hoặc số điện thoại của tài khoản"),
        max_length=254,
    )


class PasswordResetForm(CodeForm, PasswordPairMixin):
    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        _check_password_pair(self, cleaned, self.user)
        return cleaned


class PasswordChangeForm(PasswordPairMixin):
    """Change the password while signed in: the current password first, then the new one twice."""

    field_order = ["current_password", "password1", "password2"]
    current_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("Mật khẩu mới")
        self.fields["password2"].label = _("Nhập lại mật khẩu mới")

    def clean_current_password(self):
        current = self.cleaned_data["current_password"]
        if not self.user.check_password(current):
            raise ValidationError(_("Mật khẩu hiện tại không đúng."), code="wrong_password")
        return current

    def clean(self):
        cleaned = super().clean()
        _check_password_pair(self, cleaned, self.user)
        if cleaned.get("password1") and cleaned.get("password1") == cleaned.get("current_password"):
            self.add_error("password1", _("Mật khẩu mới phải khác mật khẩu hiện tại."))
        return cleaned


class ContactChangeForm(forms.Form):
    """A new email address or mobile number for the signed-in account (one of the two at a time); it
    replaces the old one only when the code sent to it is entered."""

    email = forms.EmailField(label=_("Thư điện tử mới"), required=False)
    phone = forms.CharField(
        label=_("Số điện thoại di động mới"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone:
            identifiers.validate_phone(phone)
            phone = identifiers.normalize_phone(phone)
        return phone

    def clean(self):
        cleaned = super().clean()
        email, phone = cleaned.get("email"), cleaned.get("phone")
        if not self.errors and bool(email) == bool(phone):
            raise ValidationError(
                _("Nhập thư điện tử mới hoặc số điện thoại mới (mỗi lần một loại)."), code="one_of"
            )
        return cleaned

    @property
    def change(self):
        """(channel, value) of the requested change."""
        if self.cleaned_data.get("email"):
            return OneTimeCode.Channel.EMAIL, self.cleaned_data["email"].strip().lower()
        return OneTimeCode.Channel.SMS, self.cleaned_data["phone"]


class CounterVerificationForm(forms.Form):
    """What the receiving officer reads off the original ID card at the counter."""

    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD, 12 chữ số)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Họ và tên ghi trên thẻ"), max_length=255)
    date_of_birth = forms.DateField(label=_("Ngày sinh ghi trên thẻ"), widget=DateInput)
    card_checked = forms.BooleanField(
        label=_("Tôi đã đối chiếu bản gốc thẻ căn cước (ảnh, thông tin) với người đến quầy."),
        error_messages={"required": _("Hãy xác nhận đã đối chiếu bản gốc thẻ căn cước.")},
    )

    def clean_id_number(self):
        value = identifiers.normalize_id_number(self.cleaned_data["id_number"])
        identifiers.validate_id_number(value)
        return value

    def clean(self):
        cleaned = super().clean()
        id_number, dob = cleaned.get("id_number"), cleaned.get("date_of_birth")
        if id_number and dob and "id_number" not in self.errors:
            try:
                identifiers.validate_id_number(id_number, dob)
            except ValidationError as error:
                self.add_error("date_of_birth", error)
        return cleaned


class TwoFactorForm(forms.Form):
    token = forms.CharField(
        label=_("Mã từ ứng dụng xác thực, hoặc một mã khôi phục"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "address"]
        labels = {"full_name": _("Họ và tên"), "address": _("Địa chỉ liên hệ")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.assurance_level != "unverified":
            # A verified identity's name comes from the verification, not from the form.
            self.fields["full_name"].disabled = True
            self.fields["full_name"].help_text = _(
                "Họ tên đã được xác thực; thay đổi tại nơi xác thực (VNeID hoặc Bộ phận Một cửa)."
            )


class RepresentationForm(forms.Form):
    agent_identifier = forms.CharField(
        label=_("Số định danh (CCCD) hoặc thư điện tử của người được ủy quyền"), max_length=254
    )
    scope = forms.ChoiceField(
        label=_("Phạm vi ủy quyền"),
        choices=Representation.Scope.choices,
        widget=forms.RadioSelect,
        initial=Representation.Scope.ALL,
    )
    procedure_codes = forms.CharField(
        label=_("Mã thủ tục (nếu chỉ ủy quyền một số thủ tục), cách nhau bởi dấu phẩy"),
        required=False,
    )
    valid_until = forms.DateField(label=_("Hiệu lực đến ngày"), widget=DateInput)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def clean_procedure_codes(self):
        raw = self.cleaned_data.get("procedure_codes") or ""
        return [code.strip() for code in raw.split(",") if code.strip()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == Representation.Scope.PROCEDURES and not cleaned.get(
            "procedure_codes"
        ):
            self.add_error("procedure_codes", _("Hãy nhập ít nhất một mã thủ tục."))
        return cleaned


class OrganisationMemberForm(forms.Form):
    member_identifier = forms.CharField(
        label=_("Số định danh (CCCD) hoặc thư điện tử của thành viên"), max_length=254
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=OrganisationMember.Role.choices)


class MembershipForm(forms.Form):
    user_identifier = forms.CharField(
        label=_("Tên đăng nhập, thư điện tử hoặc số định danh của cán bộ"), max_length=254
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan, đơn vị"), queryset=None)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    title = forms.CharField(label=_("Chức danh"), max_length=150, required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


def consent_version():
    return settings.ACCOUNTS_CONSENT_VERSION


class OrganisationRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ chức, doanh nghiệp"), max_length=255)
    tax_code = forms.CharField(
        label=_("Mã số thuế (10 hoặc 13 chữ số)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Thư điện tử của tổ chức"), required=False)
    address = forms.CharField(label=_("Địa chỉ trụ sở"), max_length=500, required=False)

    duplicate = False

    def clean_tax_code(self):
        value = identifiers.normalize_tax_code(self.cleaned_data["tax_code"])
        identifiers.validate_tax_code(value)
        if User.objects.filter(tax_code=value).exists():
            self.duplicate = True
            raise ValidationError(
                _(
                    "Mã số thuế này đã có tài khoản tổ chức. Hãy đề nghị người đại diện của tổ chức "
                    "thêm bạn làm thành viên."
                ),
                code="duplicate",
            )
        return value

    def clean_email(self):
        value = (self.cleaned_data.get("email") or "").strip().lower()
        if value and User.objects.filter(email__iexact=value).exists():
            raise ValidationError(_("Thư điện tử này đã được dùng cho một tài khoản khác."))
        return value
