"""Admin registrations of the portal app, kept next to their models."""

from portal.calendars import admin as calendars_admin  # noqa: F401
from portal.integrations import admin as integrations_admin  # noqa: F401
from portal.notifications import admin as notifications_admin  # noqa: F401
