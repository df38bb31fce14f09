"""Throttling per client: an OAuth2 application (every token of a partner or app shares one budget),
else a signed-in account, else the caller's IP address. Rates are requests per minute from
settings.API_THROTTLE_RATES, read on each request (so tests and operators can change them), and a
partner record may carry its own rate (``PartnerClient.rate_per_minute``)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from portal.api.authentication import token_of


class ClientRateThrottle(SimpleRateThrottle):
    cache_format = "api-throttle:%(scope)s:%(ident)s"
    scope = "anon"

    def __init__(self):
        # SimpleRateThrottle reads a fixed rate here; ours depends on the caller (allow_request).
        pass

    def _scope_ident_rate(self, request):
        rates = settings.API_THROTTLE_RATES
        token = token_of(request)
        if token is not None and token.application_id:
            partner = getattr(token.application, "partner", None)
            own = getattr(partner, "rate_per_minute", None)
            return "client", token.application.client_id, own or rates["client"]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return "user", str(user.pk), rates["user"]
        return "anon", self.get_ident(request), rates["anon"]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}

    def allow_request(self, request, view):
        self.scope, self.ident, per_minute = self._scope_ident_rate(request)
        self.rate = f"{per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
