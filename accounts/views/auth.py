"""Sign-in, sign-out, registration with a one-time code, password reset, second factor."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate as django_authenticate
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import otp, permissions
from accounts.forms import (
    CodeForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    RegistrationForm,
    SignInForm,
    TwoFactorForm,
)
from accounts.identity import registry
from accounts.models import OneTimeCode
from accounts.services import registration, two_factor


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _after_sign_in(request, user):
    """Staff go through their second factor before anything else; others go where they were going."""
    next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if permissions.is_staff_member(user):
        if two_factor.has_second_factor(user):
            return redirect(f"{reverse('accounts:two-factor')}?next={next_url}")
        return redirect(f"{reverse('accounts:two-factor-setup')}?next={next_url}")
    return redirect(next_url)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = django_authenticate(
                request,
                username=form.cleaned_data["identifier"],
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
            )
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            if user is not None:
                login(request, user, backend="accounts.backends.IdentifierBackend")
                return _after_sign_in(request, user)
            form.add_error(
                None,
                _(
                    "Thông tin đăng nhập hoặc mật khẩu không đúng. Sau 5 lần sai, tài khoản bị tạm khóa "
                    "15 phút."
                ),
            )
        status = 400
    if request.GET.get("loi") == "oidc":
        messages.error(
            request,
            _("Đăng nhập qua %(provider)s không thành công. Vui lòng thử lại.")
            % {"provider": settings.ACCOUNTS_OIDC_PROVIDER_NAME},
        )
    providers = [p for p in registry.enabled() if p.start_url()]
    context = {"form": form, "providers": providers, "next": _safe_next(request, "")}
    return render(request, "accounts/sign_in.html", context, status=status)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer: a page in Vietnamese, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = registration.start_registration(form.cleaned_data)
            except otp.CodeError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("accounts:register-verify", token=issued.challenge.token)
        else:
            status = 409 if form.duplicate else 400
    return render(request, "accounts/register.html", {"form": form}, status=status)


def _challenge_or_404(token, purpose):
    challenge = OneTimeCode.objects.filter(token=token, purpose=purpose).first()
    if challenge is None:
        raise Http404
    return challenge


@never_cache
@require_http_methods(["GET", "POST"])
def register_verify(request, token):
    challenge = _challenge_or_404(token, OneTimeCode.Purpose.REGISTRATION)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = registration.complete_registration(token, form.cleaned_data["code"])
            except otp.CodeError as error:
                form.add_error("code", error.message)
                status = error.status
            except registration.AccountExists as error:
                form.add_error(None, str(error))
                status = 409
            else:
                login(request, user, backend="accounts.backends.IdentifierBackend")
                messages.success(
                    request, _("Tài khoản đã được tạo và xác minh. Chào mừng bạn đến với Cổng!")
                )
                return redirect("accounts:profile")
    context = {"form": form, "challenge": challenge, "resend_url": "accounts:register-resend"}
    return render(request, "accounts/verify_code.html", context, status=status)


@require_POST
def register_resend(request, token):
    _challenge_or_404(token, OneTimeCode.Purpose.REGISTRATION)
    try:
        issued = otp.resend(token, OneTimeCode.Purpose.REGISTRATION)
    except otp.CodeError as error:
        messages.error(request, error.message)
        return redirect("accounts:register-verify", token=token)
    messages.success(request, _("Đã gửi mã xác thực mới."))
    return redirect("accounts:register-verify", token=issued.challenge.token)


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_request(request):
    form = PasswordResetRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = registration.start_password_reset(form.cleaned_data["identifier"])
            except otp.CodeError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("accounts:password-reset", token=issued.challenge.token)
        else:
            status = 400
    return render(request, "accounts/password_reset_request.html", {"form": form}, status=status)


@sensitive_post_parameters("password1", "password2", "code")
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request, token):
    challenge = _challenge_or_404(token, OneTimeCode.Purpose.PASSWORD_RESET)
    form = PasswordResetForm(request.POST or None, user=challenge.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                registration.complete_password_reset(
                    token, form.cleaned_data["code"], form.cleaned_data["password1"]
                )
            except otp.CodeError as error:
                form.add_error("code", error.message)
                status = error.status
            else:
                messages.success(
                    request, _("Đã đặt lại mật khẩu. Hãy đăng nhập bằng mật khẩu mới.")
                )
                return redirect("accounts:login")
    return render(
        request,
        "accounts/password_reset.html",
        {"form": form, "challenge": challenge},
        status=status,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of a staff sign-in: a TOTP code or one recovery code."""
    user = request.user
    if not two_factor.has_second_factor(user):
        return redirect("accounts:two-factor-setup")
    next_url = _safe_next(request, reverse("accounts:staff-home"))
    form = TwoFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            device = two_factor.match(user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                return redirect(next_url)
            form.add_error(
                "token", _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới từ ứng dụng.")
            )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": next_url}, status=status
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Staff set up their authenticator app: scan the QR code (or type the key), confirm a code."""
    user = request.user
    if two_factor.has_second_factor(user) and not user.is_verified():
        return redirect("accounts:two-factor")
    device = two_factor.pending_totp_device(user)
    form = TwoFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            codes = two_factor.confirm_totp_device(user, device, form.cleaned_data["token"])
            if codes is not None:
                otp_login(request, device)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": _safe_next(request, reverse("accounts:staff-home"))},
                )
            form.add_error("token", _("Mã không đúng. Hãy nhập mã đang hiển thị trong ứng dụng."))
    import segno

    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "secret": two_factor.base32_secret(device),
        "qr_data_uri": qr.svg_data_uri(scale=4, border=2),
        "next": _safe_next(request, ""),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=status)


class OIDCStart(OIDCAuthenticationRequestView):
    def get(self, request):
        if not registry.get("oidc").is_configured():
            raise Http404
        return super().get(request)


class OIDCCallback(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not registry.get("oidc").is_configured():
            raise Http404
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        if permissions.is_staff_member(self.user):
            return _after_sign_in(self.request, self.user)
        return response
