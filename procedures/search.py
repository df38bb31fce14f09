"""Diacritics-free search text for Vietnamese.

Citizens type "dang ky khai sinh" for "Đăng ký khai sinh", and phones often drop the tone marks. Every
searchable record keeps a normalised copy of its text (NFC, lowercase, diacritics folded, đ→d, spaces
collapsed) in an indexed column; queries are normalised the same way, so matching is a plain substring
test that a pg_trgm GIN index serves on PostgreSQL and that SQLite runs as it is.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w.\-/]+")


def normalize(text: str | None) -> str:
    """Fold ``text`` to lowercase ASCII-ish words: "Đăng  ký KHAI SINH" → "dang ky khai sinh"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).lower()
    text = text.replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _NOT_WORD.sub(" ", stripped)
    return _SPACES.sub(" ", stripped).strip()


def query_words(query: str | None) -> list[str]:
    """The distinct words of a search query, normalised, in their order."""
    words = []
    for word in normalize(query).split(" "):
        if word and word not in words:
            words.append(word)
    return words
