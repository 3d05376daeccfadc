"""Sign-ups by a staff login: a group of pupils (consent before a place) and course nominations
by a school leader — named actors, the read log on every read of a pupil's registration."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from conference import services
from conference.models import BookingStatus, ParticipantKind, Registration
from tests.conference.factories import ConsentTextFactory, EventDayFactory, EventFactory
from tests.factories import StaffFactory
from trivsel.schools import clock
from trivsel.schools.models import Job, ReadLogEntry
from trivsel.schools.versioning import current_version


@pytest.fixture
def event(db):
    return EventFactory(slug="du-og-jeg")


@pytest.fixture
def day(event):
    return EventDayFactory(event=event, capacity=2)


@pytest.fixture
def consent(event):
    return ConsentTextFactory(event=event, version=1)


def group_data(class_, day, rows, adult="Mads Lærer"):
    data = {
        "school_class": class_.pk,
        "accompanying_adult": adult,
        "days": [day.pk],
        "pupil-TOTAL_FORMS": "8",
        "pupil-INITIAL_FORMS": "0",
        "pupil-MIN_NUM_FORMS": "0",
        "pupil-MAX_NUM_FORMS": "40",
    }
    for i, row in enumerate(rows):
        first, guardian, given = (list(row) + ["", ""])[:3]
        data |= {
            f"pupil-{i}-first_name": first,
            f"pupil-{i}-guardian_name": guardian,
            f"pupil-{i}-consent_date": given,
        }
    return data


def pupil_statuses(event):
    return dict(
        Registration.objects.filter(event=event, kind=ParticipantKind.PUPIL).values_list(
            "name", "bookings__status"
        )
    )


def sign_up_pupil(event, day, school, class_, signer, name="Ida", **extra):
    return services.registration_create(
        event=event,
        kind=ParticipantKind.PUPIL,
        name=name,
        school=school,
        school_class=class_,
        days=[day],
        created_by=signer,
        **extra,
    )


def test_a_staff_member_signs_up_a_group_and_only_pupils_with_consent_get_a_place(
    client_for, staff_a, class_a, event, day, consent
):
    given = (clock.today() - timedelta(days=2)).isoformat()
    response = client_for(staff_a).post(
        reverse("conference:pupil_list", kwargs={"pk": event.pk}),
        group_data(class_a, day, [("Ida", "Hanne Jensen", given), ("Noah",)]),
        follow=True,
    )
    text = response.content.decode()
    assert "2 elever er tilmeldt" in text and "1 mangler forældresamtykke" in text
    assert pupil_statuses(event) == {
        "Ida": BookingStatus.CONFIRMED,
        "Noah": BookingStatus.AWAITING_CONSENT,
    }
    ida = Registration.objects.get(name="Ida")
    assert ida.guardian_name == "Hanne Jensen" and ida.consent_text == consent
    assert ida.email == "" and ida.school_class == class_a and ida.accompanying_adult
    assert mail.outbox == []  # pupils have no e-mail


def test_a_class_of_another_school_is_refused_and_nothing_is_saved(
    client_for, staff_a, class_b, event, day
):
    response = client_for(staff_a).post(
        reverse("conference:pupil_list", kwargs={"pk": event.pk}),
        group_data(class_b, day, [("Ida",)]),
    )
    assert "Vælg en klasse fra din egen skole" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("Ida Marie Hansen",), "Skriv kun elevens fornavn"),
        (("Ida", "Hanne"), "Skriv hvornår samtykket blev givet"),
        (("Ida", "", "2024-01-02"), "Skriv hvem der gav samtykket"),
        (("Ida", "Hanne", "2999-01-01"), "kan ikke ligge i fremtiden"),
    ],
)
def test_a_bad_pupil_row_gives_a_danish_message_and_saves_nothing(
    client_for, staff_a, class_a, event, day, row, message
):
    response = client_for(staff_a).post(
        reverse("conference:pupil_list", kwargs={"pk": event.pk}),
        group_data(class_a, day, [row]),
    )
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_the_same_pupil_twice_refuses_the_whole_group(client_for, staff_a, class_a, event, day):
    client = client_for(staff_a)
    url = reverse("conference:pupil_list", kwargs={"pk": event.pk})
    client.post(url, group_data(class_a, day, [("Ida",)]))
    response = client.post(url, group_data(class_a, day, [("Alma",), ("Ida",)]))
    assert "Ida: Eleven er allerede tilmeldt fra denne klasse" in response.content.decode()
    assert set(pupil_statuses(event)) == {"Ida"}


def test_consent_recorded_later_confirms_the_place_or_puts_the_pupil_on_the_waiting_list(
    client_for, staff_a, school_a, class_a, event, day, consent
):
    ida = sign_up_pupil(event, day, school_a, class_a, staff_a, "Ida")
    noah = sign_up_pupil(event, day, school_a, class_a, staff_a, "Noah")
    alma = sign_up_pupil(event, day, school_a, class_a, staff_a, "Alma")
    assert ida.bookings.get().status == BookingStatus.AWAITING_CONSENT  # holds no place
    client = client_for(staff_a)
    given = clock.today().isoformat()
    for pupil in (ida, noah, alma):  # capacity 2: the third waits
        response = client.post(
            reverse("conference:pupil_consent", kwargs={"pk": pupil.pk}),
            {
                "guardian_name": f"Forælder til {pupil.name}",
                "consent_date": given,
                "lock_version": current_version(pupil),
            },
        )
        assert response.status_code == 302
    assert pupil_statuses(event) == {
        "Ida": BookingStatus.CONFIRMED,
        "Noah": BookingStatus.CONFIRMED,
        "Alma": BookingStatus.WAITING,
    }
    ida.refresh_from_db()
    assert ida.guardian_name == "Forælder til Ida" and ida.consent_text == consent


def test_the_consent_form_needs_who_and_when(client_for, staff_a, school_a, class_a, event, day):
    ida = sign_up_pupil(event, day, school_a, class_a, staff_a)
    response = client_for(staff_a).post(
        reverse("conference:pupil_consent", kwargs={"pk": ida.pk}), {"guardian_name": ""}
    )
    text = response.content.decode()
    assert "Skriv hvem der gav samtykket" in text and "Skriv hvornår" in text
    assert ida.bookings.get().status == BookingStatus.AWAITING_CONSENT


def test_a_leader_sees_the_whole_schools_pupils_and_another_leader_none(
    client_for, staff_a, leader_a, leader_b, school_a, class_a, event, day
):
    ida = sign_up_pupil(event, day, school_a, class_a, staff_a)
    url = reverse("conference:pupil_list", kwargs={"pk": event.pk})
    assert "Ida" in client_for(leader_a).get(url).content.decode()
    assert "Ida" not in client_for(leader_b).get(url).content.decode()
    consent_url = reverse("conference:pupil_consent", kwargs={"pk": ida.pk})
    assert client_for(leader_a).get(consent_url).status_code == 200
    assert client_for(leader_b).get(consent_url).status_code == 404


def test_another_staff_member_does_not_see_pupils_they_did_not_sign_up(
    client_for, staff_a, school_a, class_a, event, day
):
    from tests.conftest import make_actor
    from trivsel.schools.models import Role

    colleague = make_actor("kollega_a", role=Role.STAFF, schools=[school_a])
    ida = sign_up_pupil(event, day, school_a, class_a, staff_a)
    client = client_for(colleague)
    assert (
        "Ida"
        not in client.get(
            reverse("conference:pupil_list", kwargs={"pk": event.pk})
        ).content.decode()
    )
    assert client.get(reverse("conference:pupil_consent", kwargs={"pk": ida.pk})).status_code == 404


def test_every_read_of_a_pupils_registration_is_logged(
    client_for, staff_a, school_a, class_a, event, day, conference_admin
):
    pupils = [sign_up_pupil(event, day, school_a, class_a, staff_a, n) for n in ("Ida", "Noah")]
    client_for(staff_a).get(reverse("conference:pupil_list", kwargs={"pk": event.pk}))
    client_for(staff_a).get(reverse("conference:pupil_consent", kwargs={"pk": pupils[0].pk}))
    client_for(conference_admin).get(
        reverse("conference:registration_list", kwargs={"pk": event.pk})
    )
    logged = list(ReadLogEntry.objects.values_list("username", "object_id", "purpose"))
    assert sorted(logged) == sorted(
        [
            ("medarbejder_a", pupils[0].pk, "view"),
            ("medarbejder_a", pupils[1].pk, "view"),
            ("medarbejder_a", pupils[0].pk, "edit"),
            ("konferenceadmin", pupils[0].pk, "view"),
            ("konferenceadmin", pupils[1].pk, "view"),
        ]
    )
    assert {e.school_id for e in ReadLogEntry.objects.all()} == {school_a.pk}


# --- courses ---------------------------------------------------------------------------------


@pytest.fixture
def course_day(course):
    return EventDayFactory(event=course, capacity=1)


def test_a_leader_nominates_own_staff_first_confirmed_then_waiting(
    client_for, leader_a, school_a, course, course_day, django_capture_on_commit_callbacks
):
    pia = StaffFactory(school=school_a, name="Pia Pædagog", job=Job.PEDAGOGUE, email="pia@rk.dk")
    per = StaffFactory(school=school_a, name="Per Pædagog", job=Job.PEDAGOGUE, email="per@rk.dk")
    client = client_for(leader_a)
    url = reverse("conference:course_detail", kwargs={"pk": course.pk})
    with django_capture_on_commit_callbacks(execute=True):
        for staff in (pia, per):
            response = client.post(url, {"staff": staff.pk, "days": [course_day.pk]}, follow=True)
            assert "er nomineret til kurset" in response.content.decode()
    rows = dict(Registration.objects.values_list("name", "bookings__status"))
    assert rows == {"Pia Pædagog": BookingStatus.CONFIRMED, "Per Pædagog": BookingStatus.WAITING}
    assert Registration.objects.get(name="Pia Pædagog").school == school_a
    assert {m.to[0] for m in mail.outbox} == {"pia@rk.dk", "per@rk.dk"}


def test_a_leader_cannot_nominate_another_schools_staff(
    client_for, leader_a, school_b, course, course_day
):
    other = StaffFactory(school=school_b, email="bo@rk.dk")
    response = client_for(leader_a).post(
        reverse("conference:course_detail", kwargs={"pk": course.pk}),
        {"staff": other.pk, "days": [course_day.pk]},
    )
    assert "Vælg en medarbejder fra din egen skole" in response.content.decode()
    assert not Registration.objects.exists()


def test_leaders_see_only_their_own_nominees_and_conference_admins_see_all(
    client_for, leader_a, leader_b, conference_admin, school_a, school_b, course, course_day
):
    for school, name in ((school_a, "Pia"), (school_b, "Bent")):
        services.course_nominate(
            event=course,
            staff=StaffFactory(school=school, name=name),
            days=[course_day],
            nominated_by=None,
        )
    url = reverse("conference:course_detail", kwargs={"pk": course.pk})
    page_a = client_for(leader_a).get(url).content.decode()
    assert "Pia" in page_a and "Bent" not in page_a
    page_b = client_for(leader_b).get(url).content.decode()
    assert "Bent" in page_b and "Pia" not in page_b
    admin_page = client_for(conference_admin).get(url).content.decode()
    assert "Pia" in admin_page and "Bent" in admin_page
    assert "Nominér en medarbejder" not in admin_page  # nominating is the leader's


def test_withdrawing_a_nominee_promotes_the_next_one(
    client_for, leader_a, leader_b, school_a, course, course_day
):
    first, second = (
        services.course_nominate(
            event=course, staff=StaffFactory(school=school_a), days=[course_day], nominated_by=None
        )
        for _ in range(2)
    )
    url = reverse("conference:nomination_withdraw", kwargs={"pk": first.pk})
    assert client_for(leader_b).post(url).status_code == 404
    response = client_for(leader_a).post(url, {"bekraeftet": "1"}, follow=True)
    assert "fra ventelisten har fået plads" in response.content.decode()
    assert second.bookings.get().status == BookingStatus.CONFIRMED


def test_a_course_nomination_needs_an_email_and_a_course(school_a, course, course_day, event, day):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="ingen e-mail"):
        services.course_nominate(
            event=course,
            staff=StaffFactory(school=school_a, email=""),
            days=[course_day],
            nominated_by=None,
        )
    with pytest.raises(ValidationError, match="Kun kurser"):
        services.course_nominate(
            event=event, staff=StaffFactory(school=school_a), days=[day], nominated_by=None
        )
    assert not Registration.objects.exists()


def test_the_menu_entry_lists_conferences_for_staff_and_also_courses_for_leaders(
    client_for, staff_a, leader_a, event, course
):
    url = reverse("conference:pupil_events")
    staff_page = client_for(staff_a).get(url).content.decode()
    assert event.title in staff_page and course.title not in staff_page
    leader_page = client_for(leader_a).get(url).content.decode()
    assert event.title in leader_page and course.title in leader_page
    assert "Tilmeldinger" in leader_page
