"""Lists and overviews run a fixed number of queries whatever the number of rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultants.statusnote import QUERY_BUDGET, section
from tests.consultants.factories import (
    ActivityFactory,
    ChallengeTagFactory,
    ExampleCaseFactory,
    FollowUpFactory,
    PitMeetingFactory,
    WellbeingCourseFactory,
)
from tests.factories import PeriodFactory, SchoolClassFactory


def grow(n, school, klass, tags):
    for i in range(n):
        course = WellbeingCourseFactory(school=school, school_class=klass)
        activity = ActivityFactory(
            school=school,
            school_class=klass,
            tags=tags,
            course=course,
            date=date(2023, 3, 13 + i % 5),
            shared_with_leadership=True,
        )
        FollowUpFactory(activity=activity, due=date(2023, 4, 1))
        PitMeetingFactory(school=school)
        ExampleCaseFactory(
            title=f"Eksempel {i}", status="approved", approved_by=activity.consultant
        )


def count_queries(client, url, params=None):
    """The queries of one visit of a page."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    ("consultants:activity_list", {}),
    ("consultants:activity_list", {"band": "mellemtrin", "kind": "observation"}),
    ("consultants:week", {"dato": "2023-03-13"}),
    ("consultants:school_kind", {}),
    ("consultants:followup_overdue", {}),
    ("consultants:course_list", {}),
    ("consultants:pit_list", {}),
    ("consultants:case_list", {}),
]


@pytest.mark.parametrize(("name", "params"), PAGES)
@pytest.mark.parametrize("actor", ["consultant", "coordinator"])
def test_a_page_runs_the_same_queries_for_2_and_12_rows(
    request, client_for, name, params, actor, school_a, school_year, pinned
):
    user = request.getfixturevalue(actor)
    klass = SchoolClassFactory(school=school_a, school_year=school_year, grade=5, letter="C")
    tags = [ChallengeTagFactory(name="uro"), ChallengeTagFactory(name="bevægelse")]
    client = client_for(user)
    url = reverse(name)
    grow(2, school_a, klass, tags)
    few = count_queries(client, url, params)
    grow(10, school_a, klass, tags)
    many = count_queries(client, url, params)
    assert few == many, f"{name}: {few} queries for 2 rows, {many} for 12"


def test_the_activity_list_for_a_leader_has_a_fixed_number_of_queries(
    client_for, leader_a, school_a, school_year, django_assert_num_queries
):
    klass = SchoolClassFactory(school=school_a, school_year=school_year, grade=2, letter="C")
    tags = [ChallengeTagFactory(name="uro")]
    client = client_for(leader_a)
    url = reverse("consultants:activity_list")
    client.get(url)  # warm the session
    grow(3, school_a, klass, tags)
    # session, user, the leader's schools, count, rows, tags (prefetch), the search form's
    # choices (tags, schools, periods), menu checks — measured, then pinned at both sizes:
    baseline = count_queries(client, url)
    grow(9, school_a, klass, tags)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_the_status_note_section_stays_within_its_query_budget(school_a, school_year):
    period = PeriodFactory()
    klass = SchoolClassFactory(school=school_a, school_year=school_year, grade=2, letter="D")
    tags = [ChallengeTagFactory(name="uro")]
    sizes = []
    for n in (1, 10):
        grow(n, school_a, klass, tags)
        with CaptureQueriesContext(connection) as ctx:
            section(period, date(2024, 1, 15))
        sizes.append(len(ctx.captured_queries))
    assert sizes[0] == sizes[1] <= QUERY_BUDGET
