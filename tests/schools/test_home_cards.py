"""The home page shows what needs the user, from each app's home.py (the schools app imports
none of them), in a fixed number of queries whatever the amount of data."""

import uuid
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultants.models import FollowUp
from consultants.services import activity_record
from initiatives.headspace.models import TalkStatus
from initiatives.openschool.models import Status as AppStatus
from tests.consultants.factories import ActivityFactory, ExampleCaseFactory, FollowUpFactory
from tests.factories import SchoolClassFactory, SchoolYearFactory
from tests.griefgroups.factories import GriefGroupFactory, GroupMeetingFactory
from tests.headspace.factories import CPH, TalkFactory, TargetGradeFactory, at
from tests.openschool.factories import ApplicationFactory
from tests.statusnote.factories import StatusNoteFactory
from tests.trials.factories import TrialActionFactory
from trivsel.schools import caching, homecards
from trivsel.schools.class_file import ClassRow
from trivsel.schools.services.classes import classes_import
from trivsel.schools.services.school_years import school_year_make_current

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


# --- the cached cards (trivsel.schools.homecards: DataCache("homes")) -------------------------
# A write shows on the home right after it commits: every card is read once (cached), written to,
# and read again. Writes bump the data version on commit only, hence the captured callbacks.


def test_the_cached_cards_are_read_from_the_cache_the_second_time(client_for, coordinator):
    client = client_for(coordinator)
    client.get(HOME)
    with CaptureQueriesContext(connection) as first:
        client.get(HOME)
    caching.forget_all()
    with CaptureQueriesContext(connection) as cold:
        client.get(HOME)
    # the coordinator's four card queries (applications, coverage, examples, drafts) are skipped
    assert len(cold) - len(first) == 4, (len(cold), len(first))


