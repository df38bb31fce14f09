"""The portal app's models, kept by concern in sub-packages and importable from here."""

from portal.calendars.models import CalendarOverride, WorkingCalendar
from portal.deadlines.models import ScanWatermark
from portal.integrations.models import (
    PartnerClient,
    StatusFeedEntry,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from portal.notifications.models import Channel, Notification, NotificationPreference

__all__ = [
    "CalendarOverride",
    "Channel",
    "Notification",
    "NotificationPreference",
    "PartnerClient",
    "ScanWatermark",
    "StatusFeedEntry",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
    "WorkingCalendar",
]
