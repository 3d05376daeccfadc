"""A day's capacity and an event's overall capacity are limits the confirmed places are counted
against: an edit never sets them below what is confirmed — on the event page, and when the edit
and a sign-up come at the same moment (barrier, with the lock-off control)."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from conference import services
from conference.models import BookingStatus, DayBooking, Event, EventDay
from tests.conference.factories import EventDayFactory, EventFactory
from tests.conference.test_event_admin import event_data
from tests.factories import OrganisationFactory, PartnerFactory
from tests.races import writes_at_once
from trivsel.schools.versioning import current_version


def _sign_up(event, day, n):
    return services.registration_create(
        event=event,
        name=f"Deltager {n}",
        email=f"d{n}@rk.dk",
        organisation=event.organisations.first(),
        days=[day],
    )


def _day_row(day, capacity):
    return {
        "id": str(day.pk),
        "event": str(day.event_id),
        "date": day.date.isoformat(),
        "start": "09:00",
        "end": "15:30",
        "capacity": str(capacity),
    }


def _confirmed(day) -> int:
    return DayBooking.objects.filter(day=day, status=BookingStatus.CONFIRMED).count()


@pytest.mark.django_db
def test_a_days_capacity_cannot_be_set_below_its_confirmed_places(client_for, conference_admin):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="du-og-jeg-2025")
    day = EventDayFactory(event=event, capacity=5)
    for n in range(3):
        _sign_up(event, day, n)
    response = client_for(conference_admin).post(
        reverse("conference:event_update", kwargs={"pk": event.pk}),
        {
            **event_data(org, PartnerFactory(), [_day_row(day, 0)], title=event.title),
            "lock_version": current_version(event),
        },
    )
    assert response.status_code == 200
    assert (
        f"Kapaciteten den {day.date:%d.%m.%Y} kan ikke sættes under de 3 pladser, der allerede "
        "er bekræftet." in response.content.decode()
    )
    day.refresh_from_db()
    assert day.capacity == 5 and _confirmed(day) == 3


@pytest.mark.django_db
def test_the_overall_capacity_cannot_be_set_below_the_people_with_a_place(
    client_for, conference_admin
):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="du-og-jeg-2025")
    day = EventDayFactory(event=event, capacity=5)
    for n in range(3):
        _sign_up(event, day, n)
    response = client_for(conference_admin).post(
        reverse("conference:event_update", kwargs={"pk": event.pk}),
        {
            **event_data(
                org, PartnerFactory(), [_day_row(day, 5)], title=event.title, capacity="2"
            ),
            "lock_version": current_version(event),
        },
    )
    assert response.status_code == 200
    assert (
        "Den samlede kapacitet kan ikke sættes under de 3 deltagere, der allerede har en "
        "bekræftet plads." in response.content.decode()
    )
    event.refresh_from_db()
    assert event.capacity is None


@pytest.mark.django_db
def test_a_capacity_may_be_set_to_exactly_the_confirmed_places():
    event = EventFactory()
    day = EventDayFactory(event=event, capacity=5)
    for n in range(3):
        _sign_up(event, day, n)
    day.capacity, event.capacity = 3, 3
    services.event_save(event=event, organisations=[], facilitators=[], days=[day])
    assert EventDay.objects.get(pk=day.pk).capacity == 3
    assert Event.objects.get(pk=event.pk).capacity == 3


# --- at the same moment ----------------------------------------------------------------------
MEET_AT = {"event_save", "registration_book"}


def _race(monkeypatch, *, use_lock: bool):
    """The admin lowers the day to 2 places (1 confirmed) while one more signs up."""
    event = EventFactory(organisations=[OrganisationFactory()])
    day = EventDayFactory(event=event, capacity=3)
    _sign_up(event, day, 0)
    if not use_lock:
        monkeypatch.setattr(services, "_lock", lambda event_id: None)

    def edit():
        edited = EventDay.objects.get(pk=day.pk)
        edited.capacity = 1
        services.event_save(
            event=Event.objects.get(pk=event.pk), organisations=[], facilitators=[], days=[edited]
        )

    writes = {"edit": edit, "sign_up": lambda: _sign_up(event, day, 1)}
    outcomes, barrier = writes_at_once(monkeypatch, writes, MEET_AT)
    day.refresh_from_db()
    return day, outcomes, barrier


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(2))
def test_a_capacity_edit_and_a_sign_up_at_once_never_leave_more_confirmed_than_the_capacity(
    monkeypatch, round_
):
    with override_settings(LOCK_TIMEOUT_MS=20_000):
        day, outcomes, barrier = _race(monkeypatch, use_lock=True)
    assert barrier.broken
    assert outcomes["sign_up"] == "done"  # confirmed, or waiting if the edit came first
    # the edit came first (saved), or second: refused, saying the two places are confirmed
    assert outcomes["edit"] == "done" or "under de 2 pladser" in outcomes["edit"], outcomes
    assert _confirmed(day) <= day.capacity


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_edit_leaves_more_confirmed_than_the_capacity(monkeypatch):
    day, outcomes, barrier = _race(monkeypatch, use_lock=False)
    assert not barrier.broken
    assert outcomes == {"edit": "done", "sign_up": "done"}
    assert _confirmed(day) == 2 > day.capacity == 1
