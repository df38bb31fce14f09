"""The Django project: settings, URLs, the Celery app, the home and health pages."""

from .celery import app as celery_app

__all__ = ["celery_app"]
