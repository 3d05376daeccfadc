"""Factories of the consultants' app. An activity's class belongs to its school, and its consultant
has the consultant role."""

from __future__ import annotations

import uuid
from datetime import date, time

import factory

from consultants.models import (
    Activity,
    ActivityKind,
    ChallengeTag,
    ExampleCase,
    FollowUp,
    PitMeeting,
    WellbeingCourse,
)
from tests.factories import PeriodFactory, SchoolFactory, UserFactory
from trivsel.schools.models import Role


class ConsultantFactory(UserFactory):
    username = factory.Sequence(lambda n: f"konsulent{n}")
    role = Role.CONSULTANT


class ChallengeTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeTag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"udfordring {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    consultant = factory.SubFactory(ConsultantFactory)
    school = factory.SubFactory(SchoolFactory)
    school_class = None
    date = date(2023, 3, 14)
    start_time = time(9, 0)
    duration_minutes = 45
    kind = ActivityKind.OBSERVATION
    observation = "Uro i klassen efter frikvarteret."
    client_uuid = factory.LazyFunction(uuid.uuid4)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    activity = factory.SubFactory(ActivityFactory)
    what = "Bevægelsesbånd i første lektion"
    who = "Klasseteamet"
    due = date(2023, 4, 1)


class WellbeingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WellbeingCourse

    consultant = factory.SubFactory(ConsultantFactory)
    school = factory.SubFactory(SchoolFactory)
    topic = "Fællesskab i klassen"
    start_date = date(2023, 2, 6)
    planned_sessions = 4


class PitMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PitMeeting

    consultant = factory.SubFactory(ConsultantFactory)
    school = factory.SubFactory(SchoolFactory)
    date = date(2023, 3, 1)
    cases_discussed = 3
    themes = "Fravær, uro"


class ExampleCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExampleCase

    title = "Bevægelse i indskolingen"
    text = "På en skole planlagde klasseteamet en mere varieret skoledag med bevægelse."
    period = factory.SubFactory(PeriodFactory)
    author = factory.SubFactory(ConsultantFactory)


def consultants_world(actors, school_a, school_b, class_a, class_b) -> dict:
    """Records of school A (the world's consultant's own, shared with the leadership) and of
    school B (another consultant's, shared) for the access matrix."""
    mine = actors["consultant"]
    other = ConsultantFactory(username="konsulent_anden")
    activity_a = ActivityFactory(
        consultant=mine, school=school_a, school_class=class_a, shared_with_leadership=True
    )
    activity_b = ActivityFactory(
        consultant=other, school=school_b, school_class=class_b, shared_with_leadership=True
    )
    return {
        "tag": ChallengeTagFactory(name="uro"),
        "activity_a": activity_a,
        "activity_b": activity_b,
        "followup_a": FollowUpFactory(activity=activity_a),
        "followup_b": FollowUpFactory(activity=activity_b),
        "course_a": WellbeingCourseFactory(consultant=mine, school=school_a, school_class=class_a),
        "course_b": WellbeingCourseFactory(consultant=other, school=school_b, school_class=class_b),
        "pit_a": PitMeetingFactory(consultant=mine, school=school_a),
        "pit_b": PitMeetingFactory(consultant=other, school=school_b),
        "case_a": ExampleCaseFactory(author=mine),
        "case_b": ExampleCaseFactory(author=other, title="Et andet eksempel"),
    }
