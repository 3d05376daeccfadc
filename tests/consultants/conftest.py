from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.consultants.factories import ChallengeTagFactory
from tests.factories import SchoolClassFactory, SchoolYearFactory

DEMO_NOW = datetime(2023, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture
def pinned():
    """Today is 1 June 2023 (a school day in spring 2023)."""
    with time_machine.travel(DEMO_NOW, tick=False):
        yield DEMO_NOW.date()


@pytest.fixture
def spring_year(db):
    return SchoolYearFactory(
        name="2022/23", start=date(2022, 8, 1), end=date(2023, 7, 31), is_current=False
    )


@pytest.fixture
def class_a_spring(school_a, spring_year):
    return SchoolClassFactory(school=school_a, school_year=spring_year, grade=1, letter="A")


@pytest.fixture
def class_b_spring(school_b, spring_year):
    return SchoolClassFactory(school=school_b, school_year=spring_year, grade=1, letter="A")


@pytest.fixture
def tag_uro(db):
    return ChallengeTagFactory(name="uro")


@pytest.fixture
def tag_movement(db):
    return ChallengeTagFactory(name="bevægelse")
