from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.health import run_checks
from portal.tasks import last_heartbeat


@require_safe
def home(request):
    return render(request, "portal/home.html")


@never_cache
@require_safe
def livez(request):
    """Liveness: the process answers. No database, no broker — the bare cost of a Django request."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def healthz(request):
    """Readiness: JSON with the state of the database, the broker and pending migrations."""
    healthy, checks = run_checks()
    body = {
        "status": "ok" if healthy else "error",
        "checks": checks,
        "beat_heartbeat": last_heartbeat("beat"),
    }
    return JsonResponse(body, status=200 if healthy else 503)
