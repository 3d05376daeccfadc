"""Settings for benchmarks only: the production settings plus a reference page and the demo clock.

Never used in production: ``bench/run.py`` starts gunicorn and Celery with
``DJANGO_SETTINGS_MODULE=bench.settings``. The reference page lives in ``bench/urls.py``, a URL
conf that only these settings load, so it is not reachable from the portal's own URL conf.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

os.environ.setdefault("SECRET_KEY", "bench-only-key-not-for-production")
os.environ.setdefault("DEBUG", "false")

from trivsel.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
# Static files straight from the finders (no collectstatic step before a run); pages only link
# to them, wrk never fetches them.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo's pages are about its school year: the web and Celery workers run on the demo date
# (clock ticking), so «this week», «overdue» and «open for sign-up» mean what they mean in the demo.
if os.environ.get("BENCH_DEMO_CLOCK", "1") == "1":
    import time_machine

    time_machine.travel(
        datetime.combine(DEMO_DATE, datetime.min.time(), ZoneInfo(TIME_ZONE)).replace(hour=10),  # noqa: F405
        tick=True,
    ).start()

# The sign-up burst measures the capacity lock, not the abuse guard: switch off rate limiting
# for this run (the settings of the libraries the security work may use).
CONFERENCE_SIGNUP_RATE_LIMIT = "off"
RATELIMIT_ENABLE = False
AXES_ENABLED = False
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
