"""Statutory documents of the one-stop flow (Circular 03/2025/TT-VPCP, forms 01-07) and the
electronic payment receipt, as PDFs.

    from dossiers.documents import render_pdf, pdf_content_file, ReceiptContext
    pdf = render_pdf("receipt", ReceiptContext(...))
    stored = pdf_content_file(pdf, "receipt", dossier.code)   # ContentFile + sha256

The kinds, their form numbers, titles and legal basis are data in ``registry.KINDS``; what each
prints is a dataclass in ``context``; templates live in ``templates/documents/``. See
docs/adr/ (statutory documents) for why documents are rendered once and stored.
"""

from .context import (
    RETURN_METHODS,
    STEP_RESULTS,
    Agency,
    ApologyContext,
    Applicant,
    ControlSlipContext,
    ControlSlipRow,
    DocumentContext,
    Fee,
    Officer,
    PaymentReceiptContext,
    ProcessingTime,
    ReceiptContext,
    ReceivedDocument,
    RefusalContext,
    StopNoticeContext,
    SupplementItem,
    SupplementRequestContext,
    TrackingBookContext,
    TrackingBookRow,
)
from .qr import lookup_qr, lookup_url
from .registry import KINDS, ONE_STOP_FORMS, DocumentKind, UnknownDocumentKind, get_kind
from .rendering import (
    DocumentRenderError,
    FetchRefused,
    LocalFileFetcher,
    render_document,
    render_html,
    render_pdf,
)
from .storage import StoredPdf, document_filename, pdf_content_file

__all__ = [
    "KINDS",
    "ONE_STOP_FORMS",
    "RETURN_METHODS",
    "STEP_RESULTS",
    "Agency",
    "ApologyContext",
    "Applicant",
    "ControlSlipContext",
    "ControlSlipRow",
    "DocumentContext",
    "DocumentKind",
    "DocumentRenderError",
    "Fee",
    "FetchRefused",
    "LocalFileFetcher",
    "Officer",
    "PaymentReceiptContext",
    "ProcessingTime",
    "ReceiptContext",
    "ReceivedDocument",
    "RefusalContext",
    "StopNoticeContext",
    "StoredPdf",
    "SupplementItem",
    "SupplementRequestContext",
    "TrackingBookContext",
    "TrackingBookRow",
    "UnknownDocumentKind",
    "document_filename",
    "get_kind",
    "lookup_qr",
    "lookup_url",
    "pdf_content_file",
    "render_document",
    "render_html",
    "render_pdf",
]
