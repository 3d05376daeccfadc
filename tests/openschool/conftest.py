from decimal import Decimal

import pytest

from tests.openschool.factories import ProgrammeFactory


@pytest.fixture
def programme(school_year):
    return ProgrammeFactory(school_year=school_year, budget=Decimal("100000"))
