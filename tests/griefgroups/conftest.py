"""The grief-group world: school A has a trained leader with a staff login (staff_a), a group
led by them; school B has its own group. Named actors come from tests/conftest.py."""

import pytest

from initiatives.griefgroups.models import NominationStatus
from tests.factories import StaffFactory

from .factories import (
    CourseFactory,
    GriefGroupFactory,
    GroupMeetingFactory,
    NominationFactory,
    trained,
)


@pytest.fixture
def course(db):
    return CourseFactory()


@pytest.fixture
def staff_a_member(staff_a):
    """The Staff row behind the staff_a login."""
    return staff_a.staff_profile


@pytest.fixture
def group_a(school_a, staff_a_member, course):
    trained(staff_a_member, course)
    return GriefGroupFactory(school=school_a, leaders=[staff_a_member])


@pytest.fixture
def group_b(school_b, course):
    leader = StaffFactory(school=school_b, name="Birthe B")
    trained(leader, course)
    return GriefGroupFactory(school=school_b, name="Sorggruppe B", leaders=[leader])


@pytest.fixture
def meeting_a(group_a):
    return GroupMeetingFactory(group=group_a)


@pytest.fixture
def nomination_a(course, school_a):
    return NominationFactory(course=course, staff=StaffFactory(school=school_a, name="Nina A"))


@pytest.fixture
def nomination_b(course, school_b):
    return NominationFactory(course=course, staff=StaffFactory(school=school_b, name="Niels B"))


__all__ = ["NominationStatus"]
