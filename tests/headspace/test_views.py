import pytest
from django.urls import reverse
from icalendar import Calendar

from initiatives.headspace import services
from initiatives.headspace.models import Talk, TalkStatus
from tests.factories import SchoolClassFactory, SchoolFactory
from tests.headspace.factories import TalkFactory, at

pytestmark = pytest.mark.django_db


def test_a_leader_books_through_the_form(client_for, leader_a, target, class_8a):
    response = client_for(leader_a).post(
        reverse("headspace:talk_create"),
        {
            "school_class": class_8a.pk,
            "day": "2024-02-12",
            "start": "09:00",
            "end": "10:30",
            "counsellors": "Sara Holm, Ali Nour",
        },
    )
    talk = Talk.objects.get()
    assert response.status_code == 302 and response.url == talk.get_absolute_url()


def test_a_double_booked_counsellor_gets_a_danish_message_on_the_form(
    client_for, coordinator, target, class_8a, class_b8a
):
    TalkFactory(
        school_class=class_8a, starts_at=at(12, 9), ends_at=at(12, 10), counsellors=["Sara"]
    )
    response = client_for(coordinator).post(
        reverse("headspace:talk_create"),
        {
            "school_class": class_b8a.pk,
            "day": "2024-02-12",
            "start": "09:30",
            "end": "10:30",
            "counsellors": "Sara",
        },
    )
    assert response.status_code == 200
    assert "Sara er allerede booket" in response.content.decode()
    assert Talk.objects.count() == 1


def test_a_leader_cannot_book_another_schools_class_on_the_form(
    client_for, leader_a, target, class_b8a
):
    response = client_for(leader_a).post(
        reverse("headspace:talk_create"),
        {
            "school_class": class_b8a.pk,
            "day": "2024-02-12",
            "start": "09:00",
            "end": "10:00",
            "counsellors": "Sara",
        },
    )
    assert response.status_code == 200  # not a choice for this leader
    assert not Talk.objects.exists()


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("leader_a", 200),
        ("staff_a", 200),
        ("leader_b", 404),
        ("consultant", 200),
        ("coordinator", 200),
        ("conference_admin", 403),
    ],
)
def test_the_talk_page_follows_the_table(actors, client_for, target, class_8a, actor, status):
    talk = TalkFactory(school_class=class_8a)
    assert client_for(actors[actor]).get(talk.get_absolute_url()).status_code == status


