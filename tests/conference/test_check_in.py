"""Check-in at the door: it confirms by name and offers «Fortryd», keeps the search and the place
in the list, and happens only on the day unless marked as a correction."""

from datetime import timedelta

from django.urls import reverse

from tests.conference.factories import EventDayFactory, sign_up
from trivsel.schools import clock


def test_check_in_confirms_by_name_offers_undo_and_keeps_the_search(
    client_for, conference_admin, event, org, day, frozen_at
):
    booking = sign_up(event, org, day, "Carla Nielsen").bookings.get()
    frozen_at(day.date)
    client = client_for(conference_admin)
    url = reverse("conference:checkin_booking", kwargs={"pk": booking.pk})

    swap = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert f'id="b-{booking.pk}"' in swap  # just the row
    assert 'id="checkin-status" hx-swap-oob="innerHTML"' in swap  # the live region
    assert "Carla Nielsen er tjekket ind." in swap and "Fortryd" in swap
    booking.refresh_from_db()
    assert booking.checked_in_at is not None

    undo = reverse("conference:checkin_undo", kwargs={"pk": booking.pk})
    swap = client.post(undo, {"q": "carl"}, headers={"HX-Request": "true"}).content.decode()
    assert "Indtjekningen af Carla Nielsen er fortrudt." in swap
    booking.refresh_from_db()
    assert booking.checked_in_at is None

    # without JavaScript: back to the list with the search and an anchor at the row
    response = client.post(url, {"q": "carl"})
    assert response.status_code == 302
    assert "q=carl" in response["Location"] and response["Location"].endswith(f"#b-{booking.pk}")
    page = client.get(response["Location"]).content.decode()
    assert 'value="carl"' in page and "Carla Nielsen er tjekket ind." in page


def test_the_check_in_list_hides_rows_that_do_not_match_the_search(
    client_for, conference_admin, event, org
):
    day = EventDayFactory(event=event, capacity=5)
    carla, bo = (sign_up(event, org, day, n).bookings.get() for n in ("Carla Nielsen", "Bo Hansen"))
    url = reverse("conference:checkin", kwargs={"pk": event.pk, "day_pk": day.pk})
    page = client_for(conference_admin).get(url, {"q": "carla"})
    hidden = {b.pk: b.hidden for b in page.context["bookings"]}
    assert hidden == {carla.pk: False, bo.pk: True}


def test_check_in_on_another_day_is_refused_unless_marked_as_a_correction(
    client_for, conference_admin, event, org, day, frozen_at
):
    booking = sign_up(event, org, day, "Carla Nielsen").bookings.get()
    frozen_at(day.date - timedelta(days=1))
    client = client_for(conference_admin)
    page = client.get(
        reverse("conference:checkin", kwargs={"pk": event.pk, "day_pk": day.pk})
    ).content.decode()
    assert "Kun til at se:" in page and "rettelse=1" in page
    url = reverse("conference:checkin_booking", kwargs={"pk": booking.pk})
    swap = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "Indtjekning sker på selve dagen" in swap
    booking.refresh_from_db()
    assert booking.checked_in_at is None
    client.post(url, {"rettelse": "1"}, headers={"HX-Request": "true"})
    booking.refresh_from_db()
    assert booking.checked_in_at is not None
    assert clock.today() != day.date


def test_the_qr_page_offers_another_day_only_as_a_correction(
    client_for, conference_admin, event, org, day, frozen_at
):
    registration = sign_up(event, org, day, "Carla Nielsen")
    frozen_at(day.date + timedelta(days=2))
    client = client_for(conference_admin)
    url = registration.get_checkin_url()
    page = client.get(url).content.decode()
    assert "Ret indtjekningen bagefter" in page and "btn-lg btn-success" not in page
    refused = client.post(url, {"day": day.pk}, follow=True).content.decode()
    assert "Indtjekning sker på selve dagen" in refused
    assert registration.bookings.get().checked_in_at is None
    client.post(url, {"day": day.pk, "rettelse": "1"})
    assert registration.bookings.get().checked_in_at is not None


# on another day than the event's the door list is read-only until a correction is asked for
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
