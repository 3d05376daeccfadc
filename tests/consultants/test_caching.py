"""The cached consultant activity list (``consultants/caching.py``): a first visit computes the
page and later ones read it, every write that changes what the list shows bumps the data version
when it commits, and entries are kept apart per reader (what access lets them read and edit),
filters, page and language."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from consultants import caching, services
from consultants.models import Activity
from tests.consultants.factories import (
    ActivityFactory,
    ChallengeTagFactory,
    WellbeingCourseFactory,
)
from tests.factories import PeriodFactory, SchoolClassFactory

LIST = "consultants:activity_list"
BADGE = '<span class="badge text-bg-light border me-1">{}</span>'


def without_csrf_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def page(client, query=""):
    response = client.get(reverse(LIST) + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def klass(school_a, school_year):
    return SchoolClassFactory(school=school_a, school_year=school_year, grade=4, letter="B")


@pytest.fixture
def uro(db):
    return ChallengeTagFactory(name="uro")


@pytest.fixture
def activity(consultant, school_a, klass, uro):
    return ActivityFactory(
        consultant=consultant,
        school=school_a,
        school_class=klass,
        tags=[uro],
        date=date(2023, 3, 14),
    )


@pytest.fixture
def others(school_b):
    return ActivityFactory(school=school_b, date=date(2023, 3, 15))


def test_a_first_visit_computes_the_page_and_later_visits_read_it(
    client_for, coordinator, activity, others, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(reverse("home"))  # the session's own first writes
    caching.data.forget()
    # session, user; the count, the rows, their tags; the search form's tags, schools, half-years
    with django_assert_num_queries(8):
        first = page(client)
    # session, user
    with django_assert_num_queries(2):
        second = page(client)
    assert without_csrf_token(first) == without_csrf_token(second)


def test_a_filtered_page_is_cached_under_its_filters(client_for, coordinator, activity, others):
    client = client_for(coordinator)
    query = f"?school={activity.school_id}"
    assert "Nyager Skole</td>" in page(client)
    assert "Nyager Skole</td>" not in page(client, query)
    assert "Nyager Skole</td>" not in page(client, query)  # read from the cache
    assert "Nyager Skole</td>" in page(client)
    # an unknown school is no filter (as before): the whole list, not an empty page
    assert "Nyager Skole</td>" in page(client, "?school=abc")


def _rename_school(f):
    f["school_a"].name = "Valhøj Skole Nord"
    f["school_a"].save()


def _rename_class(f):
    f["klass"].letter = "Z"
    f["klass"].save()


def _rename_tag(f):
    f["uro"].name = "larm"
    f["uro"].save()


def _rename_consultant(f):
    f["consultant"].first_name = "Kirsten"
    f["consultant"].save()


def _record(f):
    services.activity_record(
        consultant=f["consultant"],
        client_uuid="6f1f0a3c-6a0e-4a0b-9a57-4c4b8c0e7c11",
        fields={
            "school": f["school_a"],
            "school_class": None,
            "date": date(2023, 5, 2),
            "start_time": None,
            "duration_minutes": 30,
            "kind": "sparring",
            "status": "held",
            "participants": [],
            "observation": "",
            "shared_with_leadership": False,
        },
        tags=[ChallengeTagFactory(name="søvn")],
    )


def _delete(f):
    f["activity"].delete()


def _new_tag(f):
    ChallengeTagFactory(name="skærmtid")


def _new_half_year(f):
    PeriodFactory(name="Efterår 2031", start=date(2031, 8, 1), end=date(2031, 12, 31))


WRITES = {
    # write: (change, texts shown after the commit, texts gone after it)
    "school renamed": (_rename_school, [">Valhøj Skole Nord</td>"], []),
    "class changed": (_rename_class, [">4.Z</td>"], [">4.B</td>"]),
    "tag renamed": (_rename_tag, [BADGE.format("larm")], [BADGE.format("uro")]),
    "consultant renamed": (_rename_consultant, [">Kirsten "], []),
    "activity recorded (service, with a tag)": (
        _record,
        [">02.05.2023</a>", BADGE.format("søvn")],
        [],
    ),
    "activity deleted": (_delete, [], [">14.03.2023</a>"]),
    "new tag (the search form)": (_new_tag, [">skærmtid</option>"], []),
    "new half-year (the search form)": (_new_half_year, [">Efterår 2031</option>"], []),
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_shows_on_the_list_once_it_has_committed(
    write,
    client_for,
    coordinator,
    consultant,
    school_a,
    klass,
    uro,
    activity,
    others,
    django_capture_on_commit_callbacks,
):
    change, shown, gone = WRITES[write]
    fixtures = {
        "school_a": school_a,
        "klass": klass,
        "uro": uro,
        "consultant": consultant,
        "activity": activity,
    }
    client = client_for(coordinator)
    page(client)  # computed and cached
    with django_capture_on_commit_callbacks() as on_commit:
        change(fixtures)
    # before the commit every reader gets the cached page (nobody else could see the write yet)
    for text in shown:
        assert text not in page(client), (write, text)
    for text in gone:
        assert text in page(client), (write, text)
    assert on_commit, "the write bumps nothing when it commits"
    for callback in on_commit:  # the commit
        callback()
    for text in shown:
        assert text in page(client), (write, text)
    for text in gone:
        assert text not in page(client), (write, text)


def test_editing_an_activitys_tags_in_its_form_shows_on_the_list(
    client_for, consultant, activity, uro, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    assert BADGE.format("uro") in page(client)
    movement = ChallengeTagFactory(name="bevægelse")
    caching.data.bump()  # the new tag's own bump (its commit) already happened
    assert BADGE.format("bevægelse") not in page(client)  # cached again
    data = {
        "school": activity.school_id,
        "school_class": activity.school_class_id,
        "date": "2023-03-14",
        "start_time": "09:00",
        "duration_minutes": 45,
        "kind": activity.kind,
        "status": activity.status,
        "observation": activity.observation,
        "tags": [movement.pk],
        "lock_version": activity.lock_version,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consultants:activity_update", args=[activity.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    listing = page(client)
    assert BADGE.format("bevægelse") in listing
    assert BADGE.format("uro") not in listing


def test_deleting_an_activity_in_its_view_shows_on_the_list(
    client_for, consultant, activity, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    assert ">14.03.2023</a>" in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultants:activity_delete", args=[activity.pk]))
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert ">14.03.2023</a>" not in page(client)


def test_a_login_bumps_nothing(
    client_for, coordinator, consultant, django_capture_on_commit_callbacks
):
    before = caching.data.version()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(consultant)
    assert caching.data.version() == before


@pytest.mark.django_db(transaction=True)
def test_the_version_changes_when_the_transaction_commits_not_before_and_not_on_rollback():
    before = caching.data.version()
    with transaction.atomic():
        ChallengeTagFactory(name="fællesskab")
        assert caching.data.version() == before  # nobody else sees the tag yet
    after = caching.data.version()
    assert after != before
    with pytest.raises(RuntimeError), transaction.atomic():
        ChallengeTagFactory(name="bevægelse")
        raise RuntimeError
    assert caching.data.version() == after


def test_the_demo_seed_bulk_inserts_bump_the_version(db, django_capture_on_commit_callbacks):
    before = caching.data.version()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--quiet")
    assert caching.data.version() != before


def test_each_consultant_gets_edit_buttons_only_on_their_own_activities(
    client_for, consultant, coordinator, activity, others
):
    edit_own = reverse("consultants:activity_update", args=[activity.pk])
    edit_others = reverse("consultants:activity_update", args=[others.pk])
    for _ in range(2):  # computed, then read from the cache
        mine = page(client_for(consultant))
        assert edit_own in mine
        assert edit_others not in mine
        as_coordinator = page(client_for(coordinator))
        assert edit_own not in as_coordinator
        assert edit_others not in as_coordinator
        as_other_consultant = page(client_for(others.consultant))
        assert edit_others in as_other_consultant
        assert edit_own not in as_other_consultant


def test_a_leader_never_gets_the_coordinators_cached_page(
    client_for, coordinator, leader_a, activity, others
):
    assert "Nyager Skole</td>" in page(client_for(coordinator))
    as_leader = page(client_for(leader_a))
    assert "Nyager Skole</td>" not in as_leader  # not shared with the leadership, other school


def test_danish_and_english_pages_are_cached_apart(client_for, coordinator, activity):
    client = client_for(coordinator)
    assert "Udfordringer" in page(client)
    client.cookies["django_language"] = "en"
    english = client.get(reverse(LIST), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies["django_language"] = "da"
    assert "Udfordringer" in page(client)
    assert english  # computed for its own language (no Danish page served under its key)


def test_an_odd_page_number_is_computed_not_cached(client_for, coordinator, activity):
    client = client_for(coordinator)
    assert "14.03.2023" in page(client, "?page=1")
    assert client.get(reverse(LIST) + "?page=01").status_code == 200
    assert client.get(reverse(LIST) + "?page=9").status_code == 404


# --- the wellbeing-course list ----------------------------------------------------------------
COURSES = "consultants:course_list"


@pytest.fixture
def course(consultant, school_a, klass):
    return WellbeingCourseFactory(
        consultant=consultant,
        school=school_a,
        school_class=klass,
        topic="Fællesskab",
        planned_sessions=4,
    )


def course_page(client):
    response = client.get(reverse(COURSES))
    assert response.status_code == 200
    return response.content.decode()


def _held_session(f):
    ActivityFactory(
        consultant=f["consultant"],
        school=f["course"].school,
        course=f["course"],
        status="held",
        kind="trivselsforloeb",
    )


def _rename_course(f):
    f["course"].topic = "Venskaber"
    f["course"].save()


def _new_course(f):
    WellbeingCourseFactory(consultant=f["consultant"], school=f["course"].school, topic="Søvn")


def _delete_course(f):
    f["course"].delete()


COURSE_WRITES = {
    "a session held": (_held_session, ["1 / 4"], ["0 / 4"]),
    "course renamed": (_rename_course, [">Venskaber</a>"], [">Fællesskab</a>"]),
    "course created": (_new_course, [">Søvn</a>"], []),
    "course deleted": (_delete_course, [], [">Fællesskab</a>"]),
    "consultant renamed": (_rename_consultant, ["<td>Kirsten "], []),
}


@pytest.mark.parametrize("write", COURSE_WRITES)
def test_a_write_shows_on_the_course_list_once_it_has_committed(
    write, client_for, coordinator, consultant, course, django_capture_on_commit_callbacks
):
    change, shown, gone = COURSE_WRITES[write]
    client = client_for(coordinator)
    assert ">Fællesskab</a>" in course_page(client)  # computed and cached
    with django_capture_on_commit_callbacks() as on_commit:
        change({"course": course, "consultant": consultant})
    for text in shown:
        assert text not in course_page(client), (write, text)
    assert on_commit, "the write bumps nothing when it commits"
    for callback in on_commit:
        callback()
    for text in shown:
        assert text in course_page(client), (write, text)
    for text in gone:
        assert text not in course_page(client), (write, text)


def test_the_course_list_is_read_from_the_cache(
    client_for, coordinator, course, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(reverse("home"))
    caching.data.forget()
    with django_assert_num_queries(4):  # session, user, count, rows
        course_page(client)
    with django_assert_num_queries(2):  # session, user
        course_page(client)
