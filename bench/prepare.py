"""Django side of the benchmark (run with DJANGO_SETTINGS_MODULE=bench.settings and the DATABASE_URL
of one scale): sessions, the page list with query counts, and the set-up and counting of the
sign-up burst and the sync run. Prints JSON. Called by bench/run.py; not a management command, so
nothing of it ships in the portal.

    python bench/prepare.py pages        # {"sessions": {role: cookie}, "pages": [...]}
    python bench/prepare.py burst-setup  # a fresh event with one day of 100 places
    python bench/prepare.py burst-count SLUG
    python bench/prepare.py sync-setup   # removes the previous run's synced activities
    python bench/prepare.py sync-count
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import ROLES, candidate_url_names, extra_pages, is_page  # noqa: E402
from tests.conftest import login  # noqa: E402  (the one way tests log in, 2FA included)
from trivsel.schools.models import User  # noqa: E402

SYNC_NS = uuid.UUID("0b5e4c1e-3b0a-4f55-9a59-6b0d2c0e7b00")
HOST = {"SERVER_NAME": "127.0.0.1", "HTTP_HOST": "127.0.0.1"}


def sync_uuid(i: int) -> str:
    return str(uuid.uuid5(SYNC_NS, f"bench-sync-{i}"))


def pages() -> dict:
    sessions, clients = {}, {}
    for role, username in ROLES:
        user = User.objects.get(username=username)
        client = login(Client(**HOST), user)
        clients[role] = client
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    result, measured = [], set()

    def measure(role, name, url):
        client = clients[role]
        client.get(url)  # warm caches the way a second visitor finds them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if not is_page(response):
            return False
        result.append({"role": role, "name": name, "url": url, "queries": len(queries)})
        return True

    for role, _username in ROLES:
        measure(role, "home", reverse("home"))
    for name in candidate_url_names():
        url = reverse(name)
        if url == reverse("home") or url in measured:
            continue
        for role, _username in ROLES:
            if measure(role, name, url):
                measured.add(url)
                break
    for role, name, url in extra_pages():
        measure(role, name, url)
    return {
        "sessions": sessions,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "reference": reverse("bench_reference"),
        "pages": result,
    }


def burst_setup(places: int = 100) -> dict:
    from datetime import date, time, timedelta

    from conference.models import Event, EventDay, EventKind
    from trivsel.schools import clock
    from trivsel.schools.models import Organisation

    now = clock.now()
    slug = f"bench-burst-{uuid.uuid4().hex[:8]}"
    event = Event.objects.create(
        slug=slug,
        kind=EventKind.CONFERENCE,
        title="Benchmark: tilmeldingsstorm",
        description="Oprettet af bench/run.py.",
        place="Loopback",
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=30),
        contact_email="bench@rk.dk",
    )
    org = Organisation.objects.order_by("pk").first()
    event.organisations.set([org])
    day = EventDay.objects.create(
        event=event,
        date=date.fromordinal(now.date().toordinal() + 40),
        start=time(9),
        end=time(15),
        capacity=places,
    )
    return {
        "slug": slug,
        "url": reverse("conference:signup", args=[slug]),
        "organisation": org.pk,
        "day": day.pk,
    }


def burst_count(slug: str) -> dict:
    from django.db.models import Count

    from conference.models import DayBooking, Registration

    counts = dict(
        DayBooking.objects.filter(day__event__slug=slug)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    emails = Registration.objects.filter(
        event__slug=slug, confirmation_sent_at__isnull=False
    ).count()
    return {**{str(k): v for k, v in counts.items()}, "emails_sent": emails}


def sync_setup() -> dict:
    from consultants.models import Activity
    from trivsel.schools.models import School

    uuids = [sync_uuid(i) for i in range(1000)]
    Activity.objects.filter(client_uuid__in=uuids).delete()
    school = School.objects.order_by("name").first()
    return {"url": reverse("consultants:sync"), "school": school.pk, "uuids": uuids}


def sync_count() -> dict:
    from consultants.models import Activity

    uuids = [sync_uuid(i) for i in range(1000)]
    return {"activities": Activity.objects.filter(client_uuid__in=uuids).count()}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    out = {
        "pages": pages,
        "burst-setup": burst_setup,
        "burst-count": burst_count,
        "sync-setup": sync_setup,
        "sync-count": sync_count,
    }[command](*args)
    print(json.dumps(out))
