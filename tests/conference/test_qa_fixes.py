"""What the QA round found in the demo: closed forms say so up front, the course page counts
people, check-in confirms with «Fortryd» and only on the day, destructive buttons confirm, the
admin list pages, waiting-list outcomes are shown before and after signing up, and the public link
is on the admin's event page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conference import services
from conference.models import BookingStatus, EventKind, ParticipantKind, Registration
from tests.conference.factories import ConsentTextFactory, EventDayFactory, EventFactory
from tests.factories import OrganisationFactory, StaffFactory
from trivsel.schools import clock


@pytest.fixture
def org(db):
    return OrganisationFactory(name="BUPL")


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], slug="du-og-jeg")


@pytest.fixture
def day(event):
    return EventDayFactory(event=event, capacity=1)


@pytest.fixture
def course(db):
    return EventFactory(kind=EventKind.COURSE, organisations=[], slug="bloom")


def close(event, *, not_yet=False):
    now = timezone.now()
    if not_yet:
        event.registration_opens, event.registration_closes = (
            now + timedelta(days=3),
            now + (timedelta(days=9)),
        )
    else:
        event.registration_opens, event.registration_closes = (
            now - timedelta(days=9),
            now - (timedelta(days=1)),
        )
    event.save()


def sign_up(event, org, day, name, **extra):
    return services.registration_create(
        event=event,
        name=name,
        email=f"{name.split()[0].lower()}@rk.dk",
        organisation=org,
        days=[day],
        **extra,
    )


# --- 1. a form that cannot be used says so before anyone fills it in -------------------------
def test_a_closed_window_shows_a_notice_and_no_pupil_form_and_a_stale_post_saves_nothing(
    client_for, staff_a, class_a, event, day
):
    close(event)
    client = client_for(staff_a)
    url = reverse("conference:pupil_list", kwargs={"pk": event.pk})
    page = client.get(url).content.decode()
    assert "Tilmeldingen er lukket." in page and "der kan ikke tilmeldes flere" in page
    assert "Tilmeld eleverne" not in page and "pupil-0-first_name" not in page
    response = client.post(
        url,
        {
            "school_class": class_a.pk,
            "accompanying_adult": "Mads",
            "days": [day.pk],
            "pupil-TOTAL_FORMS": "1",
            "pupil-INITIAL_FORMS": "0",
            "pupil-0-first_name": "Ida",
        },
        follow=True,
    )
    assert "Der er ikke gemt noget" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_public_form_not_yet_open_says_when_it_opens_and_shows_no_fields(client, event, day):
    close(event, not_yet=True)
    page = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert "Tilmeldingen er ikke åben endnu." in page and "Den åbner" in page
    assert 'name="email"' not in page and "Tilmeld</button>" not in page


def test_a_closed_course_shows_a_notice_to_the_leader_and_no_nomination_form(
    client_for, leader_a, school_a, course
):
    course_day = EventDayFactory(event=course)
    staff = StaffFactory(school=school_a, email="pia@rk.dk")
    close(course)
    client = client_for(leader_a)
    url = reverse("conference:course_detail", kwargs={"pk": course.pk})
    page = client.get(url).content.decode()
    assert "Tilmeldingen er lukket." in page and "Nominér</button>" not in page
    response = client.post(url, {"staff": staff.pk, "days": [course_day.pk]}, follow=True)
    assert "Der er ikke gemt noget" in response.content.decode()
    assert not Registration.objects.exists()


# --- 3. the course page counts people, not day bookings --------------------------------------
def test_the_course_page_counts_a_nominee_with_two_days_once(
    client_for, leader_a, school_a, course
):
    days = [EventDayFactory(event=course, capacity=5) for _ in range(2)]
    for name in ("Pia", "Per"):
        services.course_nominate(
            event=course,
            staff=StaffFactory(school=school_a, name=name, email=f"{name}@rk.dk"),
            days=days,
            nominated_by=None,
        )
    page = client_for(leader_a).get(reverse("conference:course_detail", kwargs={"pk": course.pk}))
    rows = list(page.context["per_school"])
    assert rows == [{"school__name": school_a.name, "n": 2, "confirmed": 2}]
    assert f"{school_a.name}: 2 personer" in page.content.decode()


# --- 4. check-in: confirmation with «Fortryd», search and position kept, only on the day ------
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


# --- 5. destructive one-click POSTs confirm; the admin list pages -----------------------------
def test_cancel_and_withdraw_buttons_ask_for_confirmation(
    client_for, conference_admin, leader_a, school_a, event, org, day, course
):
    carla = sign_up(event, org, day, "Carla Nielsen")
    cancel = reverse("conference:registration_cancel", kwargs={"pk": carla.pk})
    asked = client_for(conference_admin).post(cancel).content.decode()
    assert "Afmeld Carla Nielsen fra alle dage?" in asked and "Ja, afmeld" in asked
    carla.refresh_from_db()
    assert carla.status != "cancelled"
    pia = services.course_nominate(
        event=course,
        staff=StaffFactory(school=school_a, name="Pia Pædagog", email="pia@rk.dk"),
        days=[EventDayFactory(event=course)],
        nominated_by=None,
    )
    withdraw = reverse("conference:nomination_withdraw", kwargs={"pk": pia.pk})
    asked = client_for(leader_a).post(withdraw).content.decode()
    assert f"Tag Pia Pædagog af «{course.title}»?" in asked
    pia.refresh_from_db()
    assert pia.status != "cancelled"


def test_the_admin_list_shows_50_a_page_and_keeps_the_filters(
    client_for, conference_admin, event, org
):
    day = EventDayFactory(event=event, capacity=200)
    for i in range(55):
        sign_up(event, org, day, f"P{i:02d} Deltager")
    client = client_for(conference_admin)
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    first = client.get(url, {"q": "deltager"})
    assert len(first.context["rows"]) == 50
    text = first.content.decode()
    assert "Side 1 af 2" in text and "q=deltager&amp;page=2" in text
    second = client.get(url, {"q": "deltager", "page": 2})
    assert len(second.context["rows"]) == 5
    assert "page=" not in second.context["export_links"][0]["url"]  # the export is the whole list
    assert client.get(url, {"page": "x"}).status_code == 200  # a bad page number is page 1


# --- 6. waiting-list outcomes up front --------------------------------------------------------
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


# --- 7. the public link on the admin's event page ---------------------------------------------
def test_the_event_page_shows_the_public_sign_up_link_to_copy(
    client_for, conference_admin, event, course
):
    page = client_for(conference_admin).get(
        reverse("conference:registration_list", kwargs={"pk": event.pk})
    )
    text = page.content.decode()
    assert 'value="http://testserver/tilmelding/du-og-jeg/"' in text and "readonly" in text
    assert "Offentlig tilmelding" in text
    course_page = client_for(conference_admin).get(
        reverse("conference:registration_list", kwargs={"pk": course.pk})
    )
    assert "Offentlig tilmelding" not in course_page.content.decode()  # courses: nominations
