"""Print the current second-factor code of the demo staff accounts (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.demo import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = (
        "In mã xác thực hai bước hiện tại của các tài khoản cán bộ mẫu (chỉ môi trường phát triển)."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Không dùng trong môi trường production. Not in production.")
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
        self.stdout.write(f"{totp.token():06d}")
