"""Every write of a registration takes the same locks in the same order — the event's lock, then
the registration's row — and checks what it re-reads under them, never the copy it was handed.

First, each write handed a copy loaded before someone else changed the registration (the stale
copy a page or a task holds); then a change of days and a cancellation of one registration at the
same moment (CONVENTIONS #8): the two meet at a barrier between re-read and write. With the locks
the one that comes second sees what the first did; the control takes the locks away (the re-read
stays) and a cancelled registration keeps a confirmed place.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test.utils import override_settings
from django.utils import timezone

from conference import retention, services
from conference.models import BookingStatus, DayBooking, ParticipantKind, Registration
from conference.models import RegistrationStatus as Status
from tests.conference.factories import ConsentTextFactory, EventDayFactory, EventFactory
from tests.factories import OrganisationFactory, SchoolClassFactory
from tests.races import writes_at_once

ACTIVE = (BookingStatus.CONFIRMED, BookingStatus.WAITING, BookingStatus.AWAITING_CONSENT)


def _adult(event, day, email="anne@rk.dk"):
    return services.registration_create(
        event=event,
        name="Anne",
        email=email,
        organisation=event.organisations.first(),
        days=[day],
    )


def _pupil(event, day):
    school_class = SchoolClassFactory()
    return services.registration_create(
        event=event,
        kind=ParticipantKind.PUPIL,
        name="Ida",
        school=school_class.school,
        school_class=school_class,
        days=[day],
        accompanying_adult="Mads Lærer",
    )


def _active_days(registration) -> list:
    return list(
        DayBooking.objects.filter(registration=registration, status__in=ACTIVE).values_list(
            "day", flat=True
        )
    )


# --- a stale copy ----------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_change_of_days_on_a_copy_from_before_the_cancellation_is_refused():
    event = EventFactory()
    first, second = EventDayFactory(event=event), EventDayFactory(event=event)
    registration = _adult(event, first)
    stale = Registration.objects.get(pk=registration.pk)  # the manage page's copy
    services.registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="Tilmeldingen er afmeldt"):
        services.registration_change_days(registration=stale, days=[first, second])
    assert _active_days(registration) == []


@pytest.mark.django_db
def test_a_check_in_of_a_booking_cancelled_meanwhile_is_refused():
    event = EventFactory()
    day = EventDayFactory(event=event, date=timezone.localdate())
    registration = _adult(event, day)
    stale = registration.bookings.get()  # the door's list was drawn before the cancellation
    services.registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="Kun bekræftede deltagere"):
        services.booking_check_in(booking=stale)
    assert DayBooking.objects.get(pk=stale.pk).checked_in_at is None
    assert stale.status == BookingStatus.CANCELLED  # the caller's copy shows it as it is now


@pytest.mark.django_db
def test_consent_for_a_pupil_cancelled_meanwhile_books_no_place():
    event = EventFactory()
    ConsentTextFactory(event=event)
    day = EventDayFactory(event=event)
    pupil = _pupil(event, day)
    stale = Registration.objects.get(pk=pupil.pk)
    services.registration_cancel(registration=pupil)
    with pytest.raises(ValidationError, match="Tilmeldingen er afmeldt"):
        services.registration_record_consent(
            registration=stale, guardian_name="Mor", given_at=timezone.now()
        )
    assert _active_days(pupil) == []
    assert Registration.objects.get(pk=pupil.pk).status == Status.CANCELLED


@pytest.mark.django_db
def test_consent_on_a_copy_from_before_anonymising_does_not_bring_the_name_back():
    event = EventFactory()
    ConsentTextFactory(event=event)
    pupil = _pupil(event, EventDayFactory(event=event))
    stale = Registration.objects.get(pk=pupil.pk)
    assert retention.pupils_anonymise_ids([pupil.pk]) == 1
    with pytest.raises(ValidationError, match="anonymiseret"):
        services.registration_record_consent(
            registration=stale, guardian_name="Mor", given_at=timezone.now()
        )
    pupil.refresh_from_db()
    assert pupil.name.startswith(retention.ANONYMOUS_PREFIX) and pupil.guardian_name == ""


@pytest.mark.django_db
def test_anonymising_twice_counts_each_registration_once():
    event = EventFactory()
    registration = _adult(event, EventDayFactory(event=event))
    assert retention.adults_anonymise_ids([registration.pk]) == 1
    assert retention.adults_anonymise_ids([registration.pk]) == 0  # done meanwhile: left alone


@pytest.mark.django_db
def test_cancelling_twice_is_refused_the_second_time_and_changes_nothing():
    event = EventFactory()
    day = EventDayFactory(event=event, capacity=1)
    holder = _adult(event, day)
    waiting = _adult(event, day, email="bo@rk.dk")
    assert [p.registration for p in services.registration_cancel(registration=holder)] == [waiting]
    with pytest.raises(ValidationError, match="allerede afmeldt"):
        services.registration_cancel(registration=holder)
    assert _active_days(waiting) == [day.pk]


# --- at the same moment ----------------------------------------------------------------------
BARRIER_TIMEOUT = 1.0  # with the locks the second never arrives while the first waits: it breaks
MEET_AT = {"registration_cancel", "registration_change_days"}


def _race(monkeypatch, *, use_locks: bool):
    """A change of days (adding a second day) and a cancellation of one registration at once."""
    event = EventFactory(organisations=[OrganisationFactory()])
    first, second = EventDayFactory(event=event), EventDayFactory(event=event)
    registration = _adult(event, first)
    if not use_locks:  # the control: the same re-read, without the locks
        monkeypatch.setattr(services, "_lock", lambda event_id: None)
        monkeypatch.setattr(
            services,
            "_locked_row",
            lambda pk: Registration.objects.select_related("event").get(pk=pk),
        )
    writes = {
        "change": lambda: services.registration_change_days(
            registration=Registration.objects.get(pk=registration.pk), days=[first, second]
        ),
        "cancel": lambda: services.registration_cancel(
            registration=Registration.objects.get(pk=registration.pk)
        ),
    }
    outcomes, barrier = writes_at_once(monkeypatch, writes, MEET_AT)
    registration.refresh_from_db()
    return registration, outcomes, barrier


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_a_change_and_a_cancellation_at_once_leave_a_cancelled_registration_without_a_place(
    monkeypatch, round_
):
    with override_settings(LOCK_TIMEOUT_MS=20_000):
        registration, outcomes, barrier = _race(monkeypatch, use_locks=True)
    assert barrier.broken  # never both between re-read and write at once
    assert outcomes["cancel"] == "done"
    assert outcomes["change"] in ("done", "Tilmeldingen er afmeldt.")
    assert registration.status == Status.CANCELLED
    assert _active_days(registration) == []


@pytest.mark.django_db(transaction=True)
def test_without_the_locks_a_cancelled_registration_keeps_a_confirmed_place(monkeypatch):
    registration, outcomes, barrier = _race(monkeypatch, use_locks=False)
    assert not barrier.broken  # both were between re-read and write together
    assert outcomes == {"change": "done", "cancel": "done"}
    assert registration.status == Status.CANCELLED
    assert DayBooking.objects.filter(
        registration=registration, status=BookingStatus.CONFIRMED
    ).exists()
