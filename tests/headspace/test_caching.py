"""The cached Headspace talk list (``initiatives/headspace/caching.py``): a first visit computes
a page and later visits read it; every write that changes what the list shows bumps the data
version when it commits; entries are kept apart per reader scope (feedback links)."""

import re

import pytest
from django.urls import reverse

from initiatives.headspace import caching, services
from initiatives.headspace.models import Talk, TalkStatus
from tests.headspace.factories import TalkFactory, at

pytestmark = pytest.mark.django_db
LIST = reverse("headspace:talk_list")


def page(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return response.content.decode()


def without_csrf_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.fixture
def talk(class_8a):
    return TalkFactory(
        school_class=class_8a, starts_at=at(12, 9), ends_at=at(12, 10), counsellors=["Sara"]
    )


def test_a_first_visit_computes_the_page_and_later_visits_read_it(
    client_for, coordinator, target, talk, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(reverse("home"))
    caching.data.forget()
    with django_assert_num_queries(5):  # session, user, current year, count, rows
        first = page(client)
    with django_assert_num_queries(3):  # session, user, current year
        second = page(client)
    assert without_csrf_token(first) == without_csrf_token(second)
    assert ">8.A</a>" in second


def _book(f):
    services.talk_book(
        school_class=f["class_8b"],
        starts_at=at(13, 9),
        ends_at=at(13, 10),
        counsellors=["Ali"],
        by=f["coordinator"],
    )


def _held(f):
    services.talk_set_status(talk=f["talk"], by=f["coordinator"], status=TalkStatus.HELD)


def _delete(f):
    Talk.objects.get(pk=f["talk"].pk).delete()


def _rename_school(f):
    f["school_a"].name = "Valhøj Skole Nord"
    f["school_a"].save()


def _rename_class(f):
    f["class_8a"].letter = "Z"
    f["class_8a"].save()


WRITES = {
    "talk booked (service)": (_book, [">8.B</a>"], []),
    "talk held (service)": (_held, ['"badge text-bg-success"'], []),
    "talk deleted": (_delete, [], [">8.A</a>"]),
    "school renamed": (_rename_school, ["<td>Valhøj Skole Nord</td>"], []),
    "class renamed": (_rename_class, [">8.Z</a>"], [">8.A</a>"]),
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_shows_on_the_list_once_it_has_committed(
    write,
    client_for,
    coordinator,
    school_a,
    class_8a,
    class_8b,
    target,
    talk,
    django_capture_on_commit_callbacks,
):
    change, shown, gone = WRITES[write]
    fixtures = {
        "coordinator": coordinator,
        "school_a": school_a,
        "class_8a": class_8a,
        "class_8b": class_8b,
        "talk": talk,
    }
    client = client_for(coordinator)
    page(client)  # computed and cached
    with django_capture_on_commit_callbacks() as on_commit:
        change(fixtures)
    for text in shown:
        assert text not in page(client), (write, text)
    for text in gone:
        assert text in page(client), (write, text)
    assert on_commit, "the write bumps nothing when it commits"
    for callback in on_commit:
        callback()
    for text in shown:
        assert text in page(client), (write, text)
    for text in gone:
        assert text not in page(client), (write, text)


def test_feedback_shows_once_it_has_committed(
    client_for, staff_a, target, talk, django_capture_on_commit_callbacks
):
    Talk.objects.filter(pk=talk.pk).update(status=TalkStatus.HELD)
    caching.data.bump()  # a plain UPDATE sends no signal
    client = client_for(staff_a)
    assert "Giv feedback" in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.talk_feedback(talk=Talk.objects.get(pk=talk.pk), by=staff_a, score=4)
    listing = page(client)
    assert "4/5" in listing and "Giv feedback" not in listing


def test_feedback_links_are_cached_per_reader(client_for, coordinator, staff_a, target, talk):
    Talk.objects.filter(pk=talk.pk).update(status=TalkStatus.HELD)
    caching.data.bump()  # a plain UPDATE sends no signal
    for _ in range(2):  # computed, then read from the cache
        assert "Giv feedback" in page(client_for(staff_a))
        assert "Giv feedback" not in page(client_for(coordinator))


# --- the coverage overview ---------------------------------------------------------------------
COVERAGE = reverse("headspace:coverage")


def coverage_page(client):
    response = client.get(COVERAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_the_coverage_is_read_from_the_cache(
    client_for, coordinator, target, talk, class_8b, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(reverse("home"))
    caching.data.forget()
    with django_assert_num_queries(5):  # session, user, year, target grade, classes
        first = coverage_page(client)
    with django_assert_num_queries(3):  # session, user, year
        second = coverage_page(client)
    assert without_csrf_token(first) == without_csrf_token(second)
    assert "1 af 2 klasser" in second


def _target_grade(f):
    f["target"].grade = 9
    f["target"].save()


def _new_class(f):
    from tests.factories import SchoolClassFactory

    SchoolClassFactory(
        school=f["class_8a"].school, school_year=f["target"].school_year, grade=8, letter="C"
    )


COVERAGE_WRITES = {
    "talk booked": (_book, ["2 af 2 klasser"]),
    "talk held": (_held, ["8.A: afholdt"]),
    "talk deleted": (_delete, ["0 af 2 klasser"]),
    "target grade changed": (_target_grade, ["Alle klasser på 9. årgang"]),
    "class added": (_new_class, ["1 af 3 klasser"]),
    "school renamed": (_rename_school, ["<td>Valhøj Skole Nord</td>"]),
}


@pytest.mark.parametrize("write", COVERAGE_WRITES)
def test_a_write_shows_on_the_coverage_once_it_has_committed(
    write,
    client_for,
    coordinator,
    school_a,
    class_8a,
    class_8b,
    target,
    talk,
    django_capture_on_commit_callbacks,
):
    change, shown = COVERAGE_WRITES[write]
    fixtures = {
        "coordinator": coordinator,
        "school_a": school_a,
        "class_8a": class_8a,
        "class_8b": class_8b,
        "talk": talk,
        "target": target,
    }
    client = client_for(coordinator)
    assert "1 af 2 klasser" in coverage_page(client)  # computed and cached
    with django_capture_on_commit_callbacks() as on_commit:
        change(fixtures)
    for text in shown:
        assert text not in coverage_page(client), (write, text)
    assert on_commit, "the write bumps nothing when it commits"
    for callback in on_commit:
        callback()
    for text in shown:
        assert text in coverage_page(client), (write, text)


def test_a_leader_never_gets_the_coordinators_coverage(
    client_for, coordinator, leader_a, target, talk, class_b8a
):
    assert "Nyager Skole" in coverage_page(client_for(coordinator))
    assert "Nyager Skole" not in coverage_page(client_for(leader_a))
