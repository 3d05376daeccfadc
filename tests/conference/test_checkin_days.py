"""The door list on another day than the event's: a read-only list, with «Ret indtjekningen for
denne dag» for a correction after the fact (by the portal's clock)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.conference.factories import EventDayFactory, EventFactory
from tests.conference.test_qa_fixes import sign_up
from tests.factories import OrganisationFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="BUPL")


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], slug="du-og-jeg")


@pytest.fixture
def day(event):
    return EventDayFactory(event=event, capacity=5)


def checkin_page(client, event, day, **query) -> str:
    url = reverse("conference:checkin", kwargs={"pk": event.pk, "day_pk": day.pk})
    return client.get(url, query).content.decode()


def test_the_list_offers_no_check_in_buttons_before_the_day(
    client_for, conference_admin, event, org, day, frozen_at
):
    booking = sign_up(event, org, day, "Carla Nielsen").bookings.get()
    frozen_at(day.date - timedelta(days=1))
    page = checkin_page(client_for(conference_admin), event, day)
    assert reverse("conference:checkin_booking", kwargs={"pk": booking.pk}) not in page
    assert "Ikke tjekket ind" in page
    assert "Ret indtjekningen for denne dag" in page


def test_a_correction_after_the_day_shows_the_buttons_with_a_note(
    client_for, conference_admin, event, org, day, frozen_at
):
    booking = sign_up(event, org, day, "Carla Nielsen").bookings.get()
    frozen_at(day.date + timedelta(days=2))
    page = checkin_page(client_for(conference_admin), event, day, rettelse="1")
    assert "Rettelse bagefter:" in page
    assert reverse("conference:checkin_booking", kwargs={"pk": booking.pk}) in page
    assert 'name="rettelse" value="1"' in page


def test_on_the_day_the_buttons_are_there_without_a_correction(
    client_for, conference_admin, event, org, day, frozen_at
):
    booking = sign_up(event, org, day, "Carla Nielsen").bookings.get()
    frozen_at(day.date)
    page = checkin_page(client_for(conference_admin), event, day)
    assert reverse("conference:checkin_booking", kwargs={"pk": booking.pk}) in page
    assert "Kun til at se" not in page and "Ret indtjekningen" not in page
