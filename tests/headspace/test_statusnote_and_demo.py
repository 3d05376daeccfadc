import json
from datetime import date

import pytest
from django.core.management import call_command

from initiatives.headspace import statusnote as headspace_note
from initiatives.headspace.models import Talk, TalkStatus
from initiatives.openschool import statusnote as openschool_note
from initiatives.openschool.models import Application, Offer, Programme, Status
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db

MODELS = (Programme, Offer, Application, Talk)


def _counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_the_demo_tells_the_story_and_seeding_twice_changes_nothing():
    call_command("seed_demo", quiet=True)
    first = _counts()
    call_command("seed_demo", quiet=True)
    assert _counts() == first
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert Offer.objects.filter(partner__name="Headspace Rødovre").exists()
    statuses = set(Talk.objects.values_list("status", flat=True))
    assert {TalkStatus.HELD, TalkStatus.BOOKED} <= statuses
    assert Talk.objects.filter(feedback_score__isnull=False).exists()
    assert Talk.objects.order_by().values("school_class__school").distinct().count() == 6


def test_the_sections_tell_money_coverage_and_plans(django_assert_max_num_queries):
    call_command("seed_demo", quiet=True)
    period = PeriodFactory(name="Efterår 2023", start=date(2023, 7, 1), end=date(2023, 12, 31))
    money = openschool_note.section(period, date(2024, 1, 15))
    json.dumps(money)
    year = money["programmes"][0]
    assert year["budget"] == 250000.0
    assert year["allocated"] == 34500.0 and year["remaining"] == 215500.0
    assert {r["name"] for r in year["by_partner"]} >= {"Headspace Rødovre"}
    assert year["next_year"]

    talks = headspace_note.section(period, date(2024, 1, 15))
    json.dumps(talks)
    cov = talks["coverage"][0]
    assert cov["grade"] == 8
    assert cov["coverage"] == f"{cov['covered']} af {cov['classes']} klasser"
    assert cov["missing"] == 1 and not cov["all_covered"]
    assert talks["talks"]["held"] >= 1 and talks["talks"]["feedback_mean"] is not None
    assert cov["plan"]


def test_the_grade_was_chosen_in_june_after_the_cooperation_was_agreed_in_march():
    """The seed note of mid-April 2023 says «alle klasser på et relevant årgangstrin»: as of then
    the cooperation is known, the grade is not; by the end of June it is 8."""
    call_command("seed_demo", quiet=True)
    spring = PeriodFactory(name="Forår 2023", start=date(2023, 1, 1), end=date(2023, 6, 30))
    april = headspace_note.section(spring, date(2023, 4, 14))["planned"]
    assert april["school_year"] == "2023/24" and april["grade"] is None
    assert april["classes"] == 0 and april["booked"] == 0
    june = headspace_note.section(spring, date(2023, 6, 30))["planned"]
    assert june["grade"] == 8 and june["classes"] == 8
    ref = f"headspace.target:{april['id']}"
    outcome = headspace_note.follow_up([ref], date(2023, 4, 14), date(2023, 12, 31))[ref]
    assert outcome["detail"]["grade_then"] is None and outcome["detail"]["grade"] == 8
    assert "præsenterer det lokale Headspace i Rødovre" in outcome["detail"]["offer"]


@pytest.mark.parametrize("scale", [1, 2])
def test_the_sections_query_budget_does_not_grow_with_the_data(scale, django_assert_num_queries):
    call_command("seed_demo", quiet=True, scale=scale)
    period = PeriodFactory(name="Forår 2024", start=date(2024, 1, 1), end=date(2024, 6, 30))
    # the programmes known by then, their state then, their partners, money per school and per
    # partner
    with django_assert_num_queries(5):
        openschool_note.section(period, date(2024, 1, 15))
    # the talks' aggregate, the target grades known by then, their plans then, one coverage count
    # (2023/24; no later year is planned)
    with django_assert_num_queries(4):
        headspace_note.section(period, date(2024, 1, 15))
