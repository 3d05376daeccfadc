"""The scaling page reads its evaluations once: the network-wide estimate is the status note's
(``scaling_estimate``), and its table holds exactly the evaluations the reader may read."""

from datetime import date
from decimal import Decimal

import pytest

from initiatives.griefgroups import selectors
from initiatives.griefgroups.models import Evaluation
from tests.factories import PeriodFactory
from trivsel.schools import access

from .factories import EvaluationFactory, GroupMeetingFactory, HourlyRateFactory

AS_OF = date(2023, 12, 15)


@pytest.fixture
def evaluations(group_a, group_b, meeting_a):
    HourlyRateFactory(rate=Decimal("400"))
    GroupMeetingFactory(group=group_b, date=date(2023, 11, 15), leader_hours=Decimal("2.5"))
    spring = PeriodFactory(name="Forår 2024", start=date(2024, 1, 1), end=date(2024, 6, 30))
    return [
        EvaluationFactory(group=group_a),
        EvaluationFactory(group=group_b, materials_dkk=Decimal("250")),
        EvaluationFactory(group=group_a, period=spring),  # after AS_OF: not in the estimate
    ]


@pytest.mark.parametrize("reader", ["leader_a", "leader_b", "staff_a", "coordinator"])
def test_the_page_estimates_what_the_status_note_estimates_and_lists_what_the_reader_may_read(
    request, evaluations, reader
):
    user = request.getfixturevalue(reader)
    estimate, readable = selectors.scaling_page(user, AS_OF)
    assert estimate.as_dict() == selectors.scaling_estimate(AS_OF).as_dict()
    assert estimate.meetings_measured == 2 and estimate.groups_measured == 2
    expected = access.scope(user, Evaluation.objects.all()).order_by(
        "-period__start", "group__school__name"
    )
    assert [f.evaluation.pk for f in readable] == [e.pk for e in expected]
    assert readable  # every reader here has a group with evaluations
