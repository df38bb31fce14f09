from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng Dịch vụ công")

    def ready(self):
        from portal.integrations import signals  # noqa: F401 - connects the feed's receiver
