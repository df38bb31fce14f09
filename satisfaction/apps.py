from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "satisfaction"
    verbose_name = _("Đánh giá hài lòng")

    def ready(self):
        from satisfaction import notifications, signals  # noqa: F401 — events and receivers
