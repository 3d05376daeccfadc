"""Places and the waiting list, told up front: the public form says per day whether there are
places, and after a sign-up the message and the admin's list say who got a place and who waits."""

from datetime import timedelta

from django.urls import reverse

from conference import services
from conference.models import BookingStatus, ParticipantKind
from tests.conference.factories import ConsentTextFactory, EventDayFactory, sign_up
from trivsel.schools import clock


def test_the_public_form_says_per_day_whether_there_are_places(client, event, org):
    open_day = EventDayFactory(event=event, capacity=3)
    full_day = EventDayFactory(event=event, capacity=1)
    services.registration_create(
        event=event, name="Bo", email="bo@rk.dk", organisation=org, days=[open_day, full_day]
    )
    page = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert f"{open_day.date:%d.%m.%Y}, kl. 09:00–15:30 · 2 ledige pladser" in page
    assert f"{full_day.date:%d.%m.%Y}, kl. 09:00–15:30 · fuldt – venteliste" in page


def test_an_event_at_its_overall_capacity_shows_every_day_as_full(client, event, org):
    day = EventDayFactory(event=event, capacity=5)
    event.capacity = 1
    event.save()
    services.registration_create(
        event=event, name="Bo", email="bo@rk.dk", organisation=org, days=[day]
    )
    page = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert "fuldt – venteliste" in page and "ledige pladser" not in page


def test_after_a_group_sign_up_the_message_says_who_got_a_place_and_who_waits(
    client_for, staff_a, class_a, event
):
    ConsentTextFactory(event=event, version=1)
    day = EventDayFactory(event=event, capacity=2)
    given = (clock.today() - timedelta(days=1)).isoformat()
    data = {
        "school_class": class_a.pk,
        "accompanying_adult": "Mads Lærer",
        "days": [day.pk],
        "pupil-TOTAL_FORMS": "4",
        "pupil-INITIAL_FORMS": "0",
        "pupil-MIN_NUM_FORMS": "0",
        "pupil-MAX_NUM_FORMS": "40",
    }
    for i, (name, guardian) in enumerate(
        [("Ida", "Hanne"), ("Noah", "Jens"), ("Freja", "Lis"), ("Karl", "")]
    ):
        data |= {
            f"pupil-{i}-first_name": name,
            f"pupil-{i}-guardian_name": guardian,
            f"pupil-{i}-consent_date": given if guardian else "",
        }
    url = reverse("conference:pupil_list", kwargs={"pk": event.pk})
    form_page = client_for(staff_a).get(url).content.decode()
    assert "2 ledige pladser" in form_page
    response = client_for(staff_a).post(url, data, follow=True)
    text = response.content.decode()
    assert "4 elever er tilmeldt." in text
    assert "2 har fået plads, 1 er på venteliste." in text
    assert "1 mangler forældresamtykke" in text


def test_the_admin_list_says_waiting_when_all_of_a_persons_days_wait(
    client_for, conference_admin, event, org
):
    day = EventDayFactory(event=event, capacity=1)
    first = sign_up(event, org, day, "Anne Andersen")
    second = sign_up(event, org, day, "Bo Hansen")
    html = (
        client_for(conference_admin)
        .get(reverse("conference:registration_list", kwargs={"pk": event.pk}))
        .content.decode()
    )
    rows = html.split("<tr>")
    status = {name: next(row for row in rows if name in row) for name in (first.name, second.name)}
    assert "<td>Tilmeldt</td>" in status[first.name]
    assert "<td>På venteliste</td>" in status[second.name]
    assert second.bookings.get().status == BookingStatus.WAITING


def test_a_pupil_awaiting_consent_is_labelled_so(event, day, school_a, class_a, staff_a):
    pupil = services.registration_create(
        event=event,
        kind=ParticipantKind.PUPIL,
        name="Ida",
        school=school_a,
        school_class=class_a,
        days=[day],
        created_by=staff_a,
    )
    assert pupil.status_label() == "Afventer samtykke"
