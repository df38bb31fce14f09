"""The single account: users, organisations and their members, representations, staff memberships."""

from accounts.models.membership import Membership, PersonalDataAccess, Role
from accounts.models.otp import OneTimeCode
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
    "Membership",
    "OneTimeCode",
    "OrganisationMember",
    "PersonalDataAccess",
    "Representation",
    "Role",
    "User",
    "UserManager",
    "UserQuerySet",
]
