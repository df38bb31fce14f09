"""The sandbox gateway's own payment page (served by us under /thanh-toan/sandbox/, standing in for a
bank's page) and the merchant-side endpoints every provider uses: the signed server-to-server callback
and the browser's return."""

import logging

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_http_methods

from dossiers.payments import registry
from dossiers.payments.contrib.sandbox import SandboxProvider
from dossiers.payments.tasks import deliver_sandbox_callback

logger = logging.getLogger(__name__)


def _sandbox() -> SandboxProvider:
    for name in registry.names():
        provider = registry.get(name)
        if isinstance(provider, SandboxProvider):
            return provider
    raise Http404


@require_http_methods(["GET", "POST"])
def sandbox_gateway(request, token):
    provider = _sandbox()
    try:
        order = provider.read_token(token)
    except signing.BadSignature:
        return TemplateResponse(
            request, "dossiers/payments/sandbox_invalid.html", {"reason": "invalid"}, status=400
        )
    expires = parse_datetime(order.get("expires") or "")
    if expires and expires < timezone.now():
        return TemplateResponse(
            request, "dossiers/payments/sandbox_invalid.html", {"reason": "expired"}, status=410
        )
    if request.method == "POST":
        paid = request.POST.get("action") == "pay"
        params = provider.settle(order, paid=paid)
        deliver_sandbox_callback.delay_on_commit(order["notify"], params)
        return HttpResponseRedirect(provider.with_params(order["return"], params))
    return TemplateResponse(request, "dossiers/payments/sandbox_gateway.html", {"order": order})
