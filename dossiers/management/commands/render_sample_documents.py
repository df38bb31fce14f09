"""Write every statutory document, filled with realistic sample data, to a folder for review:
``python manage.py render_sample_documents /tmp/documents``. No database is touched."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from dossiers.documents import KINDS, document_filename, render_pdf
from dossiers.documents.samples import sample


class Command(BaseCommand):
    help = "Xuất mọi biểu mẫu (Thông tư 03/2025/TT-VPCP) với dữ liệu mẫu ra thư mục, để xem lại."

    def add_arguments(self, parser):
        parser.add_argument("outdir", help="thư mục đích (được tạo nếu chưa có)")
        parser.add_argument(
            "--kind", action="append", choices=sorted(KINDS), help="chỉ xuất loại này (lặp được)"
        )

    def handle(self, *args, outdir, kind=None, **options):
        folder = Path(outdir)
        folder.mkdir(parents=True, exist_ok=True)
        for key in kind or KINDS:
            context = sample(key)
            started = time.perf_counter()
            pdf = render_pdf(key, context)
            elapsed = (time.perf_counter() - started) * 1000
            path = folder / document_filename(key, getattr(context, "dossier_code", ""))
            path.write_bytes(pdf)
            self.stdout.write(
                f"{KINDS[key].form_label}  {path}  ({len(pdf) // 1024} KiB, {elapsed:.0f} ms)"
            )
