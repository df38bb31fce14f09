"""The first figures: a bare Django view (/livez) beside the home page, and the readiness probe."""

from bench.harness import HttpCase

HTTP_CASES = [
    HttpCase(name="bare Django view (/livez)", paths=["/livez"]),
    HttpCase(name="home page (/)", paths=["/"]),
    HttpCase(name="readiness probe (/healthz)", paths=["/healthz"], concurrency=2),
]

RATIOS = [("home page (/)", "bare Django view (/livez)")]
