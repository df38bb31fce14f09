"""The language of API answers: what the caller asked for, else Vietnamese.

Pages ignore Accept-Language (portal.middleware.VietnameseFirstLocaleMiddleware: a citizen's phone set
to English must not turn the portal English). An API client, though, states its language on purpose:
``?lang=en`` first, then Accept-Language, then the language cookie of a signed-in browser, else
Vietnamese. Only the messages change; codes, field names and enum values never do.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from portal.api.errors import error_body

API_PREFIX = "/api/"


def requested_language(request) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    chosen = (request.GET.get("lang") or "").strip().lower()
    if chosen in supported:
        return chosen
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        primary = tag.split("-")[0].lower()
        if primary in supported:
            return primary
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in supported:
        return cookie
    return settings.LANGUAGE_CODE


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        language = requested_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response["Content-Language"] = language
        return response


class ApiQueryGuardMiddleware:
    """A query parameter holding a NUL character is refused with the API's 400 before any view reads
    it: PostgreSQL cannot compare such a string (every view that filtered on a raw parameter failed
    with a 500). Pages need no guard: their forms refuse NUL characters themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            bad = sorted(
                {
                    name
                    for name, values in request.GET.lists()
                    for v in [name, *values]
                    if "\x00" in v
                }
            )
            if bad:
                message = _("Giá trị không hợp lệ.")
                fields = {name: [{"code": "invalid", "message": message}] for name in bad}
                return JsonResponse(error_body("invalid", fields=fields), status=400)
        return self.get_response(request)
