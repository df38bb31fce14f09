"""OAuth2 scopes: what a token may do. Which agencies' dossiers it may touch is a separate question,
answered like for an officer (the application's service account and its staff memberships).

An application may only be granted the scopes listed on its partner record
(``portal.integrations.PartnerClient.scopes``) when it has one; otherwise (citizens' apps) the scopes
of settings.OAUTH2_PROVIDER["SCOPES"] that are not reserved for partners.
"""

from oauth2_provider.scopes import SettingsScopes

CATALOGUE_READ = "catalogue:read"
STATUS_READ = "status:read"
STATUS_WRITE = "status:write"
DOSSIERS_OWN = "dossiers:own"

PARTNER_SCOPES = (CATALOGUE_READ, STATUS_READ, STATUS_WRITE)
CITIZEN_APP_SCOPES = (CATALOGUE_READ, DOSSIERS_OWN)


def _partner_or_none(application):
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(application, "partner", None)


class ApplicationScopes(SettingsScopes):
    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        if application is not None and application.authorization_grant_type == "client-credentials":
            partner = _partner_or_none(application)
            if partner is None or not partner.is_active:
                # A client without a partner record reads the public catalogue, nothing else.
                return [CATALOGUE_READ]
            return [scope for scope in partner.scopes if scope in PARTNER_SCOPES]
        return list(CITIZEN_APP_SCOPES)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request)
