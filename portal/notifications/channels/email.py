"""Email through Django's mail backends (SMTP, console, or a provider through django-anymail)."""

import hashlib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid

from portal.notifications.channels.base import ChannelAdapter, PermanentError, TransientError


class EmailAdapter(ChannelAdapter):
    name = "email"

    def address_for(self, user) -> str:
        return (getattr(user, "email", "") or "").strip()

    def send(self, notification) -> str:
        if not notification.address:
            raise PermanentError("no email address")
        language = notification.language
        body = notification.text("body", language)
        if notification.link:
            link = notification.link
            if link.startswith("/"):
                link = settings.SITE_URL.rstrip("/") + link
            body = body.replace(notification.link, link)
        message = EmailMessage(
            subject=notification.text("subject", language),
            body=body,
            to=[notification.address],
            connection=get_connection(),
        )
        # The row's key as a stable Message-ID and as provider metadata: a resend after a crash carries
        # the same identity, and providers that de-duplicate (through anymail's metadata/tags) can.
        digest = hashlib.sha256(notification.key.encode()).hexdigest()[:32]
        message.extra_headers["Message-ID"] = make_msgid(idstring=digest, domain="dichvucong")
        message.extra_headers["X-Portal-Notification-Key"] = notification.key
        message.metadata = {"notification_key": notification.key}  # read by django-anymail backends
        for attachment in notification.payload.get("attachments", []):
            _attach(message, attachment)
        try:
            message.send(fail_silently=False)
        except (OSError, TimeoutError) as error:  # SMTP and network failures: retry later
            raise TransientError(str(error)) from error
        return (
            getattr(message, "anymail_status", None) and str(message.anymail_status.message_id)
        ) or ""


def _attach(message, attachment):
    """Attach a file: {"name", "path" (default storage), "type"}; anything else (e.g. an issued
    document's id) goes through settings.NOTIFICATION_ATTACHMENT_RESOLVER, a dotted path to a function
    returning (file name, bytes, content type) or None."""
    if isinstance(attachment, dict) and "path" in attachment:
        from django.core.files.storage import default_storage

        with default_storage.open(attachment["path"], "rb") as handle:
            message.attach(
                attachment["name"], handle.read(), attachment.get("type", "application/pdf")
            )
        return
    resolver_path = getattr(settings, "NOTIFICATION_ATTACHMENT_RESOLVER", "")
    if not resolver_path:
        return
    from django.utils.module_loading import import_string

    resolved = import_string(resolver_path)(attachment)
    if resolved:
        message.attach(*resolved)
