from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self):
        from dossiers import notifications  # noqa: F401 - registers the app's notification events
