from datetime import datetime
from zoneinfo import ZoneInfo

import factory

from initiatives.headspace.models import Talk, TalkStatus, TargetGrade
from tests.factories import SchoolClassFactory, SchoolYearFactory

CPH = ZoneInfo("Europe/Copenhagen")


def at(day: int, hour: int, month: int = 2, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=CPH)


class TargetGradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGrade
        django_get_or_create = ("school_year",)

    school_year = factory.SubFactory(SchoolYearFactory)
    grade = 8


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    school_class = factory.SubFactory(SchoolClassFactory, grade=8)
    starts_at = factory.Sequence(lambda n: at(1 + n % 25, 9))
    ends_at = factory.LazyAttribute(lambda t: t.starts_at.replace(hour=t.starts_at.hour + 1))
    counsellors = factory.LazyFunction(lambda: ["Sara Headspace"])
    status = TalkStatus.BOOKED
