"""A burst of simultaneous sign-ups for the last places of a day (CONVENTIONS #8).

N threads (each with its own connection) meet at a barrier between recount and write — the
``locking.before_write`` hook the service passes through. With the lock exactly the capacity is
confirmed and the rest wait; the control switches the service's lock off and shows the overbooking.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection
from django.test.utils import override_settings

from conference import services
from conference.models import BookingStatus, DayBooking
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory
from trivsel.schools import locking

THREADS = 8
CAPACITY = 3
BARRIER_TIMEOUT = 1.0  # with the lock the threads can never all meet: the barrier breaks


def burst(monkeypatch, *, use_lock: bool):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org])
    day = EventDayFactory(event=event, capacity=CAPACITY)
    barrier = threading.Barrier(THREADS)

    def meet(name):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=BARRIER_TIMEOUT)

    monkeypatch.setattr(locking, "before_write", meet)
    if not use_lock:  # the control only
        monkeypatch.setattr(services, "_lock", lambda event_id: None)
    errors: list[str] = []

    def worker(i: int):
        try:
            services.registration_create(
                event=event, name=f"Deltager {i}", email=f"d{i}@rk.dk", organisation=org, days=[day]
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    statuses = sorted(DayBooking.objects.filter(day=day).values_list("status", flat=True))
    return statuses, barrier


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(2))
def test_simultaneous_signups_confirm_exactly_the_capacity_and_the_rest_wait(monkeypatch, round_):
    with override_settings(LOCK_TIMEOUT_MS=20_000):
        statuses, barrier = burst(monkeypatch, use_lock=True)
    assert barrier.broken  # never two sign-ups between recount and write at once
    assert statuses == [BookingStatus.CONFIRMED] * CAPACITY + [BookingStatus.WAITING] * (
        THREADS - CAPACITY
    )


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_day_is_overbooked(monkeypatch):
    statuses, barrier = burst(monkeypatch, use_lock=False)
    assert not barrier.broken  # all eight were between recount and write together
    assert statuses == [BookingStatus.CONFIRMED] * THREADS  # THREADS > CAPACITY: overbooked
