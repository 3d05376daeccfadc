"""Simultaneous HTTP requests to a live server (CONVENTIONS #8): threads post the public form
for the last places of a day at the same moment. Exactly the capacity is confirmed, the rest wait.
The rate limit is switched off here (all threads come from 127.0.0.1)."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request

import pytest
from django.test.utils import override_settings

from conference.models import BookingStatus, DayBooking, Registration
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory

THREADS = 8
CAPACITY = 5
ALREADY_TAKEN = 2  # the burst is for the last three places


def _opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db(transaction=True)
@override_settings(CONFERENCE_SIGNUP_RATE_LIMIT="off", LOCK_TIMEOUT_MS=20_000)
def test_simultaneous_http_signups_for_the_last_places_confirm_exactly_the_capacity(
    live_server,
):
    from conference import services

    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="sidste-pladser")
    day = EventDayFactory(event=event, capacity=CAPACITY)
    for i in range(ALREADY_TAKEN):
        services.registration_create(
            event=event, name=f"Tidlig {i}", email=f"tidlig{i}@rk.dk", organisation=org, days=[day]
        )
    url = live_server.url + event.get_public_url()

    # each thread has its own session: GET the form (cookie + CSRF token), then all POST at once
    prepared = []
    for i in range(THREADS):
        opener = _opener()
        with opener.open(url, timeout=30) as response:
            token = _token(response.read().decode())
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Deltager {i}",
                "email": f"deltager{i}@rk.dk",
                "organisation": org.pk,
                "days": day.pk,
                "website": "",
            }
        ).encode()
        prepared.append((opener, data))

    start = threading.Barrier(THREADS)
    results: list = [None] * THREADS

    def post(i: int) -> None:
        opener, data = prepared[i]
        start.wait(timeout=30)
        try:
            request = urllib.request.Request(url, data=data)  # noqa: S310 - the live server
            with opener.open(request, timeout=60) as response:
                results[i] = (response.status, response.url)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[i] = repr(error)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(t.is_alive() for t in threads)
    # every request ended on its private page (redirected after the sign-up)
    assert all(isinstance(r, tuple) and "/tilmelding/min/" in r[1] for r in results), results
    statuses = list(DayBooking.objects.filter(day=day).values_list("status", flat=True))
    assert statuses.count(BookingStatus.CONFIRMED) == CAPACITY
    assert statuses.count(BookingStatus.WAITING) == THREADS + ALREADY_TAKEN - CAPACITY
    assert Registration.objects.filter(event=event).count() == THREADS + ALREADY_TAKEN
