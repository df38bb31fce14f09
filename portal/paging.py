"""What the lists that page their own ids share.

A requested page number goes into SQL as ``OFFSET (number - 1) * size``, and PostgreSQL's OFFSET is a
bigint: a crafted ``?trang=99999999999999999999`` would fail the query (a 500) instead of showing the
last page as Django's Paginator.get_page does. No list here reaches a million pages (the largest,
a million dossiers, is 40,000 pages of 25), so a number above that is read as past the end before
any query is built.
"""

PAGE_NUMBER_LIMIT = 1_000_000


def requested_page(value) -> int | None:
    """The requested page as Paginator.get_page reads it: not a number (or none) → 1; below 1, or
    past the end of any list → the last page (None)."""
    try:
        number = int(value) if value is not None else 1
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= PAGE_NUMBER_LIMIT else None
