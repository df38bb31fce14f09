"""In-app notifications: the row itself is the message; the bell in the header shows it."""

from portal.notifications.channels.base import ChannelAdapter


class InAppAdapter(ChannelAdapter):
    name = "in_app"

    def address_for(self, user) -> str:
        return str(user.pk) if getattr(user, "pk", None) else ""

    def send(self, notification) -> str:
        return ""
