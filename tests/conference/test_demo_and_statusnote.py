"""The demo (idempotent, the story of the issue) and the status-note section."""

import json
from datetime import date

import pytest
from django.db.models import Count, Q

from conference import demo
from conference.models import BookingStatus, DayBooking, Event, ParticipantKind, Registration
from conference.statusnote import section
from trivsel.schools import demo as school_demo
from trivsel.schools.models import Period


@pytest.fixture
def seeded(db):
    ctx = school_demo.DemoContext(scale=1)
    school_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


def counts():
    return (Event.objects.count(), Registration.objects.count(), DayBooking.objects.count())


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    demo.seed(seeded)
    assert counts() == before


def test_the_demo_conference_has_about_100_participants_pupils_and_a_waiting_list(seeded):
    event = Event.objects.get(slug=demo.CONFERENCE_SLUG)
    regs = event.registrations.all()
    assert 95 <= regs.exclude(kind=ParticipantKind.PUPIL).count() <= 110
    assert regs.filter(kind=ParticipantKind.PUPIL).count() == len(demo.PUPILS)
    assert event.facilitators.filter(name="MIT Center for Systems Awareness").exists()
    for day in event.days.annotate(
        confirmed=Count("bookings", filter=Q(bookings__status="confirmed"))
    ):
        assert day.confirmed <= day.capacity  # never exceeded
    assert DayBooking.objects.filter(day__event=event, status=BookingStatus.WAITING).exists()


def test_the_course_has_pedagogues_from_all_six_schools(seeded):
    course = Event.objects.get(slug=demo.COURSE_SLUG)
    schools = set(course.registrations.values_list("school__name", flat=True))
    assert len(schools) == 6


def test_the_status_note_section_tells_what_was_planned_and_held(
    seeded, django_assert_max_num_queries
):
    period = Period.objects.get(name="Forår 2024")
    with django_assert_max_num_queries(5):
        facts = section(period, date(2024, 1, 15))
    json.dumps(facts)  # JSON-able
    titles = [e["title"] for e in facts["in_period_planned"]]
    assert demo.CONFERENCE_TITLE in titles
    conference = next(e for e in facts["in_period_planned"] if e["title"] == demo.CONFERENCE_TITLE)
    assert conference["by_kind"]["pupil"] == len(demo.PUPILS)
    assert any(d["waiting"] > 0 for d in conference["days"])
    course = next(e for e in facts["in_period_planned"] if e["kind"] == "course")
    assert len(course["participants_per_school"]) == 6
    after = section(period, date(2024, 6, 30))
    assert {e["title"] for e in after["held"]} >= {demo.CONFERENCE_TITLE}
