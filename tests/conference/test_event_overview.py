"""The conference admin's overview: the home page and the event list show each event's dates,
the places taken per day against the capacity, the waiting list and what needs action."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conference import services
from conference.models import EventKind
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def full_event(title, first_day, capacity=1, waiting=1):
    """An event of two days: the first full with ``waiting`` on its list, the second free."""
    org = OrganisationFactory()
    event = EventFactory(title=title, organisations=[org])
    full = EventDayFactory(event=event, date=first_day, capacity=capacity)
    EventDayFactory(event=event, date=first_day.replace(day=first_day.day + 1), capacity=5)
    for n in range(capacity + waiting):
        services.registration_create(
            event=event, name=f"Deltager {n}", email=f"d{n}@rk.dk", organisation=org, days=[full]
        )
    return event


def test_the_home_shows_each_coming_event_with_its_days_and_waiting_list(
    client_for, conference_admin, frozen_at
):
    frozen_at(date(2024, 1, 15))
    full_event("Forårskonferencen", date(2024, 3, 5))
    full_event("Sidste års konference", date(2023, 3, 5))  # over: not on the home page
    client = client_for(conference_admin)
    cards = {c.title: c for c in client.get(HOME).context["cards"]}
    assert "Sidste års konference" not in cards
    card = cards["Forårskonferencen"]
    assert card.count == 5  # free places over both days
    assert "5. marts – 6. marts 2024" in card.text
    assert card.details[0] == "Tirsdag 5. marts: 1 af 1 pladser"
    assert card.details[1] == "Onsdag 6. marts: 0 af 5 pladser"
    assert "1 dagstilmelding på venteliste" in card.details
    assert not card.urgent  # nobody waits for a day with room
    page = client.get(HOME).content.decode()
    assert "Forårskonferencen" in page and "1 dagstilmelding på venteliste" in page


def test_a_waiting_list_beside_free_places_is_flagged_as_something_to_do(
    client_for, conference_admin, frozen_at
):
    frozen_at(date(2024, 1, 15))
    event = full_event("Kurset", date(2024, 3, 5))
    day = event.days.order_by("date").first()
    day.capacity = 3  # raised by hand in the admin: one place free, one waits
    day.save()
    card = {c.title: c for c in client_for(conference_admin).get(HOME).context["cards"]}["Kurset"]
    assert card.urgent
    assert "Handling: venteliste til en dag med ledige pladser" in card.details


def test_the_home_shows_no_other_roles_the_events(client_for, coordinator, frozen_at):
    frozen_at(date(2024, 1, 15))
    full_event("Forårskonferencen", date(2024, 3, 5))
    titles = {c.title for c in client_for(coordinator).get(HOME).context["cards"]}
    assert "Forårskonferencen" not in titles


def test_the_event_list_shows_dates_places_per_day_and_the_waiting_list(
    client_for, conference_admin
):
    full_event("Forårskonferencen", date(2024, 3, 5), capacity=2, waiting=3)
    EventFactory(title="Et kursus uden dage", kind=EventKind.COURSE)
    page = client_for(conference_admin).get(reverse("conference:event_list"))
    assert page.status_code == 200
    (event,) = [r for r in page.context["rows"] if r["title"] == "Forårskonferencen"]
    assert [(d["confirmed"], d["capacity"], d["waiting"]) for d in event["days"]] == [
        (2, 2, 3),
        (0, 5, 0),
    ]
    html = page.content.decode()
    assert "5. marts 2024 – 6. marts 2024" in html
    assert "Arrangementet har ingen dage endnu." in html


def test_the_overview_costs_the_same_queries_for_many_events(client_for, conference_admin):
    client = client_for(conference_admin)
    counts = []
    for n in (1, 4):
        for i in range(n):
            full_event(f"Arrangement {n}-{i}", date(2024, 3, 5))
        with CaptureQueriesContext(connection) as home:
            client.get(HOME)
        with CaptureQueriesContext(connection) as listing:
            client.get(reverse("conference:event_list"))
        counts.append((len(home), len(listing)))
    assert counts[0] == counts[1]


def test_the_course_nomination_page_is_named_for_what_it_does(client_for, conference_admin):
    page = client_for(conference_admin).get(reverse("conference:course_list"))
    assert page.context["title"] == "Nominér medarbejdere til kurser"
    assert "Nominér til kurser" in page.content.decode()  # the menu entry
