"""OpenID Connect sign-in: the provider's claims map onto the single account.

Accounts are matched on the ID number (CCCD) claim, never on email, so a person who registered
locally and later signs in with VNeID keeps one account; the provider's assurance level is recorded
(it only ever raises the account's level). A provider that does not send an ID number is refused.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import identifiers
from accounts.models import AccountKind, AssuranceLevel, AssuranceSource, User

log = logging.getLogger(__name__)


def claim(claims, name):
    return claims.get(settings.ACCOUNTS_OIDC_CLAIMS[name])


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        self.enabled = bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_TOKEN_ENDPOINT)
        if self.enabled:
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = User

    def authenticate(self, request, **kwargs):
        if not self.enabled or request is None or "code" not in request.GET:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as error:
            # A forged, foreign or malformed token: the person sees "sign-in failed", not a 400.
            log.warning("OIDC sign-in refused: %s", error)
            return None

    def id_number_from(self, claims) -> str:
        value = identifiers.normalize_id_number(str(claim(claims, "id_number") or ""))
        try:
            identifiers.validate_id_number(value)
        except ValidationError as error:
            raise SuspiciousOperation("OIDC claims carry no valid ID number") from error
        return value

    def verify_claims(self, claims):
        self.id_number_from(claims)
        return True

    def filter_users_by_claims(self, claims):
        return User.objects.filter(id_number=self.id_number_from(claims))

    def assurance_from(self, claims) -> str:
        raw = str(claim(claims, "assurance") or "")
        return settings.ACCOUNTS_OIDC_ASSURANCE_MAP.get(raw, AssuranceLevel.UNVERIFIED)

    @transaction.atomic
    def create_user(self, claims):
        id_number = self.id_number_from(claims)
        email = (claim(claims, "email") or "").strip().lower()
        phone = identifiers.normalize_phone(claim(claims, "phone") or "")
        # A local account with this email but no ID number yet is the same person: link it.
        if email:
            same = User.objects.filter(email__iexact=email, id_number="", kind=AccountKind.CITIZEN)
            existing = same.select_for_update().first()
            if existing is not None:
                existing.id_number = id_number
                return self.update_user(existing, claims)
        user = User(
            username=f"cd{id_number}",
            kind=AccountKind.CITIZEN,
            id_number=id_number,
            consent_given_at=timezone.now(),
            consent_version=settings.ACCOUNTS_CONSENT_VERSION,
        )
        if email and not User.objects.filter(email__iexact=email).exists():
            user.email = email
            user.email_verified_at = timezone.now()
        if phone and not User.objects.filter(phone=phone).exists():
            user.phone = phone
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        """The provider is authoritative for name and date of birth; contact data we only fill in."""
        name = claim(claims, "full_name")
        if name:
            user.full_name = name
        birthdate = claim(claims, "date_of_birth")
        if birthdate:
            try:
                user.date_of_birth = dt.date.fromisoformat(birthdate)
            except ValueError:
                log.warning("OIDC birthdate claim is not ISO 8601")
        user.save()
        source = (
            AssuranceSource.VNEID
            if settings.ACCOUNTS_OIDC_PROVIDER_NAME.lower() == "vneid"
            else AssuranceSource.OIDC
        )
        user.raise_assurance(self.assurance_from(claims), source)
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and not user.is_active:
            log.info("OIDC sign-in refused for a closed account")
            return None
        return user

    def verify_token(self, token, **kwargs):
        """mozilla-django-oidc checks signature, expiry and nonce; the audience and issuer we check
        here, so a token minted for another client of the same provider is refused."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience is not this client")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token issuer does not match")
        return payload
