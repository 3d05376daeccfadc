"""A sign-up form that cannot be used says so before anyone fills it in: closed, or not open yet;
a post that comes anyway saves nothing."""

from django.urls import reverse

from conference.models import Registration
from tests.conference.factories import EventDayFactory, close_registration
from tests.factories import StaffFactory


def test_a_closed_window_shows_a_notice_and_no_pupil_form_and_a_stale_post_saves_nothing(
    client_for, staff_a, class_a, event, day
):
    close_registration(event)
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
    close_registration(event, not_yet=True)
    page = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert "Tilmeldingen er ikke åben endnu." in page and "Den åbner" in page
    assert 'name="email"' not in page and "Tilmeld</button>" not in page


def test_a_closed_course_shows_a_notice_to_the_leader_and_no_nomination_form(
    client_for, leader_a, school_a, course
):
    course_day = EventDayFactory(event=course)
    staff = StaffFactory(school=school_a, email="pia@rk.dk")
    close_registration(course)
    client = client_for(leader_a)
    url = reverse("conference:course_detail", kwargs={"pk": course.pk})
    page = client.get(url).content.decode()
    assert "Tilmeldingen er lukket." in page and "Nominér</button>" not in page
    response = client.post(url, {"staff": staff.pk, "days": [course_day.pk]}, follow=True)
    assert "Der er ikke gemt noget" in response.content.decode()
    assert not Registration.objects.exists()
