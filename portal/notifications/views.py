"""The bell's pages: a person's in-app notifications and their channel preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.notifications import services
from portal.notifications.forms import PreferenceForm
from portal.notifications.models import Notification, NotificationPreference


@login_required
def inbox(request):
    rows = Notification.objects.visible_to(request.user).only(
        "id", "event", "texts", "language", "link", "created_at", "read_at"
    )
    page = Paginator(rows, 20).get_page(request.GET.get("trang"))
    return render(request, "portal/notifications/inbox.html", {"page": page})


@login_required
@require_POST
def open_notification(request, pk):
    """Mark one notification read and go to what it is about (only links inside the portal)."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.mark_read(request.user, notification.pk)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    messages.success(request, _("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    current = NotificationPreference.objects.filter(user=request.user).first()
    initial = {
        "email": current.email if current else True,
        "sms": current.sms if current else True,
        "language": current.language if current else "vi",
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu cài đặt nhận thông báo."))
        return redirect("notifications:preferences")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/notifications/preferences.html",
        {
            "form": form,
            "has_email": bool(request.user.email),
            "has_phone": bool(getattr(request.user, "phone", "")),
        },
        status=status,
    )
