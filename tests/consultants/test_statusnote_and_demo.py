"""The status-note section tells aggregates and approved example cases — never observations — and
the demo tells the status note's story, idempotently."""

import json
from datetime import date, datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone

from consultants.demo import MOVEMENT_CASE_TITLE
from consultants.models import (
    Activity,
    ChallengeTag,
    ExampleCase,
    ExampleCaseStatus,
    FollowUp,
    PitMeeting,
    WellbeingCourse,
)
from consultants.services import example_case_identifying_names
from consultants.statusnote import section
from tests.consultants.factories import (
    ActivityFactory,
    ExampleCaseFactory,
    PitMeetingFactory,
    WellbeingCourseFactory,
)
from tests.factories import PeriodFactory
from trivsel.schools.models import Period, School

AS_OF = date(2023, 6, 30)


def aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_the_section_counts_the_periods_held_activities_by_kind_and_school(
    school_a, school_b, tag_uro, tag_movement
):
    period = PeriodFactory()
    ActivityFactory(school=school_a, kind="observation", tags=[tag_uro, tag_movement])
    ActivityFactory(school=school_a, kind="sparring", tags=[tag_movement])
    ActivityFactory(school=school_b, kind="observation", tags=[tag_movement])
    ActivityFactory(school=school_b, kind="observation", date=date(2022, 12, 1))  # before
    facts = section(period, AS_OF)
    assert facts["activities"]["total"] == 3
    assert {k["kind"]: k["count"] for k in facts["activities"]["by_kind"]} == {
        "observation": 2,
        "sparring": 1,
    }
    assert {s["school"]: s["count"] for s in facts["activities"]["by_school"]} == {
        "Valhøj Skole": 2,
        "Nyager Skole": 1,
    }
    assert facts["top_tags"][0] == {"name": "bevægelse", "count": 3}
    json.dumps(facts)  # JSON-able, so a final note can freeze it


def test_the_section_uses_only_approved_example_cases_and_never_observation_text(school_a):
    period = PeriodFactory()
    ActivityFactory(school=school_a, observation="HEMMELIG observationstekst")
    approver = ActivityFactory(school=school_a).consultant
    ExampleCaseFactory(
        title="Godkendt",
        status=ExampleCaseStatus.APPROVED,
        approved_by=approver,
        approved_at=aware(AS_OF),
    )
    ExampleCaseFactory(
        title="Godkendt bagefter",
        status=ExampleCaseStatus.APPROVED,
        approved_by=approver,
        approved_at=aware(AS_OF + timedelta(days=1)),
    )
    ExampleCaseFactory(title="Kladde")
    facts = section(period, AS_OF)
    assert [c["title"] for c in facts["example_cases"]] == ["Godkendt"]
    assert "HEMMELIG" not in json.dumps(facts, ensure_ascii=False)


def test_the_section_counts_courses_and_pit_and_what_is_booked_after_as_of(
    school_a, school_b, frozen_at
):
    period = PeriodFactory()
    frozen_at(AS_OF)  # what is booked after as_of was booked on it
    course = WellbeingCourseFactory(school=school_a, planned_sessions=4)
    ActivityFactory(school=school_a, course=course, kind="trivselsforloeb")
    ActivityFactory(school=school_a, course=course, kind="trivselsforloeb")
    WellbeingCourseFactory(school=school_b, topic="Søvn", start_date=date(2023, 9, 4))
    PitMeetingFactory(school=school_a, cases_discussed=3)
    PitMeetingFactory(school=school_b, cases_discussed=2)
    PitMeetingFactory(school=school_b, date=date(2023, 9, 6), cases_discussed=0)
    ActivityFactory(school=school_b, date=date(2023, 8, 28), status="planned")
    facts = section(period, AS_OF)
    assert facts["courses"] == {
        "count": 1,
        "schools": 1,
        "sessions_held": 2,
        "sessions_planned": 4,
        "topics": ["Fællesskab i klassen"],
    }
    assert facts["pit"] == {"meetings": 2, "schools": 2, "cases": 5}
    assert facts["planned"]["activities"] == 1
    assert facts["planned"]["courses"] == [{"topic": "Søvn", "start": "2023-09-04", "sessions": 4}]
    assert facts["planned"]["pit_meetings"] == 1