def test_staff_give_feedback_on_the_page(client_for, staff_a, leader_a, target, class_8a):
    talk = TalkFactory(school_class=class_8a, status=TalkStatus.HELD)
    url = reverse("headspace:talk_feedback", args=[talk.pk])
    assert client_for(leader_a).post(url, {"feedback_score": "5"}).status_code == 403
    response = client_for(staff_a).post(
        url, {"feedback_score": "4", "feedback_comment": "Fint", "lock_version": talk.lock_version}
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.feedback_score == 4


def test_the_leader_marks_a_talk_held(client_for, leader_a, target, class_8a):
    talk = TalkFactory(
        school_class=class_8a, starts_at=at(1, 9, month=1), ends_at=at(1, 10, month=1)
    )
    client_for(leader_a).post(reverse("headspace:talk_status", args=[talk.pk]), {"status": "held"})
    talk.refresh_from_db()
    assert talk.status == TalkStatus.HELD


def test_the_coverage_page_shows_n_of_m_and_all_covered(
    client_for, coordinator, target, class_8a, class_8b
):
    TalkFactory(school_class=class_8a)
    page = client_for(coordinator).get(reverse("headspace:coverage")).content.decode()
    assert "1 af 2 klasser" in page and "mangler" in page
    TalkFactory(school_class=class_8b, status=TalkStatus.HELD)
    page = client_for(coordinator).get(reverse("headspace:coverage")).content.decode()
    assert "Alle klasser dækket" in page and "2 af 2 klasser" in page


def test_a_leader_sees_only_their_own_schools_coverage(
    client_for, coordinator, leader_a, target, class_8a, class_b8a
):
    TalkFactory(school_class=class_8a)
    assert (
        "Nyager Skole"
        in client_for(coordinator).get(reverse("headspace:coverage")).content.decode()
    )
    own = client_for(leader_a).get(reverse("headspace:coverage")).content.decode()
    assert "Valhøj Skole" in own and "Nyager Skole" not in own


def test_only_those_who_may_give_feedback_get_the_link(
    client_for, coordinator, staff_a, target, class_8a
):
    TalkFactory(school_class=class_8a, status=TalkStatus.HELD)
    assert (
        "Giv feedback" in client_for(staff_a).get(reverse("headspace:talk_list")).content.decode()
    )
    as_coordinator = client_for(coordinator).get(reverse("headspace:talk_list")).content.decode()
    assert "Giv feedback" not in as_coordinator and ">8.A</a>" in as_coordinator


def _classes(year, n):
    for _ in range(n):
        school = SchoolFactory()
        TalkFactory(school_class=SchoolClassFactory(school=school, school_year=year, grade=8))
        SchoolClassFactory(school=school, school_year=year, grade=8)


def test_list_and_coverage_pages_have_a_fixed_number_of_queries(
    client_for, coordinator, target, django_assert_num_queries
):
    client = client_for(coordinator)
    for size in (2, 7):
        _classes(target.school_year, size)
        # session, user, current year, count, rows (class, school, can_edit, can_feedback)
        with django_assert_num_queries(5):
            assert client.get(reverse("headspace:talk_list")).status_code == 200
        # session, user, current year, target grade, classes with their active talk
        with django_assert_num_queries(5):
            assert client.get(reverse("headspace:coverage")).status_code == 200


def test_the_ical_feeds_list_booked_talks_for_the_partner_and_per_school(
    client, target, class_8a, class_b8a
):
    TalkFactory(
        school_class=class_8a, starts_at=at(12, 9), ends_at=at(12, 10), counsellors=["Sara"]
    )
    TalkFactory(school_class=class_b8a, starts_at=at(13, 9), ends_at=at(13, 10))
    TalkFactory(
        school_class=SchoolClassFactory(school=class_8a.school, grade=8, letter="C"),
        status=TalkStatus.CANCELLED,
    )
    partner = services.feed_for(school=None)
    school_feed = services.feed_for(school=class_8a.school)
    assert services.feed_for(school=None) == partner  # one each

    response = client.get(partner.get_absolute_url())  # no login: the token is the key
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    one = Calendar.from_ical(client.get(school_feed.get_absolute_url()).content).walk("VEVENT")
    assert len(one) == 1
    assert str(one[0]["SUMMARY"]) == "Headspace-oplæg i 8.A, Valhøj Skole"
    assert one[0].decoded("DTSTART") == at(12, 9)
    assert "Sara" in str(one[0]["DESCRIPTION"])
    assert client.get(reverse("headspace:feed", args=["forkert"])).status_code == 404


def test_a_leader_sees_only_own_schools_feed(client_for, leader_a, school_a, school_b):
    page = client_for(leader_a).get(reverse("headspace:calendar")).content.decode()
    assert "Valhøj Skole" in page and "Nyager Skole" not in page
    assert "alle skoler" not in page


def test_the_coordinators_calendar_page_lists_the_partners_feed_and_a_page_of_schools(
    client_for, coordinator, school_a, school_b
):
    from initiatives.headspace.models import CalendarFeed

    SchoolFactory.create_batch(100)
    client = client_for(coordinator)
    first = client.get(reverse("headspace:calendar"))
    names = [feed["name"] for feed in first.context["feeds"]]
    assert names[0] == "Headspace (alle skoler)" and len(names) == 101
    assert "Side 1 af 2" in first.content.decode()
    # a school's feed is made when its page is first shown
    assert CalendarFeed.objects.filter(school__isnull=False).count() == 100
    second = client.get(reverse("headspace:calendar"), {"page": 2})
    assert len(second.context["feeds"]) == 2
    assert CalendarFeed.objects.filter(school__isnull=False).count() == 102
