"""The admin's event page (50 registrations a page with the filters kept, the public sign-up link
to copy) and the leader's course page (it counts people, not day bookings); on both, a button that
cancels or withdraws asks first."""

from django.urls import reverse

from conference import services
from tests.conference.factories import EventDayFactory, sign_up
from tests.factories import StaffFactory


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
