"""The single account: users, organisations and their members, representations, staff memberships."""

from accounts.models.representation import OrganisationMember, Representation
from accounts.models.user import (
    ASSURANCE_ORDER,
    AccountKind,
    AssuranceLevel,
    AssuranceSource,
    User,
    UserManager,
    UserQuerySet,
)

__all__ = [
    "ASSURANCE_ORDER",
    "AccountKind",
    "AssuranceLevel",
    "AssuranceSource",
    "OrganisationMember",
    "Representation",
    "User",
    "UserManager",
    "UserQuerySet",
]
