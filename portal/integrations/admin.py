"""Admin for partner systems: their records, webhook subscriptions and the delivery log (read-only)."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.integrations import webhooks
from portal.integrations.models import (
    PartnerClient,
    StatusFeedEntry,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)


class WebhookSubscriptionInline(admin.TabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    model = WebhookSubscription
    extra = 0
    fields = ["url", "is_active", "start_after_seq", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(PartnerClient)
class PartnerClientAdmin(admin.ModelAdmin):
    list_display = ["name", "application", "scopes", "rate_per_minute", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "application__client_id", "contact"]
    raw_id_fields = ["application"]
    inlines = [WebhookSubscriptionInline]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    # Partners' receivers are https in production; a URL typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["partner", "url", "is_active", "start_after_seq", "created_at"]
    list_filter = ["is_active", "partner"]
    actions = ["replay_everything"]

    @admin.action(description=_("Gửi lại toàn bộ sự kiện"))
    def replay_everything(self, request, queryset):
        total = sum(webhooks.replay(subscription, 0) for subscription in queryset)
        self.message_user(
            request, _("Đã xếp lịch gửi lại %(n)d sự kiện.") % {"n": total}, messages.SUCCESS
        )


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ["at", "response_status", "error", "duration_ms", "succeeded"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["subscription", "seq", "dossier", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "subscription__partner"]
    search_fields = ["dossier__code"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    inlines = [WebhookAttemptInline]

    def has_add_permission(self, request):
        return False


@admin.register(StatusFeedEntry)
class StatusFeedEntryAdmin(admin.ModelAdmin):
    list_display = ["seq", "dossier", "event", "sequenced_at"]
    search_fields = ["dossier__code"]
    readonly_fields = ["seq", "event", "dossier", "sequenced_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
