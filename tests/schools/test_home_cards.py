"""The home page shows what needs the user, from each app's home.py (the schools app imports
none of them), in a fixed number of queries whatever the amount of data."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.headspace.models import TalkStatus
from initiatives.openschool.models import Status as AppStatus
from tests.consultants.factories import ActivityFactory, ExampleCaseFactory, FollowUpFactory
from tests.factories import SchoolClassFactory
from tests.headspace.factories import CPH, TalkFactory, TargetGradeFactory, at
from tests.openschool.factories import ApplicationFactory
from tests.trials.factories import TrialActionFactory
from trivsel.schools import homecards

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def cards(client):
    return {c.title: c for c in client.get(HOME).context["cards"]}


def test_every_app_registers_its_cards_through_home_py():
    keys = {p.key for p in homecards.providers()}
    assert {"trials", "openschool", "headspace", "griefgroups", "consultants", "statusnote"} <= keys


def test_a_leader_sees_trial_actions_to_evaluate_and_applications_to_change(
    client_for, leader_a, school_a, school_b, school_year, frozen_at
):
    frozen_at(date(2024, 1, 15))
    TrialActionFactory(school=school_a)  # ended in May 2023, not evaluated
    TrialActionFactory(school=school_a, end=date(2024, 6, 1))  # still running
    TrialActionFactory(school=school_b)  # another school's
    ApplicationFactory(school=school_a, status=AppStatus.CHANGES)
    ApplicationFactory(school=school_b, status=AppStatus.CHANGES)
    shown = cards(client_for(leader_a))
    assert shown["Prøvehandlinger"].count == 1 and shown["Prøvehandlinger"].urgent
    assert shown["Åben Skole"].count == 1
    assert "Sorggrupper" in shown and "Headspace" in shown
    assert "Eksempler" not in shown  # the coordinator's


def test_the_coordinator_sees_decisions_approvals_drafts_and_coverage(
    client_for, coordinator, school_year
):
    ApplicationFactory(status=AppStatus.SUBMITTED)
    ApplicationFactory(status=AppStatus.DRAFT)
    ExampleCaseFactory()
    shown = cards(client_for(coordinator))
    assert shown["Åben Skole"].count == 1
    assert shown["Eksempler"].count == 1
    assert shown["Statusnotat"].count == 0
    assert shown["Headspace"].count == "0 af 0"
    page = client_for(coordinator).get(HOME).content.decode()
    assert "Det venter på dig" in page and "venter på jeres afgørelse" in page


def test_a_consultant_sees_the_week_and_overdue_follow_ups(client_for, consultant, frozen_at):
    frozen_at(date(2024, 1, 17))  # a Wednesday
    ActivityFactory(consultant=consultant, date=date(2024, 1, 15))
    ActivityFactory(date=date(2024, 1, 16))  # a colleague's
    FollowUpFactory(activity=ActivityFactory(consultant=consultant), due=date(2024, 1, 1))
    FollowUpFactory(activity=ActivityFactory(consultant=consultant), due=date(2024, 2, 1))
    shown = cards(client_for(consultant))
    assert shown["Din uge"].count == 1
    assert shown["Opfølgninger"].count == 1 and shown["Opfølgninger"].urgent


@pytest.mark.parametrize("actor", ["leader_a", "coordinator", "consultant"])
def test_the_home_page_runs_a_fixed_number_of_queries(
    actors, client_for, actor, school_a, school_year
):
    user = actors[actor]
    client = client_for(user)
    client.get(HOME)  # warm the session
    counts = []
    for size in (1, 5):
        for _ in range(size):
            TrialActionFactory(school=school_a)
            ApplicationFactory(school=school_a, status=AppStatus.CHANGES)
            ApplicationFactory(status=AppStatus.SUBMITTED)
            ExampleCaseFactory()
            FollowUpFactory(activity=ActivityFactory(consultant=user, school=school_a))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME).status_code == 200
        counts.append(len(captured))
    # the same queries at 1× and 5× the data: each app's cards are counts, never rows
    assert counts[0] == counts[1], counts


def test_the_cards_follow_the_date_without_any_write(client_for, consultant, frozen_at):
    frozen_at(date(2024, 1, 17))
    FollowUpFactory(activity=ActivityFactory(consultant=consultant), due=date(2024, 1, 18))
    ActivityFactory(consultant=consultant, date=date(2024, 1, 22))  # next Monday
    client = client_for(consultant)
    assert cards(client)["Opfølgninger"].count == 0
    assert cards(client)["Din uge"].count == 0
    frozen_at(date(2024, 1, 22))  # a new week: the follow-up is overdue, the activity this week
    client = client_for(consultant)  # a new login (the session has timed out meanwhile)
    assert cards(client)["Opfølgninger"].count == 1
    assert cards(client)["Din uge"].count == 1


def test_a_leaders_coming_talk_is_no_longer_coming_once_it_has_started(
    client_for, leader_a, school_a, school_year, frozen_at
):
    frozen_at(datetime(2024, 2, 5, 8, 0, tzinfo=CPH))
    TalkFactory(school_class=SchoolClassFactory(school=school_a, grade=8), starts_at=at(5, 9))
    client = client_for(leader_a)
    assert cards(client)["Headspace"].count == 1
    frozen_at(datetime(2024, 2, 5, 9, 30, tzinfo=CPH))  # the same day
    client = client_for(leader_a)  # a new login (the session has timed out meanwhile)
    assert cards(client)["Headspace"].count == 0


def test_the_coverage_card_counts_what_the_coverage_page_shows(
    coordinator, school_a, school_b, school_year
):
    from initiatives.headspace.selectors import coverage, coverage_counts

    TargetGradeFactory(school_year=school_year, grade=8)
    for school in (school_a, school_b):
        for status in (TalkStatus.BOOKED, TalkStatus.HELD, TalkStatus.CANCELLED):
            TalkFactory(school_class=SchoolClassFactory(school=school, grade=8), status=status)
        SchoolClassFactory(school=school, grade=8)  # no talk
        SchoolClassFactory(school=school, grade=7)  # not the target grade
    full = coverage(coordinator, school_year)
    assert coverage_counts(coordinator, school_year) == (full.covered, full.total) == (4, 8)
    assert coverage_counts(coordinator, None) == (0, 0)
