"""The demo tells the story of the status note (the autumn 2023 course, groups at three schools,
an evaluation for Efterår 2023), twice changes nothing; the note's section speaks of it."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.griefgroups import statusnote
from initiatives.griefgroups.models import (
    Attendance,
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
)
from trivsel.schools.models import Period, School

MODELS = (
    Course,
    CourseSession,
    Nomination,
    Attendance,
    GriefGroup,
    GroupMeeting,
    Evaluation,
    HourlyRate,
)


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet")


def test_seeding_the_demo_twice_changes_nothing(demo):
    first = counts()
    call_command("seed_demo", "--quiet")
    assert counts() == first
    assert first["Course"] == 1 and first["GriefGroup"] == 3 and first["Evaluation"] == 3


def test_the_demo_course_has_participants_from_all_six_schools(demo):
    course = Course.objects.get()
    assert course.provider.name == "Kræftens Bekæmpelse Rødovre"
    assert course.grant_giver.name == "TrygFonden"
    schools = set(Nomination.objects.filter(completed=True).values_list("staff__school", flat=True))
    assert schools == set(School.objects.values_list("pk", flat=True))
    assert len(schools) == 6
    assert Nomination.objects.filter(status="confirmed").count() <= course.seats
    dates = list(course.sessions.values_list("date", flat=True))
    assert dates[0] >= date(2023, 9, 1) and dates[-1] <= date(2023, 11, 30)


def test_every_demo_group_leader_has_completed_the_course_and_no_meeting_overflows(demo):
    for group in GriefGroup.objects.prefetch_related("leaders__griefgroup_nominations"):
        assert group.leaders.exists()
        for leader in group.leaders.all():
            assert any(n.completed for n in leader.griefgroup_nominations.all())
        assert not group.meetings.filter(pupils_present__gt=group.places).exists()
        assert not group.meetings.filter(date__lt=group.start_date).exists()


def test_the_section_on_the_demo_tells_the_course_groups_evaluation_and_estimate(demo):
    autumn = Period.objects.get(name="Efterår 2023")
    with CaptureQueriesContext(connection) as queries:
        facts = statusnote.section(autumn, date(2024, 1, 15))
    assert len(queries) <= 9
    assert json.loads(json.dumps(facts)) == facts
    assert facts["course"]["status"] == "held"
    assert facts["course"]["grant_giver"] == "TrygFonden"
    assert len(facts["participants"]) == 6
    assert len(facts["groups"]) == 3
    assert facts["evaluation"]["groups"] == 3
    assert facts["evaluation"]["running_cost_dkk"] > 0
    assert facts["scaling"]["complete"] is True
    assert facts["scaling"]["schools"] == 6
    assert facts["scaling"]["yearly_cost_total"] > 0


def test_the_section_speaks_of_the_course_as_planned_before_it_starts(demo):
    spring = Period.objects.get(name="Forår 2023")
    facts = statusnote.section(spring, date(2023, 6, 15))
    assert facts["course"]["status"] == "planned"
    assert facts["groups"] == []
    assert facts["evaluation"] is None


def test_the_section_has_facts_for_an_empty_database(db):
    period = Period.objects.create(name="Forår 2023", start=date(2023, 1, 1), end=date(2023, 6, 30))
    facts = statusnote.section(period, date(2024, 1, 15))
    assert facts["course"] is None and facts["groups"] == []
    assert facts["scaling"]["complete"] is False
    assert json.loads(json.dumps(facts)) == facts


def test_the_sections_query_count_does_not_grow_with_the_data(db):
    call_command("seed_demo", "--quiet")
    autumn = Period.objects.get(name="Efterår 2023")
    with CaptureQueriesContext(connection) as at_1x:
        statusnote.section(autumn, date(2024, 1, 15))
    call_command("seed_demo", "--quiet", "--scale", "2")
    with CaptureQueriesContext(connection) as at_2x:
        statusnote.section(autumn, date(2024, 1, 15))
    assert len(at_1x) == len(at_2x)
