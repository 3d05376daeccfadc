"""Factories for the grief-group app: a course by Kræftens Bekæmpelse with a TrygFonden grant; a
trained leader is a staff member with a completed nomination; a group at the leader's school."""

from datetime import date, time
from decimal import Decimal

import factory

from initiatives.griefgroups.models import (
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
    NominationStatus,
)
from tests.factories import PartnerFactory, PeriodFactory, SchoolFactory, StaffFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = "Sorggruppelederuddannelse efterår 2023"
    provider = factory.SubFactory(PartnerFactory, name="Kræftens Bekæmpelse Rødovre")
    grant_giver = factory.SubFactory(PartnerFactory, name="TrygFonden")
    grant_amount = Decimal("48000")
    grant_covers = "kursusafgiften"
    seats = 12
    start_date = date(2023, 9, 5)
    end_date = date(2023, 11, 28)


class CourseSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory)
    date = date(2023, 9, 5)
    start_time = time(9, 0)
    end_time = time(15, 0)
    topic = "Børn og sorg"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    course = factory.SubFactory(CourseFactory)
    staff = factory.SubFactory(StaffFactory)
    status = NominationStatus.NOMINATED


def trained(staff, course=None):
    """Makes ``staff`` a trained grief-group leader (a completed, confirmed nomination)."""
    return NominationFactory(
        course=course or CourseFactory(),
        staff=staff,
        status=NominationStatus.CONFIRMED,
        completed=True,
        completed_on=date(2023, 11, 28),
    )


class GriefGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GriefGroup
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    name = "Sorggruppe mellemtrin"
    start_date = date(2023, 11, 1)
    grade_bands = factory.LazyFunction(lambda: ["mellemtrin"])
    places = 6
    referred_count = 8
    waiting_count = 2

    @factory.post_generation
    def leaders(self, create, extracted, **kwargs):
        if create and extracted:
            self.leaders.set(extracted)


class GroupMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMeeting

    group = factory.SubFactory(GriefGroupFactory)
    date = date(2023, 11, 8)
    pupils_present = 5
    leader_hours = Decimal("3")


class HourlyRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HourlyRate
        django_get_or_create = ("valid_from",)

    valid_from = date(2023, 8, 1)
    rate = Decimal("400")


def autumn_2023():
    return PeriodFactory(name="Efterår 2023", start=date(2023, 7, 1), end=date(2023, 12, 31))


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    group = factory.SubFactory(GriefGroupFactory)
    period = factory.LazyFunction(autumn_2023)
    places = 6
    referred_count = 8
    leader_assessment = 4
    materials_dkk = Decimal("600")
    hourly_rate = Decimal("400")
