"""The citizen's own pages: profile, representation, organisation members, personal data."""

import json

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import otp, permissions
from accounts.assurance import shortfall
from accounts.forms import (
    CodeForm,
    ContactChangeForm,
    OrganisationMemberForm,
    OrganisationRegistrationForm,
    PasswordChangeForm,
    ProfileForm,
    RepresentationForm,
)
from accounts.models import (
    AccountKind,
    AssuranceLevel,
    OneTimeCode,
    OrganisationMember,
    Representation,
    User,
)
from accounts.services import contacts, privacy, registration
from accounts.services import representation as rep_services


def _profile_context(user, **extra):
    now = timezone.now()
    context = {
        "account": user,
        "representations_given": user.representations_given.select_related("agent"),
        "representations_received": Representation.objects.active()
        .filter(agent=user)
        .select_related("principal"),
        "organisations": OrganisationMember.objects.active()
        .filter(member=user)
        .select_related("organisation"),
        "organisation_members": (
            user.organisation_members.filter(revoked_at__isnull=True).select_related("member")
            if user.kind == AccountKind.ORGANISATION
            else None
        ),
        "level2_shortfall": shortfall(user, AssuranceLevel.LEVEL1),
        "now": now,
        "representation_form": RepresentationForm(),
        "member_form": OrganisationMemberForm(),
    }
    context.update(extra)
    return context


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Đã lưu thông tin."))
            return redirect("accounts:profile")
        status = 400
    return render(
        request, "accounts/profile.html", _profile_context(request.user, form=form), status=status
    )


# A stolen session must not become a way to guess the password: wrong current passwords are counted per
# account, and the form is refused for a quarter of an hour after too many.
PASSWORD_CHANGE_MAX_FAILURES = 5
PASSWORD_CHANGE_WINDOW_SECONDS = 15 * 60


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def password_change(request):
    failures_key = f"accounts:password-change-failures:{request.user.pk}"
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if cache.get(failures_key, 0) >= PASSWORD_CHANGE_MAX_FAILURES:
        blocked = _(
            "Bạn đã nhập sai mật khẩu hiện tại quá nhiều lần. Hãy thử lại sau 15 phút, hoặc dùng "
            "chức năng quên mật khẩu."
        )
        return render(request, "accounts/password_change.html", {"blocked": blocked}, status=429)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            user = registration.change_password(request.user, form.cleaned_data["password1"])
            update_session_auth_hash(request, user)
            cache.delete(failures_key)
            messages.success(
                request,
                _("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã được đăng xuất."),
            )
            return redirect("accounts:profile")
        if form.has_error("current_password", "wrong_password"):
            cache.add(failures_key, 0, PASSWORD_CHANGE_WINDOW_SECONDS)
            cache.incr(failures_key)
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def contact_change(request):
    """Add or change the email address or mobile number: a code goes to the new one first."""
    form = ContactChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            channel, value = form.change
            try:
                issued = contacts.start_contact_change(request.user, channel, value)
            except otp.CodeError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("accounts:contact-verify", token=issued.challenge.token)
    return render(request, "accounts/contact_change.html", {"form": form}, status=status)


def _own_challenge_or_404(user, token):
    challenge = OneTimeCode.objects.filter(
        token=token, purpose=OneTimeCode.Purpose.CONTACT_CHANGE, user=user
    ).first()
    if challenge is None:
        raise Http404
    return challenge


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def contact_verify(request, token):
    challenge = _own_challenge_or_404(request.user, token)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                contacts.complete_contact_change(request.user, token, form.cleaned_data["code"])
            except otp.CodeError as error:
                form.add_error("code", error.message)
                status = error.status
            else:
                messages.success(request, _("Đã xác minh và lưu địa chỉ liên hệ mới."))
                return redirect("accounts:profile")
    context = {"form": form, "challenge": challenge, "resend_url": "accounts:contact-resend"}
    return render(request, "accounts/verify_code.html", context, status=status)


@login_required
@require_POST
def contact_resend(request, token):
    _own_challenge_or_404(request.user, token)
    try:
        issued = otp.resend(token, OneTimeCode.Purpose.CONTACT_CHANGE)
    except otp.CodeError as error:
        messages.error(request, error.message)
        return redirect("accounts:contact-verify", token=token)
    messages.success(request, _("Đã gửi mã xác thực mới."))
    return redirect("accounts:contact-verify", token=issued.challenge.token)


@login_required
@never_cache
@require_safe
def account_detail(request, pk):
    """Someone's account page: for the person, those who act for them, their agency admin, and system
    admins. Anyone else gets 404 (not 403: the page does not confirm the account exists)."""
    account = User.objects.visible_to(request.user).filter(pk=pk).first()
    if account is None:
        raise Http404
    if account.pk == request.user.pk:
        return redirect("accounts:profile")
    privacy.log_access(request.user, account, "Trang tài khoản", request.path)
    capacity = permissions.acting_capacity(request.user, account)
    context = {"account": account, "capacity": capacity}
    if account.kind == AccountKind.ORGANISATION and rep_services.can_manage_members(
        request.user, account
    ):
        context["organisation_members"] = account.organisation_members.filter(
            revoked_at__isnull=True
        ).select_related("member")
        context["member_form"] = OrganisationMemberForm()
    return render(request, "accounts/account_detail.html", context)


