"""The Celery app. Tasks live in each app's ``tasks.py`` and are discovered from INSTALLED_APPS.

Without a broker (no ``REDIS_URL``/``CELERY_BROKER_URL``) the settings make tasks run eagerly in
process, so ``make run`` needs nothing but Python.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trivsel.settings")

app = Celery("trivsel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
