"""Stop early, with instructions, when PostgreSQL or Redis cannot be reached (used by `make test`)."""

import redis
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connections

START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
START_REDIS = (
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no'
)


class Command(BaseCommand):
    help = "Kiểm tra PostgreSQL và Redis có sẵn sàng không."

    def handle(self, *args, **options):
        problems = []
        if not settings.USING_POSTGRES:
            problems.append(
                "DATABASE_URL không trỏ tới PostgreSQL / DATABASE_URL is not PostgreSQL"
            )
        else:
            try:
                self.ensure_database()
            except Exception as exc:
                problems.append(
                    f"Không kết nối được PostgreSQL / cannot reach PostgreSQL: {exc}".strip()
                    + f"\n    Khởi động / start it: {START_POSTGRES}"
                )
        redis_url = settings.REDIS_URL
        if not redis_url:
            problems.append("REDIS_URL chưa đặt / REDIS_URL is not set")
        else:
            try:
                redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2).ping()
            except redis.RedisError as exc:
                problems.append(
                    f"Không kết nối được Redis ở {redis_url} / cannot reach Redis: {exc}"
                    f"\n    Khởi động / start it: {START_REDIS}"
                )
        if problems:
            raise CommandError(
                "\n  - ".join(["Dịch vụ chưa sẵn sàng / services not ready:", *problems])
            )
        self.stdout.write(f"PostgreSQL và Redis sẵn sàng ({redis_url}).")

    def ensure_database(self):
        """Connect; create the (empty) database first when the server is up but the database is not."""
        connection = connections["default"]
        try:
            connection.ensure_connection()
        except OperationalError as exc:
            if "does not exist" not in str(exc):
                raise
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{connection.settings_dict["NAME"]}"')
            self.stdout.write(f"Đã tạo cơ sở dữ liệu {connection.settings_dict['NAME']}.")
            connection.ensure_connection()
