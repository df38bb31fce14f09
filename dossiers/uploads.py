"""Checks on every file a citizen hands us, before anything is stored.

The type is detected from the bytes (``filetype``), never from the name or the browser's claim: an
executable renamed ``.pdf`` is refused, as is a 0-byte file, a file over the component's size limit, or
more files than a component allows. The stored name is cleaned (no folders, no control characters, no
characters Windows refuses) and given the extension of the detected type; the file's SHA-256 is
computed once here and kept with the attachment.
"""

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Spellings of one type that components may list; the detected type is compared in canonical form.
ALIASES = {"jpeg": "jpg", "jpe": "jpg", "tiff": "tif"}
# Signatures of programs and scripts refused whatever a component accepts.
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"\xfe\xed\xfa",
)
EXECUTABLE_TYPES = {"exe", "elf", "swf", "crx", "wasm", "deb", "rpm", "cab"}
UNSAFE_NAME_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_NAME_LENGTH = 120
CHUNK = 64 * 1024


def max_files_per_component() -> int:
    return getattr(settings, "DOSSIER_MAX_FILES_PER_COMPONENT", 5)


def canonical_type(ext: str) -> str:
    ext = (ext or "").lower().lstrip(".")
    return ALIASES.get(ext, ext)


MIME_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def type_of_document(name: str, content_type: str = "") -> str:
    """The canonical type of a stored document, from its content type, else its name."""
    if content_type in MIME_TYPES:
        return MIME_TYPES[content_type]
    if "." in (name or ""):
        return canonical_type(name.rsplit(".", 1)[-1])
    return ""


def clean_filename(name: str) -> str:
    """A safe display name: the last path part only, NFC, without control or reserved characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = UNSAFE_NAME_CHARS.sub("", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    stem, ext = os.path.splitext(name)
    if len(name) > MAX_NAME_LENGTH:
        stem = stem[: MAX_NAME_LENGTH - len(ext)].rstrip()
        name = f"{stem}{ext}"
    return name or "tep-dinh-kem"


@dataclass
class CheckedFile:
    """An upload that passed every check, with what we learnt about it."""

    file: object
    name: str
    extension: str
    mime_type: str
    size: int
    sha256: str


def _head(upload, length=8192) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(CHUNK), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_file(upload, accepted_types, max_bytes) -> CheckedFile:
    """Validate one uploaded file; raise ``ValidationError`` with a Vietnamese message naming it."""
    shown = clean_filename(getattr(upload, "name", ""))
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise ValidationError(
            _("Tệp “%(name)s” rỗng (0 byte). Vui lòng chọn lại tệp."),
            code="empty",
            params={"name": shown},
        )
    if size > max_bytes:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt mức tối đa %(max)s."),
            code="too_large",
            params={"name": shown, "size": filesizeformat(size), "max": filesizeformat(max_bytes)},
        )
    head = _head(upload)
    kind = filetype.guess(head)
    detected = canonical_type(kind.extension) if kind else ""
    if head.startswith(EXECUTABLE_MAGIC) or detected in EXECUTABLE_TYPES:
        raise ValidationError(
            _(
                "Tệp “%(name)s” là chương trình hoặc mã chạy được, không phải giấy tờ. "
                "Hệ thống không nhận loại tệp này."
            ),
            code="executable",
            params={"name": shown},
        )
    accepted = {canonical_type(t) for t in accepted_types}
    if detected not in accepted:
        raise ValidationError(
            _(
                "Nội dung tệp “%(name)s” không phải định dạng được chấp nhận (%(types)s). "
                "Hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi tên."
            ),
            code="type",
            params={"name": shown, "types": ", ".join(sorted(t.upper() for t in accepted))},
        )
    stem, ext = os.path.splitext(shown)
    if canonical_type(ext) != detected:
        stem = shown  # keep what the citizen called it; the real type's extension follows
    name = clean_filename(f"{stem}.{detected}")
    return CheckedFile(
        file=upload,
        name=name,
        extension=detected,
        mime_type=kind.mime,
        size=size,
        sha256=_sha256(upload),
    )


def check_files(uploads, accepted_types, max_bytes, already=0, max_count=None) -> list[CheckedFile]:
    """Validate every file for one component; all-or-nothing. ``already`` counts files kept from
    before (a resumed draft). Errors for every bad file are collected into one ``ValidationError``."""
    max_count = max_count or max_files_per_component()
    uploads = [u for u in uploads if u is not None]
    if already + len(uploads) > max_count:
        raise ValidationError(
            _("Mỗi thành phần hồ sơ được đính kèm tối đa %(max)s tệp (đã chọn %(count)s)."),
            code="too_many",
            params={"max": max_count, "count": already + len(uploads)},
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_file(upload, accepted_types, max_bytes))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked
