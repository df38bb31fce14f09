"""Turn rendered PDF bytes into something a FileField can keep, with a checksum.

The dossier keeps the exact bytes the officer printed: the citizen downloads and receives by email
that same file, and the sha256 proves it was not regenerated or altered later. Where the file goes
(the private MEDIA_ROOT, never a served folder) is the model's business: ``IssuedDocument.file``.

Wiring, inside the transition's service function (one transaction with the state change)::

    pdf = render_pdf(kind, context)
    stored = pdf_content_file(pdf, kind, dossier.code)
    issued = IssuedDocument(
        dossier=dossier, agency=agency, kind=kind, number=context.number,
        title=KINDS[kind].title, file_name=stored.file.name, size=stored.size,
        sha256=stored.sha256, issued_by=officer, is_public=not KINDS[kind].internal,
    )
    issued.file.save(stored.file.name, stored.file, save=True)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.core.files.base import ContentFile

from .registry import DocumentKind, get_kind

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class StoredPdf:
    file: ContentFile  # .name is the safe file name
    sha256: str  # hex digest of the bytes
    size: int


def safe_component(value: str) -> str:
    """ASCII letters, digits, dots and dashes only: "000.00.12.H26-261125-0001" stays as it is,
    anything else (slashes, spaces, Vietnamese letters) is folded or replaced."""
    text = unicodedata.normalize("NFKD", value.replace("đ", "d").replace("Đ", "D"))
    text = text.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9.\-]+", "-", text).strip(".-")
    return text[:80] or "tai-lieu"


def document_filename(kind: str | DocumentKind, dossier_code: str = "", suffix: str = "") -> str:
    kind = get_kind(kind)
    parts = [kind.slug]
    if dossier_code:
        parts.append(safe_component(dossier_code))
    if suffix:
        parts.append(safe_component(suffix))
    return "_".join(parts) + ".pdf"


def pdf_content_file(
    pdf: bytes, kind: str | DocumentKind, dossier_code: str = "", suffix: str = ""
) -> StoredPdf:
    """Wrap PDF bytes for ``dossier_document.file.save(stored.file.name, stored.file)``."""
    if not pdf.startswith(PDF_MAGIC):
        raise ValueError("Not a PDF document")
    name = document_filename(kind, dossier_code, suffix)
    return StoredPdf(
        file=ContentFile(pdf, name=name), sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf)
    )
