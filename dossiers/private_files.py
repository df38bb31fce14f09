"""Private files of dossiers: never under a public URL, only streamed by access-checked views.

The models' FileFields store under ``settings.MEDIA_ROOT`` (PRIVATE_MEDIA_ROOT), which no URL serves,
with random names (dossiers/models/files.py); the citizen's own file name is kept only in the
database. ``kept_on_success()`` removes the files written during a block that fails, so a refused or
rolled-back change leaves no orphan files behind.
"""

import contextlib
import threading

from django.core.files.storage import default_storage
from django.http import FileResponse

_local = threading.local()


def _stack() -> list[list[str]]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def store(field_file, name: str, content) -> str:
    """Save ``content`` into a model's FileField (without saving the row) and remember the path."""
    if hasattr(content, "seek"):
        content.seek(0)
    field_file.save(name, content, save=False)
    stack = _stack()
    if stack:
        stack[-1].append(field_file.name)
    return field_file.name


@contextlib.contextmanager
def kept_on_success():
    """Files stored inside the block are deleted again if the block raises."""
    stack = _stack()
    stack.append([])
    try:
        yield
    except BaseException:
        for path in stack[-1]:
            with contextlib.suppress(OSError):
                default_storage.delete(path)
        raise
    finally:
        paths = stack.pop()
        if stack:
            stack[-1].extend(paths)


def download_response(field_file, filename: str, mime_type: str = "", inline: bool = False):
    """Stream a private file with a safe Content-Disposition (RFC 6266/5987, Vietnamese names kept)
    and headers that stop a browser from running anything in it."""
    field_file.open("rb")
    response = FileResponse(
        field_file,
        as_attachment=not inline,
        filename=filename,
        content_type=mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
