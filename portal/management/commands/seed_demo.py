"""Load realistic demo data: ``python manage.py seed_demo``.

Each of the portal's apps may ship a ``demo`` module with a ``seed(log)`` function; they run in the
order of INSTALLED_APPS inside one transaction. Every seeder must be idempotent: a second run changes
nothing (the test suite checks this by counting rows before and after). Seeders that need every app's
data (the demo partner system acts for agencies and staff the others create) run last.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules():
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.path.startswith(str(settings.BASE_DIR)) and find_spec(module_name):
            yield config.label, import_module(module_name)


LAST = [("integrations", "portal.integrations.demo")]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chỉ cho môi trường phát triển). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Không nạp dữ liệu mẫu trong môi trường production. "
                "Demo data is never loaded in production."
            )
        with transaction.atomic():
            for label, module in demo_modules():
                self.stdout.write(f"· {label}")
                module.seed(self.stdout.write)
            for label, module in LAST:
                self.stdout.write(f"· {label}")
                import_module(module).seed(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu. Demo data loaded."))