def test_what_is_booked_after_as_of_counts_only_if_it_was_booked_by_then(school_a, frozen_at):
    period = PeriodFactory()
    frozen_at(AS_OF + timedelta(days=1))  # booked the day after
    ActivityFactory(school=school_a, date=date(2023, 8, 28), status="planned")
    WellbeingCourseFactory(school=school_a, topic="Søvn", start_date=date(2023, 9, 4))
    PitMeetingFactory(school=school_a, date=date(2023, 9, 6), cases_discussed=0)
    planned = section(period, AS_OF)["planned"]
    assert planned["activities"] == 0 and planned["courses"] == []
    assert planned["pit_meetings"] == 0


def counts():
    return [
        m.objects.count()
        for m in (Activity, FollowUp, WellbeingCourse, PitMeeting, ExampleCase, ChallengeTag)
    ]


def test_the_demo_is_idempotent_and_tells_the_movement_story_as_an_approved_case(db):
    call_command("seed_demo", "--quiet")
    first = counts()
    call_command("seed_demo", "--quiet")
    assert counts() == first
    assert Activity.objects.values("school").distinct().count() == 6
    assert set(Activity.objects.values_list("consultant__username", flat=True)) == {
        "konsulent1",
        "konsulent2",
    }
    case = ExampleCase.objects.get(title=MOVEMENT_CASE_TITLE)
    assert case.is_approved and case.period.name == "Forår 2023"
    assert "på en skole" in case.text
    assert example_case_identifying_names(title=case.title, text=case.text) == []
    # written in mid-April while the school worked on it: the author's present tense
    assert "personalet oplever, at det bøvler" in case.text and "oplevede" not in case.text
    assert "drengene har det sværest" in case.text and "—" not in case.title + case.text
    # the story behind it: observations, guidance with the physiotherapist, two-adult sparring
    story = Activity.objects.filter(
        tags__name="to-voksenordning", kind="sparring", participants__contains=["klasseteam"]
    )
    assert story.exists()
    physio = Activity.objects.filter(participants__contains=["skolefysioterapeut"])
    assert physio.exists()
    # the same school makes the more varied school day a movement trial action in 2023/24
    from initiatives.trials.models import TrialAction

    movement = TrialAction.objects.get(themes__name="Bevægelse", start__year=2023)
    assert {a.school_id for a in physio} == {movement.school_id}
    # the autumn is as busy as the spring: visits every other week and a course at every school
    autumn = section(Period.objects.get(name="Efterår 2023"), date(2023, 12, 31))
    assert autumn["activities"]["total"] >= 80 and autumn["courses"]["count"] == 6
    assert autumn["courses"]["sessions_held"] == 24
    spring = section(Period.objects.get(name="Forår 2023"), date(2024, 1, 15))
    assert spring["activities"]["schools"] == 6
    assert spring["courses"]["count"] >= 6
    assert spring["pit"]["meetings"] >= 6
    assert [c["title"] for c in spring["example_cases"]] == [MOVEMENT_CASE_TITLE]
    assert spring["planned"]["activities"] > 0  # booked after the demo date
    assert School.objects.count() == 6


def test_a_note_that_follows_up_an_earlier_one_counts_from_the_day_after_it(school_a):
    """The autumn note counts from the day after the spring note's as-of date, so no activity
    falls between the two; what happens after its own as-of date does not count."""
    autumn = PeriodFactory(name="Efterår 2023", start=date(2023, 7, 1), end=date(2023, 12, 31))
    ActivityFactory(school=school_a, kind="observation", date=date(2023, 4, 14))  # told in spring
    ActivityFactory(school=school_a, kind="observation", date=date(2023, 5, 2))  # between
    PitMeetingFactory(school=school_a, date=date(2023, 6, 1), cases_discussed=1)  # between
    ActivityFactory(school=school_a, kind="vejledning", date=date(2023, 9, 5))
    since = date(2023, 4, 15)
    facts = section(autumn, date(2023, 12, 31), since=since)
    assert (facts["start"], facts["end"]) == ("2023-04-15", "2023-12-31")
    assert facts["activities"]["total"] == 2 and facts["pit"]["meetings"] == 1
    assert section(autumn, date(2023, 12, 31))["activities"]["total"] == 1  # no earlier note
    # as of means as of: later records do not change the facts
    ActivityFactory(school=school_a, kind="observation", date=date(2024, 1, 3))
    PitMeetingFactory(school=school_a, date=date(2024, 1, 4), cases_discussed=0)
    assert section(autumn, date(2023, 12, 31), since=since)["activities"] == facts["activities"]
    assert section(autumn, date(2023, 12, 31), since=since)["pit"] == facts["pit"]
