from functools import partial

from portal.notifications.services import unread_count


def bell(request):
    """The unread count of the header's bell, counted only when a page shows it (signed-in users)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": partial(unread_count, user)}
