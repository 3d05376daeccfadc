"""The pages: the public form (bad input saves nothing), the token link, admin list, export,
check-in, and who may do what (named actors)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conference import services
from conference.models import BookingStatus, Registration, RegistrationStatus
from tests.conference.factories import EventDayFactory
from tests.factories import OrganisationFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Rødovre Lærerforening")


def form_data(org, day, **extra):
    data = {
        "name": "Anne Andersen",
        "email": "anne@rk.dk",
        "organisation": org.pk,
        "job_title": "Lærer",
        "days": [day.pk],
        "dietary_needs": "Vegetar",
        "accessibility_needs": "",
        "website": "",
    }
    return data | extra


def test_the_public_form_shows_the_privacy_notice(client, event, day):
    response = client.get(reverse("conference:signup", kwargs={"slug": event.slug}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Sådan behandler vi dine oplysninger" in text
    assert "slettes senest" in text and event.contact_email in text


def test_a_public_signup_confirms_redirects_to_the_private_page_and_emails_the_link(
    client, event, org, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("conference:signup", kwargs={"slug": event.slug}), form_data(org, day)
        )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_manage_url()
    assert registration.bookings.get().status == BookingStatus.CONFIRMED
    assert registration.token in mail.outbox[0].body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "ikke-en-mail"}, "Skriv en gyldig e-mailadresse"),
        ({"organisation": 999999}, "Vælg en organisation fra listen"),
        ({"days": [999999]}, "hører ikke til arrangementet"),
        ({"website": "http://spam"}, "Formularen kunne ikke sendes"),
        ({"dietary_needs": "CPR 010203-1234"}, "CPR-nummer"),
    ],
)
def test_bad_input_gives_a_danish_message_and_saves_nothing(
    client, event, org, day, change, message
):
    response = client.post(
        reverse("conference:signup", kwargs={"slug": event.slug}), form_data(org, day, **change)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_failed_submit_opens_with_a_summary_linking_to_each_field(client, event, org, day):
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    response = client.post(url, form_data(org, day, name="", email="ikke-en-mail", days=[]))
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[
        page.index('id="fejlopsummering"') : page.index("</ul>", page.index("fejlopsummering"))
    ]
    assert "Tilmeldingen er ikke sendt. Ret det, der mangler:" in summary
    assert 'href="#id_name"' in summary and 'href="#id_email"' in summary
    assert 'href="#id_days_0"' in summary  # a group of boxes: its first box
    assert "data-focus-on-load" in page
    assert page.index("fejlopsummering") < page.index('name="name"')  # above the form


def test_the_untouched_form_has_no_summary(client, event, day):
    page = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert "fejlopsummering" not in page


def test_the_confirmation_page_shows_the_waiting_list_number(client, event, org, day):
    for n in range(3):  # one place, then two on the waiting list before Anne
        services.registration_create(
            event=event, name=f"P{n}", email=f"p{n}@rk.dk", organisation=org, days=[day]
        )
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    response = client.post(url, form_data(org, day), follow=True)
    page = response.content.decode()
    assert "Du står på ventelisten" in page
    assert "nr. 3 på ventelisten" in page


def test_an_organisation_of_another_event_is_unknown_here(client, event, org, day):
    other = OrganisationFactory(name="Teknisk Forvaltning")
    response = client.post(
        reverse("conference:signup", kwargs={"slug": event.slug}),
        form_data(org, day, organisation=other.pk),
    )
    assert "Vælg en organisation fra listen" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_day_of_another_event_is_refused(client, event, org, day):
    foreign = EventDayFactory()
    response = client.post(
        reverse("conference:signup", kwargs={"slug": event.slug}),
        form_data(org, day, days=[foreign.pk]),
    )
    assert "hører ikke til arrangementet" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_closed_window_refuses_the_signup(client, event, org, day):
    event.registration_opens = timezone.now() - timedelta(days=10)
    event.registration_closes = timezone.now() - timedelta(days=1)
    event.save()
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    assert "Tilmeldingen er lukket" in client.get(url).content.decode()
    response = client.post(url, form_data(org, day))
    assert "Tilmeldingen er lukket" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_second_attempt_with_the_same_email_is_told_so_and_gets_the_link_again(
    client, event, org, day, django_capture_on_commit_callbacks
):
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    client.post(url, form_data(org, day))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(org, day, email="ANNE@rk.dk", name="Anden"))
    assert "Du er allerede tilmeldt" in response.content.decode()
    assert Registration.objects.count() == 1
    assert Registration.objects.get().token in mail.outbox[0].body


def test_the_token_link_shows_the_registration_and_a_wrong_token_gets_nothing(
    client, event, org, day
):
    registration = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    assert "Anne" in client.get(registration.get_manage_url()).content.decode()
    for token in ("forkert", registration.token[:-1], registration.token + "x"):
        response = client.get(reverse("conference:manage", kwargs={"token": token}))
        assert response.status_code == 404
        assert "Anne" not in response.content.decode()


def test_cancelling_through_the_link_promotes_the_next_on_the_waiting_list(client, event, org, day):
    first = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    second = services.registration_create(
        event=event, name="Bo", email="bo@rk.dk", organisation=org, days=[day]
    )
    client.post(reverse("conference:manage_cancel", kwargs={"token": first.token}))
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.bookings.get().status == BookingStatus.CONFIRMED


def test_changing_days_through_the_link(client, event, org, day):
    other_day = EventDayFactory(event=event, capacity=5)
    registration = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    response = client.post(registration.get_manage_url(), {"days": [other_day.pk]})
    assert response.status_code == 302
    statuses = dict(registration.bookings.values_list("day_id", "status"))
    assert statuses == {day.pk: BookingStatus.CANCELLED, other_day.pk: BookingStatus.CONFIRMED}


def test_a_pupils_registration_has_no_token_page(client, event, day, school_a, class_a, staff_a):
    pupil = services.registration_create(
        event=event,
        kind="pupil",
        name="Ida",
        school=school_a,
        school_class=class_a,
        days=[day],
        created_by=staff_a,
    )
    assert (
        client.get(reverse("conference:manage", kwargs={"token": pupil.token})).status_code == 404
    )


def signups(event, org, day, n, start=0):
    for i in range(start, start + n):
        services.registration_create(
            event=event, name=f"P{i}", email=f"p{i}@rk.dk", organisation=org, days=[day]
        )


def test_the_admin_list_filters_counts_and_runs_a_fixed_number_of_queries(
    client_for,
    conference_admin,
    event,
    org,
    day,
    django_assert_max_num_queries,
):
    client = client_for(conference_admin)
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    signups(event, org, day, 3)
    client.get(url)  # warm the session
    with django_assert_max_num_queries(20) as small:
        response = client.get(url)
    signups(event, org, day, 30, start=3)  # mostly waiting list
    client.get(url)
    with django_assert_max_num_queries(20) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)
    text = response.content.decode()
    assert "P0" in text and "Rødovre Lærerforening: 3" in text
    waiting = client.get(url, {"status": "waiting", "day": day.pk}).content.decode()
    assert "P1" in waiting and "P0<" not in waiting


def test_the_excel_export_contains_the_filtered_registrations(
    client_for, conference_admin, event, org, day
):
    from openpyxl import load_workbook

    signups(event, org, day, 2)
    response = client_for(conference_admin).get(
        reverse("conference:registration_list", kwargs={"pk": event.pk}), {"format": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Navn", "E-mail")
    assert {r[0] for r in rows[1:]} == {"P0", "P1"}


def test_a_conference_admin_cancels_manually_and_the_waiting_list_moves(
    client_for, conference_admin, event, org, day
):
    signups(event, org, day, 2)
    first, second = Registration.objects.order_by("pk")
    response = client_for(conference_admin).post(
        reverse("conference:registration_cancel", kwargs={"pk": first.pk}),
        {"bekraeftet": "1"},
        follow=True,
    )
    assert "er afmeldt" in response.content.decode()
    assert second.bookings.get().status == BookingStatus.CONFIRMED


def test_a_coordinator_reads_the_list_but_cannot_cancel(client_for, coordinator, event, org, day):
    signups(event, org, day, 1)
    registration = Registration.objects.get()
    client = client_for(coordinator)
    assert (
        client.get(reverse("conference:registration_list", kwargs={"pk": event.pk})).status_code
        == 200
    )
    response = client.post(
        reverse("conference:registration_cancel", kwargs={"pk": registration.pk})
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACTIVE


def test_a_school_leader_has_no_access_to_the_admin_pages(client_for, leader_a, event, day):
    client = client_for(leader_a)
    assert client.get(reverse("conference:event_list")).status_code == 403
    assert (
        client.get(reverse("conference:registration_list", kwargs={"pk": event.pk})).status_code
        == 403
    )
    url = reverse("conference:checkin", kwargs={"pk": event.pk, "day_pk": day.pk})
    assert client.get(url).status_code == 403


def test_check_in_is_one_tap_for_a_conference_admin(
    client_for, conference_admin, event, org, day, frozen_at
):
    signups(event, org, day, 1)
    booking = Registration.objects.get().bookings.get()
    frozen_at(day.date)
    client = client_for(conference_admin)
    page = client.get(reverse("conference:checkin", kwargs={"pk": event.pk, "day_pk": day.pk}))
    assert "P0" in page.content.decode()
    response = client.post(
        reverse("conference:checkin_booking", kwargs={"pk": booking.pk}),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "P0 er tjekket ind" in response.content.decode()
    booking.refresh_from_db()
    assert booking.checked_in_at is not None


def test_a_leader_reads_only_their_own_schools_pupils(
    leader_a, leader_b, staff_a, event, day, school_a, class_a
):
    from trivsel.schools import access

    pupil = services.registration_create(
        event=event,
        kind="pupil",
        name="Ida",
        school=school_a,
        school_class=class_a,
        days=[day],
        created_by=staff_a,
    )
    qs = Registration.objects.all()
    assert list(access.scope(leader_a, qs)) == [pupil]
    assert list(access.scope(leader_b, qs)) == []
    assert list(access.scope(staff_a, qs)) == [pupil]  # they signed the pupil up
    assert not access.can(leader_a, "edit", pupil)
