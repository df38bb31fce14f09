"""Public lookup (tra cứu hồ sơ): the dossier code plus a second factor, never the code alone.

The second factor is the applicant's ID number (CCCD) or tax code, or the PIN printed on the receipt.
The answer shows the status and the due date only, nothing personal. A wrong code and a wrong second
factor get the same answer (no way to learn which codes exist), and attempts are counted per client
address and per code in a sliding window (cache), so guessing stops after a few tries with a 429.
"""

import hmac

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from dossiers.citizen.forms import LookupForm
from dossiers.models import Dossier, State

WINDOW = 15 * 60


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _hit(key: str) -> int:
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW)
        return 1


def _limited(request, code: str) -> bool:
    by_client = _hit(f"lookup:ip:{_client(request)}")
    by_code = _hit(f"lookup:code:{code}")
    return (
        by_client > settings.DOSSIER_LOOKUP_RATE or by_code > settings.DOSSIER_LOOKUP_RATE_PER_CODE
    )


def _matches(dossier, secret: str) -> bool:
    if not secret:
        return False
    if dossier.applicant_id_number and hmac.compare_digest(
        dossier.applicant_id_number.encode(), secret.encode()
    ):
        return True
    return len(secret) == 6 and dossier.check_pin(secret)


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    context = {"form": form, "result": None, "not_found": False}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            code = form.cleaned_data["code"]
            if _limited(request, code):
                context["limited"] = True
                return TemplateResponse(
                    request, "dossiers/citizen/lookup.html", context, status=429
                )
            dossier = (
                Dossier.objects.exclude(status=State.DRAFT)
                .select_related("procedure_version", "agency")
                .filter(code=code)
                .first()
            )
            if dossier is not None and _matches(dossier, form.cleaned_data["secret"]):
                context["result"] = dossier
            else:
                context["not_found"] = True
                status = 404
    response = TemplateResponse(request, "dossiers/citizen/lookup.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
