"""Private storage for dossier files: never under a public URL, only streamed by access-checked views.

Files are stored under ``PRIVATE_MEDIA_ROOT/dossiers/`` with a random name (``<yyyy>/<mm>/<hex>.<ext>``);
the citizen's own file name is kept only in the database, so nothing they type reaches the file
system. ``kept_on_success()`` removes files written during a block that fails, so a rejected or
rolled-back submission leaves no orphan files behind.
"""

import contextlib
import secrets
import threading

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(
            location=settings.MEDIA_ROOT / "dossiers",
            base_url=None,
            file_permissions_mode=0o640,
            directory_permissions_mode=0o750,
        )


private_storage = _PrivateStorage()

_local = threading.local()


def _stack() -> list[list[str]]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def private_path(extension: str, folder: str = "attachments") -> str:
    now = timezone.now()
    ext = "".join(ch for ch in extension.lower() if ch.isalnum())[:10] or "bin"
    return f"{folder}/{now:%Y/%m}/{secrets.token_hex(16)}.{ext}"


def save_private(content, extension: str, folder: str = "attachments") -> str:
    """Store ``content`` (a File or uploaded file) and return its storage path."""
    if hasattr(content, "seek"):
        content.seek(0)
    path = private_storage.save(private_path(extension, folder), content)
    stack = _stack()
    if stack:
        stack[-1].append(path)
    return path


def delete_private(path: str) -> None:
    if path:
        private_storage.delete(path)


@contextlib.contextmanager
def kept_on_success():
    """Files saved inside the block are deleted again if the block raises."""
    stack = _stack()
    stack.append([])
    try:
        yield
    except BaseException:
        for path in stack[-1]:
            with contextlib.suppress(OSError):
                private_storage.delete(path)
        raise
    finally:
        paths = stack.pop()
        if stack:
            stack[-1].extend(paths)


def download_response(path: str, filename: str, mime_type: str = "", inline: bool = False):
    """Stream a private file with a safe Content-Disposition (RFC 6266/5987, Vietnamese names kept)
    and headers that stop a browser from running anything in it."""
    response = FileResponse(
        private_storage.open(path, "rb"),
        as_attachment=not inline,
        filename=filename,
        content_type=mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