def test_a_leader_sees_each_apps_write_right_after_it_commits(
    client_for, leader_a, school_a, school_year, frozen_at, django_capture_on_commit_callbacks
):
    frozen_at(date(2024, 1, 15))
    client = client_for(leader_a)
    before = cards(client)
    assert before["Prøvehandlinger"].count == 0
    assert before["Åben Skole"].count == 0
    assert before["Sorggrupper"].count == 0
    assert before["Headspace"].count == 0
    with django_capture_on_commit_callbacks(execute=True):
        TrialActionFactory(school=school_a)  # ended in May 2023, not evaluated
    assert cards(client)["Prøvehandlinger"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(school=school_a, status=AppStatus.CHANGES)
    assert cards(client)["Åben Skole"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        application.status = AppStatus.SUBMITTED
        application.save()
    assert cards(client)["Åben Skole"].count == 0
    with django_capture_on_commit_callbacks(execute=True):
        group = GriefGroupFactory(school=school_a)
    assert cards(client)["Sorggrupper"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        GroupMeetingFactory(group=group)
    assert "1 møder" in cards(client)["Sorggrupper"].text
    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
    assert cards(client)["Sorggrupper"].count == 0
    with django_capture_on_commit_callbacks(execute=True):
        TalkFactory(school_class=SchoolClassFactory(school=school_a, grade=8))  # February 2024
    assert cards(client)["Headspace"].count == 1


def test_a_leader_given_another_school_sees_its_cards_at_once(
    client_for,
    leader_a,
    school_a,
    school_b,
    school_year,
    frozen_at,
    django_capture_on_commit_callbacks,
):
    frozen_at(date(2024, 1, 15))
    TrialActionFactory(school=school_b)
    client = client_for(leader_a)
    assert cards(client)["Prøvehandlinger"].count == 0
    with django_capture_on_commit_callbacks(execute=True):
        leader_a.schools.add(school_b)  # a many-to-many change
    assert cards(client)["Prøvehandlinger"].count == 1


def test_the_coordinator_sees_each_apps_write_right_after_it_commits(
    client_for, coordinator, school_a, school_year, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    before = cards(client)
    assert before["Åben Skole"].count == 0
    assert before["Eksempler"].count == 0
    assert before["Statusnotat"].count == 0
    assert before["Headspace"].count == "0 af 0"
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(status=AppStatus.SUBMITTED)
    assert cards(client)["Åben Skole"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        case = ExampleCaseFactory()
    assert cards(client)["Eksempler"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    assert cards(client)["Eksempler"].count == 0
    with django_capture_on_commit_callbacks(execute=True):
        StatusNoteFactory()
    assert cards(client)["Statusnotat"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        TargetGradeFactory(school_year=school_year, grade=8)
        eighth = SchoolClassFactory(school=school_a, school_year=school_year, grade=8)
    assert cards(client)["Headspace"].count == "0 af 1"
    with django_capture_on_commit_callbacks(execute=True):
        talk = TalkFactory(school_class=eighth)
    assert cards(client)["Headspace"].count == "1 af 1"
    with django_capture_on_commit_callbacks(execute=True):
        talk.status = TalkStatus.CANCELLED
        talk.save()
    assert cards(client)["Headspace"].count == "0 af 1"


def test_a_consultant_sees_a_new_activity_and_its_follow_ups_right_after_commit(
    client_for, consultant, school_a, frozen_at, django_capture_on_commit_callbacks
):
    frozen_at(date(2024, 1, 17))  # a Wednesday
    client = client_for(consultant)
    assert cards(client)["Din uge"].count == 0
    assert cards(client)["Opfølgninger"].count == 0
    fields = {
        "school": school_a,
        "school_class": None,
        "date": date(2024, 1, 16),
        "start_time": None,
        "duration_minutes": 45,
        "kind": "observation",
        "status": "held",
        "participants": [],
        "observation": "",
        "shared_with_leadership": False,
    }
    with django_capture_on_commit_callbacks(execute=True):
        # the tablet's path: the follow-ups are inserted in bulk (no signals)
        activity_record(
            consultant=consultant,
            client_uuid=uuid.uuid4(),
            fields=fields,
            follow_ups=[{"what": "Samtale", "who": "Klasseteamet", "due": date(2024, 1, 10)}],
        )
    shown = cards(client)
    assert shown["Din uge"].count == 1
    assert shown["Opfølgninger"].count == 1
    follow_up = FollowUp.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        follow_up.done = True
        follow_up.save()
    assert cards(client)["Opfølgninger"].count == 0


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
    frozen_at(datetime(2024, 2, 5, 9, 30, tzinfo=CPH))  # the same day: not cached by the day
    client = client_for(leader_a)  # a new login (the session has timed out meanwhile)
    assert cards(client)["Headspace"].count == 0


def test_a_new_current_school_year_and_imported_classes_show_at_once(
    client_for, coordinator, school_a, school_year, django_capture_on_commit_callbacks
):
    TargetGradeFactory(school_year=school_year, grade=8)
    client = client_for(coordinator)
    assert cards(client)["Headspace"].count == "0 af 0"
    row = ClassRow(
        number=1, school=school_a.name, grade="8", letter="A", pupil_count="20", cells=()
    )
    with django_capture_on_commit_callbacks(execute=True):
        classes_import(school_year=school_year, rows=[row])  # a bulk insert
    assert cards(client)["Headspace"].count == "0 af 1"
    next_year = SchoolYearFactory(
        name="2024/25", start=date(2024, 8, 1), end=date(2025, 7, 31), is_current=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        school_year_make_current(school_year=next_year)  # plain UPDATEs
    assert cards(client)["Headspace"].count == "0 af 0"  # no target grade in the new year


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


def test_a_cached_provider_has_cards_only_for_the_roles_it_names(actors, school_year):
    """cards_for calls a cached provider only for its ``roles``: any other role must get none."""
    from trivsel.schools import access

    for name, user in actors.items():
        if user is None:
            continue
        role = access.role_of(user)
        for provider in homecards.providers():
            if provider.cached and role not in provider.roles:
                assert provider.func(user, role) == [], (provider.key, name)


def test_staff_and_conference_admins_homes_make_no_cache_round_trips(
    client_for, staff_a, conference_admin, school_year, monkeypatch
):
    def fail(*args, **kwargs):
        raise AssertionError("no cached provider serves this role")

    monkeypatch.setattr(homecards.data, "cached", fail)
    for user in (staff_a, conference_admin):
        assert client_for(user).get(HOME).status_code == 200
