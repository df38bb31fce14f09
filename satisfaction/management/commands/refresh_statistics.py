"""Rebuild the statistics fact tables and the service index now: ``manage.py refresh_statistics``.

The same work as the beat task ``satisfaction.tasks.refresh_facts``, for operators and benchmarks.
"""

from django.core.management.base import BaseCommand

from satisfaction.refresh import refresh


class Command(BaseCommand):
    help = "Tổng hợp lại số liệu thống kê và chỉ số phục vụ."

    def handle(self, *args, **options):
        record = refresh()
        if record is None:
            self.stdout.write("Another refresh is running; nothing done.")
        else:
            self.stdout.write(f"Refreshed in {record.duration_ms} ms: {record.rows}")
