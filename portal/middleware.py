"""Small middleware of the portal itself."""

from time import perf_counter

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ServerTimingMiddleware:
    """Adds ``Server-Timing: app;dur=<ms>`` so benchmarks can read the time spent inside Django.

    Off unless SERVER_TIMING_HEADER is true (the benchmark harness turns it on): the header tells an
    outsider how long a request took on the server, which production does not need to publish.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.SERVER_TIMING_HEADER

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        started = perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(perf_counter() - started) * 1000:.2f}"
        return response


class VietnameseFirstLocaleMiddleware:
    """Pick the interface language from the visitor's explicit choice only, else Vietnamese.

    Django's LocaleMiddleware also follows the browser's Accept-Language, which would show English to
    every citizen whose phone or computer happens to be set to English. A Vietnamese public service
    answers in Vietnamese unless the visitor chose English with the language switch (a cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
