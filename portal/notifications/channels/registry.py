"""Channel name → adapter, from settings.NOTIFICATION_CHANNELS (dotted paths)."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from portal.notifications.channels.base import ChannelAdapter


@cache
def _adapter(path: str) -> ChannelAdapter:
    return import_string(path)()


def adapter(channel: str) -> ChannelAdapter:
    try:
        path = settings.NOTIFICATION_CHANNELS[channel]
    except KeyError:
        raise LookupError(f"no adapter configured for channel {channel!r}") from None
    return _adapter(path)


def clear():
    _adapter.cache_clear()