@login_required
@never_cache
@require_safe
def download_my_data(request):
    data = privacy.export_personal_data(request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{stamp}.json"'
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def request_deletion(request):
    if permissions.is_staff_member(request.user):
        messages.error(
            request, _("Tài khoản cán bộ do quản trị đơn vị đóng; hãy liên hệ quản trị đơn vị.")
        )
        return redirect("accounts:profile")
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Hãy đánh dấu ô xác nhận để gửi yêu cầu xóa tài khoản."))
            return render(request, "accounts/delete_request.html", status=400)
        reasons = privacy.request_deletion(request.user)
        logout(request)
        return render(request, "accounts/deleted.html", {"reasons": reasons})
    # Said before the person confirms: what will be kept, and why.
    return render(
        request,
        "accounts/delete_request.html",
        {"reasons": privacy.retention_reasons(request.user)},
    )


@login_required
@require_POST
def grant_representation(request):
    form = RepresentationForm(request.POST)
    if form.is_valid():
        try:
            rep_services.grant_representation(
                request.user,
                form.cleaned_data["agent_identifier"],
                scope=form.cleaned_data["scope"],
                procedure_codes=form.cleaned_data["procedure_codes"],
                valid_until=form.cleaned_data["valid_until"],
                note=form.cleaned_data["note"],
            )
        except rep_services.RepresentationError as error:
            form.add_error("agent_identifier", str(error))
        else:
            messages.success(request, _("Đã ủy quyền."))
            return redirect("accounts:profile")
    context = _profile_context(
        request.user, form=ProfileForm(instance=request.user), representation_form=form
    )
    return render(request, "accounts/profile.html", context, status=400)


@login_required
@require_POST
def revoke_representation(request, pk):
    rep = get_object_or_404(
        Representation.objects.filter(principal=request.user)
        | Representation.objects.filter(agent=request.user),
        pk=pk,
    )
    rep_services.revoke_representation(rep, request.user)
    messages.success(request, _("Đã chấm dứt ủy quyền."))
    return redirect("accounts:profile")


@login_required
@require_POST
def add_organisation_member(request):
    """The organisation account itself, or its legal representative / manager (``organisation``
    field), adds a member."""
    if request.user.kind == AccountKind.ORGANISATION:
        organisation = request.user
    else:
        organisation = (
            User.objects.organisations().filter(pk=request.POST.get("organisation")).first()
        )
        if organisation is None or not rep_services.can_manage_members(request.user, organisation):
            raise Http404
    form = OrganisationMemberForm(request.POST)
    if form.is_valid():
        try:
            rep_services.add_organisation_member(
                organisation,
                form.cleaned_data["member_identifier"],
                form.cleaned_data["role"],
                request.user,
            )
        except rep_services.RepresentationError as error:
            form.add_error("member_identifier", str(error))
        else:
            messages.success(request, _("Đã thêm thành viên."))
            if organisation.pk == request.user.pk:
                return redirect("accounts:profile")
            return redirect("accounts:account", pk=organisation.pk)
    context = _profile_context(
        request.user, form=ProfileForm(instance=request.user), member_form=form
    )
    return render(request, "accounts/profile.html", context, status=400)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def register_organisation(request):
    if request.user.kind != AccountKind.CITIZEN:
        messages.error(request, _("Chỉ tài khoản công dân mới đăng ký được tổ chức."))
        return redirect("accounts:profile")
    form = OrganisationRegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = rep_services.register_organisation(
                    request.user,
                    name=form.cleaned_data["name"],
                    tax_code=form.cleaned_data["tax_code"],
                    email=form.cleaned_data["email"],
                    address=form.cleaned_data["address"],
                )
            except rep_services.RepresentationError as error:
                form.add_error("tax_code", str(error))
                status = 409
            else:
                messages.success(
                    request, _("Đã đăng ký tổ chức. Bạn là người đại diện theo pháp luật.")
                )
                return redirect("accounts:account", pk=organisation.pk)
        else:
            status = 409 if form.duplicate else 400
    return render(request, "accounts/organisation_register.html", {"form": form}, status=status)


@login_required
@require_POST
def remove_organisation_member(request, pk):
    membership = get_object_or_404(OrganisationMember, pk=pk)
    try:
        rep_services.remove_organisation_member(membership, request.user)
    except PermissionError as error:
        raise Http404 from error
    messages.success(request, _("Đã gỡ thành viên khỏi tổ chức."))
    if membership.organisation_id == request.user.pk or membership.member_id == request.user.pk:
        return redirect("accounts:profile")
    return redirect("accounts:account", pk=membership.organisation_id)
