from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "satisfaction"
    verbose_name = _("Đánh giá hài lòng")

    def ready(self):
        from satisfaction import notifications  # noqa: F401 — registers the app's events
