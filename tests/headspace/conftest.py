import pytest

from tests.factories import SchoolClassFactory
from tests.headspace.factories import TargetGradeFactory


@pytest.fixture
def target(school_year):
    return TargetGradeFactory(school_year=school_year, grade=8)


@pytest.fixture
def class_8a(school_a, school_year):
    return SchoolClassFactory(school=school_a, school_year=school_year, grade=8, letter="A")


@pytest.fixture
def class_8b(school_a, school_year):
    return SchoolClassFactory(school=school_a, school_year=school_year, grade=8, letter="B")


@pytest.fixture
def class_b8a(school_b, school_year):
    return SchoolClassFactory(school=school_b, school_year=school_year, grade=8, letter="A")
