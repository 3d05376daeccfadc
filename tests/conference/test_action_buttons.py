"""The conference's action buttons — cancel (admin list, the private link), take a nominee off a
course, check in at the door — pressed twice, or after someone else was first, or while the
event's lock is busy: the page again with a Danish message, never a bare 400/500, and nothing
changes twice."""

import pytest
from django.urls import reverse

from conference import services
from conference import views as conference_views
from conference.models import BookingStatus, EventKind, Registration, RegistrationStatus
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import StaffFactory
from trivsel.schools.locking import LockTimeout

pytestmark = pytest.mark.django_db

BUSY = "Systemet er optaget lige nu. Prøv igen om et øjeblik."


YES = {"bekraeftet": "1"}  # the confirm page's «Ja»


def _sign_up(event, org, day, name):
    return services.registration_create(
        event=event, name=name, email=f"{name.lower()}@rk.dk", organisation=org, days=[day]
    )


def test_an_admin_cancelling_twice_is_told_it_is_cancelled_already(
    client_for, conference_admin, event, org
):
    day = EventDayFactory(event=event, capacity=1)
    anne, bo = _sign_up(event, org, day, "Anne"), _sign_up(event, org, day, "Bo")
    client = client_for(conference_admin)
    url = reverse("conference:registration_cancel", kwargs={"pk": anne.pk})
    first = client.post(url, YES, follow=True).content.decode()
    assert "1 fra ventelisten har fået plads" in first
    again = client.post(url, YES, follow=True)
    assert again.redirect_chain[-1][0] == reverse(
        "conference:registration_list", kwargs={"pk": event.pk}
    )
    assert "«Anne» er allerede afmeldt." in again.content.decode()
    assert "fra ventelisten" not in again.content.decode()
    assert bo.bookings.get().status == BookingStatus.CONFIRMED


def test_cancelling_twice_through_the_private_link_says_so(client, event, org):
    anne = _sign_up(event, org, EventDayFactory(event=event), "Anne")
    url = reverse("conference:manage_cancel", kwargs={"token": anne.token})
    assert "Du er afmeldt" in client.post(url, follow=True).content.decode()
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "Du er allerede afmeldt." in again.content.decode()


def test_a_cancellation_while_the_event_is_busy_gets_the_page_and_a_message(
    client, event, org, monkeypatch
):
    anne = _sign_up(event, org, EventDayFactory(event=event), "Anne")

    def busy(**kwargs):
        raise LockTimeout

    monkeypatch.setattr(conference_views.services, "registration_cancel", busy)
    response = client.post(
        reverse("conference:manage_cancel", kwargs={"token": anne.token}), follow=True
    )
    assert response.status_code == 200 and BUSY in response.content.decode()
    assert Registration.objects.get(pk=anne.pk).status == RegistrationStatus.ACTIVE


def test_taking_a_nominee_off_a_course_twice_is_told_so(client_for, leader_a, school_a):
    course = EventFactory(kind=EventKind.COURSE, organisations=[], slug="bloom")
    day = EventDayFactory(event=course, capacity=1)
    nominee = services.course_nominate(
        event=course, staff=StaffFactory(school=school_a, name="Pia"), days=[day], nominated_by=None
    )
    client = client_for(leader_a)
    url = reverse("conference:nomination_withdraw", kwargs={"pk": nominee.pk})
    assert "Pia er taget af kurset." in client.post(url, YES, follow=True).content.decode()
    again = client.post(url, YES, follow=True)
    assert again.status_code == 200
    assert "«Pia» er allerede afmeldt." in again.content.decode()


def test_a_check_in_tap_while_the_event_is_busy_says_try_again(
    client_for, conference_admin, event, org, monkeypatch, frozen_at
):
    day = EventDayFactory(event=event)
    booking = _sign_up(event, org, day, "Anne").bookings.get()
    frozen_at(day.date)

    def busy(**kwargs):
        raise LockTimeout

    monkeypatch.setattr(conference_views.services, "booking_check_in", busy)
    client = client_for(conference_admin)
    url = reverse("conference:checkin_booking", kwargs={"pk": booking.pk})
    swapped = client.post(url, headers={"HX-Request": "true"})
    assert swapped.status_code == 200 and BUSY in swapped.content.decode()
    page = client.post(url, follow=True)
    assert page.status_code == 200 and BUSY in page.content.decode()
    qr_page = client.post(
        reverse("conference:registration_checkin", kwargs={"pk": booking.registration_id}),
        {"day": day.pk},
        follow=True,
    )
    assert qr_page.status_code == 200 and BUSY in qr_page.content.decode()
    booking.refresh_from_db()
    assert booking.checked_in_at is None


def test_a_check_in_of_someone_cancelled_meanwhile_is_refused_on_the_page(
    client_for, conference_admin, event, org, frozen_at
):
    day = EventDayFactory(event=event)
    anne = _sign_up(event, org, day, "Anne")
    booking = anne.bookings.get()
    frozen_at(day.date)
    services.registration_cancel(registration=anne)  # the door's list still shows her
    response = client_for(conference_admin).post(
        reverse("conference:checkin_booking", kwargs={"pk": booking.pk}), follow=True
    )
    assert response.status_code == 200
    assert "Kun bekræftede deltagere kan tjekkes ind." in response.content.decode()
    booking.refresh_from_db()
    assert booking.checked_in_at is None
