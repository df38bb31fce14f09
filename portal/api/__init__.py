"""Pieces every app's API shares: errors, language, authentication, scopes, throttles, pagination,
schema helpers. Each app keeps its own endpoints in ``<app>/api/``; routes are listed in
``portal/api_urls.py``."""
