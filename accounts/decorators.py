"""Guards for views: ``staff_required`` (staff area, second factor enforced) and
``assurance_required`` (procedures asking for a minimum identity level).

Use on any staff page: ``@staff_required`` or ``@staff_required(roles=[Role.LEADER])``; for class-based
views, ``StaffRequiredMixin``. Unauthenticated → sign-in page; not staff → 403; staff without a second
factor → 403 page with the link to set one up; second factor not yet entered in this session → the
verification page, then back.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import permissions
from accounts.services.two_factor import has_second_factor


def staff_denial(request, roles=()):
    """None when the request may enter the staff area, otherwise the response to send."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.is_staff_member(user):
        return render(request, "accounts/staff_forbidden.html", status=403)
    # Verified in this session means a confirmed device of this user (django_otp's middleware checks
    # both): has_second_factor's query is needed only when it is not.
    if not user.is_verified():
        if not has_second_factor(user):
            return render(request, "accounts/two_factor_required.html", status=403)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two-factor')}?{query}")
    if (
        roles
        and not user.is_superuser
        and not any(m.role in roles for m in user.active_memberships())
    ):
        return render(request, "accounts/staff_forbidden.html", {"roles": roles}, status=403)
    return None


def staff_required(view=None, *, roles=()):
    def decorator(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            denial = staff_denial(request, roles)
            if denial is not None:
                return denial
            return func(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view is not None else decorator


class StaffRequiredMixin:
    staff_roles = ()

    def dispatch(self, request, *args, **kwargs):
        denial = staff_denial(request, self.staff_roles)
        if denial is not None:
            return denial
        return super().dispatch(request, *args, **kwargs)


def assurance_required(level):
    """Refuse (403, with how to raise the level) a user whose identity assurance is below ``level``."""

    def decorator(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            response = assurance_shortfall_response(request, level)
            return response or func(request, *args, **kwargs)

        return wrapped

    return decorator


def assurance_shortfall_response(request, level):
    """A 403 page telling the user why and how to raise their level, or None when it suffices."""
    from accounts.assurance import shortfall

    problem = shortfall(request.user, level)
    if problem is None:
        return None
    return render(request, "accounts/assurance_required.html", {"shortfall": problem}, status=403)
