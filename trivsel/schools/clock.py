"""The portal's clock: ``clock.today()`` and ``clock.now()`` instead of ``date.today()`` /
``datetime.now()``.

Both are in the portal's time zone (Europe/Copenhagen, ``settings.TIME_ZONE``), so «today» is the
Danish date even on a server that runs in UTC, and ``now()`` is timezone-aware. Tests pin the time
with time-machine (the ``at_demo_date`` / ``frozen_at`` fixtures in ``tests/conftest.py``); because
these functions read the (patched) system clock, a pinned test and the code agree on «today».

``demo_date()`` is ``settings.DEMO_DATE``: the fixed day the demo data tells its story from. With
``DEMO_CLOCK=true`` (what ``make run`` sets) the portal lives on that day: ``now()`` is the demo date
at the real time of day, so the demo's open sign-ups, upcoming talks and overdue follow-ups stay as
the demo tells them whatever the calendar says. Production never sets it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    """The current moment, aware, in Europe/Copenhagen (whatever time zone is activated)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    real = timezone.localtime(timezone.now(), zone)
    if settings.DEMO_CLOCK:
        return datetime.combine(settings.DEMO_DATE, real.time().replace(tzinfo=None), tzinfo=zone)
    return real


def today() -> date:
    """Today's date in Denmark (not the server's or UTC's date)."""
    return now().date()


def demo_date() -> date:
    return settings.DEMO_DATE
