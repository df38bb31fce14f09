"""Every write to the catalogue goes through these functions (one per state change, atomic, logged)."""

from procedures.services.publishing import (
    CatalogueError,
    new_version,
    publish,
    publishing_problems,
    record_change,
    withdraw,
)

__all__ = [
    "CatalogueError",
    "new_version",
    "publish",
    "publishing_problems",
    "record_change",
    "withdraw",
]
