"""The staff area's entry and staff administration (agency admins: their own agency's staff only)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import permissions
from accounts.decorators import staff_required
from accounts.forms import CounterVerificationForm, MembershipForm
from accounts.models import Role
from accounts.services import counter, two_factor
from accounts.services import staff as staff_services


@staff_required
@require_safe
def staff_home(request):
    memberships = list(request.user.active_memberships())
    return render(
        request,
        "accounts/staff/home.html",
        {
            "memberships": memberships,
            "is_agency_admin": request.user.is_superuser
            or any(m.role == Role.AGENCY_ADMIN for m in memberships),
            "is_receiving_officer": any(m.role == Role.RECEIVING_OFFICER for m in memberships),
        },
    )


@staff_required(roles=[Role.AGENCY_ADMIN])
@require_http_methods(["GET", "POST"])
def staff_list(request):
    agencies = permissions.visible_agencies(request.user, Role.AGENCY_ADMIN)
    form = MembershipForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                staff_services.add_membership(
                    request.user,
                    form.cleaned_data["user_identifier"],
                    form.cleaned_data["agency"],
                    form.cleaned_data["role"],
                    form.cleaned_data["title"],
                )
            except staff_services.MembershipError as error:
                form.add_error("user_identifier", str(error))
            else:
                messages.success(request, _("Đã phân công cán bộ."))
                return redirect("accounts:staff-list")
    memberships = (
        permissions.memberships_visible_to(request.user)
        .active()
        .select_related("user", "agency")
        .order_by("agency__path", "user__full_name", "role")
    )
    return render(
        request,
        "accounts/staff/staff_list.html",
        {"memberships": memberships, "form": form},
        status=status,
    )


@staff_required(roles=[Role.AGENCY_ADMIN])
@require_POST
def end_membership(request, pk):
    membership = get_object_or_404(permissions.memberships_visible_to(request.user), pk=pk)
    try:
        staff_services.end_membership(request.user, membership)
    except PermissionError as error:
        raise Http404 from error
    messages.success(request, _("Đã kết thúc phân công."))
    return redirect("accounts:staff-list")


@staff_required(roles=[Role.AGENCY_ADMIN])
@require_POST
def reset_second_factor(request, pk):
    """An officer lost their phone: their agency admin removes the authenticator; the officer sets a
    new one up at their next sign-in. Not for oneself (that would bypass the second factor)."""
    membership = get_object_or_404(permissions.memberships_visible_to(request.user), pk=pk)
    if membership.user_id == request.user.pk:
        raise Http404
    two_factor.reset_second_factor(membership.user)
    messages.success(
        request,
        _("Đã xóa xác thực hai bước của %(name)s; cán bộ sẽ thiết lập lại khi đăng nhập.")
        % {"name": membership.user},
    )
    return redirect("accounts:staff-list")


@staff_required(roles=[Role.RECEIVING_OFFICER])
@require_http_methods(["GET", "POST"])
def counter_verification(request):
    """The receiving officer checks a citizen's original ID card and raises the account's level."""
    form = CounterVerificationForm(request.POST or None)
    status, verified = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                account, raised = counter.verify_identity_at_counter(
                    request.user,
                    id_number=form.cleaned_data["id_number"],
                    full_name=form.cleaned_data["full_name"],
                    date_of_birth=form.cleaned_data["date_of_birth"],
                )
            except counter.CounterError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                status, verified = 200, {"account": account, "raised": raised}
                form = CounterVerificationForm()
    return render(
        request,
        "accounts/staff/counter_verification.html",
        {"form": form, "verified": verified},
        status=status,
    )
