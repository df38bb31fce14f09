"""Small middleware of the portal itself."""

from time import perf_counter

from django.conf import settings


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
