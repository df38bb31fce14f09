"""The QR code on the receipt: it opens the public lookup with the dossier code filled in.

The code alone never shows a dossier (DOMAIN.md §4: code + PIN or ID number), so the QR code carries
only the code; the PIN is printed beside it, not encoded, and is never part of a URL.
"""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

LOOKUP_PATH = "/tra-cuu/"


def lookup_url(dossier_code: str) -> str:
    base = settings.SITE_URL.rstrip("/")
    path = getattr(settings, "DOSSIER_LOOKUP_PATH", LOOKUP_PATH)
    return f"{base}{path}?{urlencode({'ma': dossier_code})}"


@dataclass(frozen=True)
class LookupQR:
    url: str  # the payload encoded in the symbol
    svg: SafeString  # inline <svg> (no fetch: WeasyPrint draws it as vectors)


def lookup_qr(dossier_code: str) -> LookupQR:
    return _symbol(lookup_url(dossier_code))


@lru_cache(maxsize=256)
def _symbol(url: str) -> LookupQR:
    """The symbol of a URL, kept per process (a few kB each) for a document rendered again with the
    same code: encoding and choosing the mask take about 4 ms, some 5% of a receipt's render. Keyed
    by the URL, so a change of SITE_URL or of the lookup path makes a new one."""
    # Error correction M survives a crease or a stamp over the code; segno picks the smallest version.
    symbol = segno.make(url, error="m", micro=False)
    svg = symbol.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
    return LookupQR(url=url, svg=mark_safe(svg))  # noqa: S308 - segno's own markup, URL is escaped by segno
