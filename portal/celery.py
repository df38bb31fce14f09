"""The Celery app.

Every setting comes from Django's settings under the ``CELERY_`` prefix, so the broker, the named
queues and the beat schedule live in one place (portal/settings.py). Tasks use Celery's DjangoTask,
whose ``delay_on_commit`` enqueues only once the surrounding transaction has committed: a rolled-back
change never sends its message (docs/adr/0003).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")


app.autodiscover_tasks()
