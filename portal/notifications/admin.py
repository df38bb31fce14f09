"""The outbox in the admin: what was sent, what failed and why; re-queue by hand."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.notifications.models import Notification, NotificationPreference
from portal.notifications.services import enqueue_dispatch


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "event",
        "channel",
        "recipient",
        "address",
        "status",
        "attempts",
        "sent_at",
    )
    list_filter = ("status", "channel", "event")
    search_fields = ("key", "address", "recipient__username", "recipient__full_name")
    raw_id_fields = ("recipient",)
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)
    readonly_fields = [field.name for field in Notification._meta.fields]
    actions = ["requeue"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Gửi lại các thông báo đã chọn"))
    def requeue(self, request, queryset):
        rows = queryset.exclude(status=Notification.Status.SENT).exclude(channel="in_app")
        ids = list(rows.values_list("id", flat=True))
        rows.update(status=Notification.Status.PENDING, next_attempt_at=timezone.now(), attempts=0)
        enqueue_dispatch(ids)
        self.message_user(
            request,
            _("Đã xếp %(count)d thông báo để gửi lại.") % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email", "sms", "language", "updated_at")
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__full_name")
