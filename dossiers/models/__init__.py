"""Models of the dossiers app: the dossier and its state machine, the log, files, requests."""

from dossiers.models.dossier import Dossier, DossierCodeCounter
from dossiers.models.files import Attachment, IssuedDocument, PersonalDocument
from dossiers.models.records import DossierEvent, DossierStep, Note, StepResult
from dossiers.models.requests import Payment, PaymentCallback, SupplementItem, SupplementRequest
from dossiers.models.states import (
    CLOSED_STATES,
    EXTENDABLE_STATES,
    NATIONAL_CODE,
    OPEN_STATES,
    PAUSED_STATES,
    RUNNING_STATES,
    Channel,
    Delivery,
    NationalStatus,
    State,
)

__all__ = [
    "CLOSED_STATES",
    "EXTENDABLE_STATES",
    "NATIONAL_CODE",
    "OPEN_STATES",
    "PAUSED_STATES",
    "RUNNING_STATES",
    "Attachment",
    "Channel",
    "Delivery",
    "Dossier",
    "DossierCodeCounter",
    "DossierEvent",
    "DossierStep",
    "IssuedDocument",
    "NationalStatus",
    "Note",
    "Payment",
    "PaymentCallback",
    "PersonalDocument",
    "State",
    "StepResult",
    "SupplementItem",
    "SupplementRequest",
]
