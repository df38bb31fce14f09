"""Sign-in with any identifier the account holds: ID number, tax code, email, phone or username."""

from django.contrib.auth.backends import ModelBackend

from accounts.models import User


def resolve_identifier(identifier):
    """The one account an identifier names, or None (none, or ambiguous)."""
    matches = list(User.objects.matching_identifier(identifier)[:2])
    return matches[0] if len(matches) == 1 else None


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, identifier=None, **kwargs):
        identifier = identifier or username or kwargs.get(User.USERNAME_FIELD)
        if not identifier or password is None:
            return None
        user = resolve_identifier(identifier)
        if user is None:
            # Spend the same time as a real check so timing does not reveal which identifiers exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials=None):
    """Lockout key for django-axes: the account an identifier names, so that switching between ID
    number, email and phone gives no extra attempts; the normalised identifier otherwise."""
    credentials = credentials or {}
    identifier = (
        credentials.get("identifier")
        or credentials.get("username")
        or (request.POST.get("identifier") if request is not None else None)
        or (request.POST.get("username") if request is not None else None)
        or ""
    ).strip()
    user = resolve_identifier(identifier) if identifier else None
    return f"account:{user.pk}" if user else identifier.lower()
