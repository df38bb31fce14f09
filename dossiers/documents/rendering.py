"""Render a statutory document to PDF with WeasyPrint, offline and from local files only.

- HTML comes from ``templates/documents/<kind>.html`` (Django templates: every value is escaped).
- The print stylesheet ``static/documents/print.css`` is parsed once per process and reused.
- Fonts are system fonts from Debian packages (fonts-noto-core, fonts-dejavu-core), found by family
  name through fontconfig: nothing is downloaded, and no @font-face points anywhere.
- Every other resource goes through ``LocalFileFetcher``, which serves files below the project's
  ``static/`` and ``templates/`` folders and refuses everything else (http, https, ftp, data:, files
  elsewhere on disk), so a document can neither leak a request nor embed a server file.
"""

from __future__ import annotations

import mimetypes
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from . import context as ctx
from .qr import lookup_qr, lookup_url
from .registry import DocumentKind, get_kind

DEFAULT_FONT_FAMILY = '"Noto Serif", "DejaVu Serif", serif'


class FetchRefused(ValueError):
    """A document asked for a resource outside the allowed local folders."""


class DocumentRenderError(Exception):
    """The document could not be rendered (a refused resource, a wrong context)."""


def allowed_roots() -> tuple[Path, ...]:
    base = Path(settings.BASE_DIR)
    return ((base / "static").resolve(), (base / "templates").resolve())


class LocalFileFetcher(URLFetcher):
    """WeasyPrint URL fetcher that reads only files below ``roots`` (file: URLs, no host)."""

    def __init__(self, roots=None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(Path(root).resolve() for root in (roots or allowed_roots()))

    def resolve(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise FetchRefused(f"Only local files are read, not {parts.scheme or 'relative'} URLs")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused("file: URLs with a host are refused")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise FetchRefused(f"{path} is outside the document folders")
        if not path.is_file():
            raise FetchRefused(f"{path} does not exist")
        return path

    def fetch(self, url, headers=None):
        path = self.resolve(url)
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type}
        )


_local = threading.local()


def _fetcher() -> LocalFileFetcher:
    # One per thread: URLFetcher keeps a little per-request state.
    if getattr(_local, "fetcher", None) is None:
        _local.fetcher = LocalFileFetcher()
    return _local.fetcher


@cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@cache
def _stylesheets() -> tuple[CSS, ...]:
    """Parsed once per process: parsing CSS is a fair share of a small document's render time."""
    font_family = getattr(settings, "DOCUMENTS_FONT_FAMILY", DEFAULT_FONT_FAMILY)
    print_css = Path(settings.BASE_DIR) / "static" / "documents" / "print.css"
    fetcher = LocalFileFetcher()
    return (
        CSS(filename=str(print_css), url_fetcher=fetcher, font_config=_font_config()),
        CSS(
            string=f"html {{ font-family: {font_family}; }}",
            url_fetcher=fetcher,
            font_config=_font_config(),
        ),
    )


@dataclass(frozen=True)
class RenderedDocument:
    kind: DocumentKind
    html: str
    pdf: bytes


def template_context(kind: DocumentKind, context: ctx.DocumentContext) -> dict:
    values = {
        "kind": kind,
        "doc": context,
        "agency": context.agency,
        "site_url": settings.SITE_URL.rstrip("/"),
        "place": context.agency.place or getattr(settings, "DOCUMENTS_PLACE", ""),
    }
    applicant = getattr(context, "applicant", None)
    if applicant is not None:
        values["applicant_id"] = applicant.id_number if kind.internal else applicant.masked_id
    if isinstance(context, ctx.ReceiptContext) and context.dossier_code:
        values["qr"] = lookup_qr(context.dossier_code)
        values["lookup_url"] = lookup_url(context.dossier_code)
        values["lookup_page"] = lookup_url("").split("?")[0]
    return values


def render_html(kind: str | DocumentKind, context: ctx.DocumentContext) -> str:
    kind = get_kind(kind)
    if not isinstance(context, kind.context_class):
        raise DocumentRenderError(
            f"{kind.key} needs a {kind.context_class.__name__}, not {type(context).__name__}"
        )
    # Statutory forms are Vietnamese whatever language the officer's screen is in.
    with translation.override("vi"):
        return render_to_string(kind.template, template_context(kind, context))


def html_to_pdf(html: str) -> bytes:
    base_url = (Path(settings.BASE_DIR) / "templates" / "documents").resolve().as_uri() + "/"
    try:
        return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf(
            stylesheets=list(_stylesheets()), font_config=_font_config()
        )
    except FatalURLFetchingError as error:  # a BaseException in WeasyPrint: make it an ordinary one
        raise DocumentRenderError(str(error.__cause__ or error)) from error


def render_pdf(kind: str | DocumentKind, context: ctx.DocumentContext) -> bytes:
    """The PDF bytes of one statutory document (A4, Vietnamese serif font, state header)."""
    return html_to_pdf(render_html(kind, context))


def render_document(kind: str | DocumentKind, context: ctx.DocumentContext) -> RenderedDocument:
    kind = get_kind(kind)
    html = render_html(kind, context)
    return RenderedDocument(kind=kind, html=html, pdf=html_to_pdf(html))
