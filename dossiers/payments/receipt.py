"""The electronic receipt (biên lai điện tử) of a paid fee or obligation, rendered to PDF.

Rendered on request from the payment row (amount, provider, transaction, receipt number, time), so
the receipt always says exactly what the verified callback recorded. WeasyPrint reads nothing from
the network or the disk: the template carries its own styles and the fetcher refuses every URL.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def _refuse(url, *args, **kwargs):
    raise ValueError(f"Receipts load no resources ({url})")


def render_receipt(payment, dossier) -> bytes:
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(
            "dossiers/payments/receipt_pdf.html",
            {
                "payment": payment,
                "dossier": dossier,
                "portal_name": settings.PORTAL_NAME,
                "authority": settings.PORTAL_AUTHORITY,
            },
        )
    return HTML(string=html, url_fetcher=_refuse).write_pdf()
