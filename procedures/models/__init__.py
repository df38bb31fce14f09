"""Models of the procedure catalogue (danh mục thủ tục hành chính)."""

from procedures.models.agencies import Agency, AgencyQuerySet, Sector
from procedures.models.catalogue import (
    CatalogueChange,
    DossierComponent,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionStatus,
)

__all__ = [
    "Agency",
    "AgencyQuerySet",
    "CatalogueChange",
    "DossierComponent",
    "Fee",
    "OnlineLevel",
    "Procedure",
    "ProcedureVersion",
    "ProcessStep",
    "Sector",
    "VersionStatus",
]
