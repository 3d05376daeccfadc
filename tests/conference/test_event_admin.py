"""Event management by conference admins: an event with its days and consent text versions."""

import pytest
from django.urls import reverse

from conference import services
from conference.models import BookingStatus, ConsentText, Event, EventDay
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import PartnerFactory
from trivsel.schools.versioning import current_version


def event_data(org, partner, days, **extra):
    data = {
        "kind": "conference",
        "title": "Du og jeg 2025",
        "slug": "du-og-jeg-2025",
        "description": "Tre dage om trivsel.",
        "place": "Rødovre Rådhus",
        "capacity": "",
        "registration_opens": "2025-01-01T09:00",
        "registration_closes": "2025-02-01T23:00",
        "organisations": [org.pk],
        "facilitators": [partner.pk],
        "contact_email": "trivsel@rk.dk",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(sum(1 for d in days if d.get("id"))),
        "days-MIN_NUM_FORMS": "1",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, day in enumerate(days):
        for key, value in day.items():
            data[f"days-{i}-{key}"] = value
    return data | extra


@pytest.fixture
def partner(db):
    return PartnerFactory(name="MIT Center for Systems Awareness")


def test_a_conference_admin_creates_an_event_with_days_organisations_and_facilitators(
    client_for, conference_admin, org, partner
):
    days = [
        {"date": "2025-03-05", "start": "09:00", "end": "15:30", "capacity": "110"},
        {"date": "2025-03-06", "start": "09:00", "end": "15:30", "capacity": "80"},
    ]
    response = client_for(conference_admin).post(
        reverse("conference:event_create"), event_data(org, partner, days), follow=True
    )
    assert "er gemt" in response.content.decode()
    event = Event.objects.get()
    assert list(event.days.values_list("capacity", flat=True)) == [110, 80]
    assert list(event.organisations.all()) == [org]
    assert list(event.facilitators.all()) == [partner]


@pytest.mark.parametrize(
    ("change", "day", "message"),
    [
        ({"registration_closes": "2024-12-01T09:00"}, {}, "skal åbne før den lukker"),
        ({}, {"end": "08:00"}, "Starttiden skal ligge før sluttiden"),
        ({}, {"capacity": "-1"}, "større end eller lig 0"),
    ],
)
def test_bad_event_input_gives_a_danish_message_and_saves_nothing(
    client_for, conference_admin, org, partner, change, day, message
):
    days = [{"date": "2025-03-05", "start": "09:00", "end": "15:30", "capacity": "10"} | day]
    response = client_for(conference_admin).post(
        reverse("conference:event_create"), event_data(org, partner, days, **change)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_raising_a_days_capacity_promotes_from_the_waiting_list(
    client_for, conference_admin, org, partner
):
    event = EventFactory(organisations=[org], slug="du-og-jeg-2025")
    day = EventDayFactory(event=event, capacity=1)
    regs = [
        services.registration_create(
            event=event, name=f"P{i}", email=f"p{i}@rk.dk", organisation=org, days=[day]
        )
        for i in range(3)
    ]
    days = [
        {
            "id": str(day.pk),
            "event": str(event.pk),
            "date": day.date.isoformat(),
            "start": "09:00",
            "end": "15:30",
            "capacity": "2",
        }
    ]
    response = client_for(conference_admin).post(
        reverse("conference:event_update", kwargs={"pk": event.pk}),
        {
            **event_data(org, partner, days, title=event.title),
            "lock_version": current_version(event),
        },
    )
    assert response.status_code == 302
    statuses = [r.bookings.get().status for r in regs]
    assert statuses == [BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.WAITING]


def test_a_day_with_signups_cannot_be_removed(client_for, conference_admin, org, partner):
    event = EventFactory(organisations=[org], slug="du-og-jeg-2025")
    day, other = EventDayFactory(event=event), EventDayFactory(event=event)
    services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    days = [
        {
            "id": str(d.pk),
            "event": str(event.pk),
            "date": d.date.isoformat(),
            "start": "09:00",
            "end": "15:30",
            "capacity": "10",
            "DELETE": "on" if d == day else "",
        }
        for d in (day, other)
    ]
    response = client_for(conference_admin).post(
        reverse("conference:event_update", kwargs={"pk": event.pk}),
        {**event_data(org, partner, days), "lock_version": current_version(event)},
    )
    assert "har tilmeldinger og kan ikke fjernes" in response.content.decode()
    assert EventDay.objects.filter(pk=day.pk).exists()
    event.refresh_from_db()
    assert event.title != "Du og jeg 2025"  # nothing saved


def test_a_new_consent_wording_is_a_new_version(client_for, conference_admin):
    event = EventFactory()
    client = client_for(conference_admin)
    url = reverse("conference:consent_texts", kwargs={"pk": event.pk})
    client.post(url, {"text": "Første udgave."})
    response = client.post(url, {"text": "Anden udgave."}, follow=True)
    assert "version 2 er gemt" in response.content.decode()
    assert list(ConsentText.objects.values_list("version", "text")) == [
        (2, "Anden udgave."),
        (1, "Første udgave."),
    ]
    assert event.current_consent().text == "Anden udgave."


def test_a_coordinator_and_a_leader_cannot_edit_events(client_for, coordinator, leader_a):
    event = EventFactory()
    for user in (coordinator, leader_a):
        client = client_for(user)
        assert client.get(reverse("conference:event_create")).status_code == 403
        url = reverse("conference:event_update", kwargs={"pk": event.pk})
        assert client.post(url, {"title": "x"}).status_code == 403
