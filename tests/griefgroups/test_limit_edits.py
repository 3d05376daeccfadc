"""The course's seats and a group's places are limits: the confirmed nominations and each
meeting's pupils present are counted against them. An edit never sets them below what is
committed — on the page, and when the edit and a confirmation (or a meeting) come at the same
moment (barrier, with the lock-off control)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.test.utils import override_settings
from django.urls import reverse

from initiatives.griefgroups import services
from initiatives.griefgroups.models import Course, GriefGroup, Nomination, NominationStatus
from tests.factories import StaffFactory
from tests.griefgroups.factories import (
    CourseFactory,
    GriefGroupFactory,
    GroupMeetingFactory,
    NominationFactory,
    trained,
)
from tests.races import writes_at_once
from trivsel.schools import locking
from trivsel.schools.versioning import current_version


def _confirmed(course) -> int:
    return Nomination.objects.filter(course=course, status=NominationStatus.CONFIRMED).count()


@pytest.mark.django_db
def test_the_course_cannot_be_edited_to_fewer_seats_than_are_confirmed(client_for, coordinator):
    course = CourseFactory(seats=4)
    for _ in range(3):
        NominationFactory(course=course, status=NominationStatus.CONFIRMED)
    response = client_for(coordinator).post(
        reverse("griefgroups:course_update", args=[course.pk]),
        {
            "title": course.title,
            "provider": course.provider_id,
            "grant_giver": course.grant_giver_id,
            "grant_amount": "48000",
            "grant_covers": course.grant_covers,
            "seats": "2",
            "lock_version": current_version(course),
            "start_date": "2023-09-05",
            "end_date": "2023-11-28",
            "description": "",
        },
    )
    assert response.status_code == 200
    assert "Der er allerede bekræftet 3 pladser" in response.content.decode()
    assert Course.objects.get(pk=course.pk).seats == 4


@pytest.mark.django_db
def test_a_group_cannot_be_edited_to_fewer_places_than_a_meeting_had_present(school_a, course):
    leader = StaffFactory(school=school_a)
    trained(leader, course)
    group = GriefGroupFactory(school=school_a, places=8, referred_count=8, waiting_count=0)
    group.leaders.set([leader])
    GroupMeetingFactory(group=group, pupils_present=7)
    with pytest.raises(ValidationError) as refused:
        services.griefgroup_update(group=group, leaders=[leader], places=6, waiting_count=2)
    assert refused.value.message_dict["places"] == [
        "Pladserne kan ikke sættes under 7: et møde har allerede haft 7 elever til stede."
    ]
    assert GriefGroup.objects.get(pk=group.pk).places == 8
    services.griefgroup_update(group=group, leaders=[leader], places=7, waiting_count=1)
    assert GriefGroup.objects.get(pk=group.pk).places == 7


# --- at the same moment ----------------------------------------------------------------------
def _race(monkeypatch, writes: dict, meet_at: set, *, lock_off: dict | None = None):
    for name, replacement in (lock_off or {}).items():
        monkeypatch.setattr(locking, name, replacement)
    return writes_at_once(monkeypatch, writes, meet_at)


def _seats_race(monkeypatch, coordinator, **lock_off):
    """Two seats of three are confirmed; the coordinator lowers the seats to two while a
    colleague confirms a third nominee."""
    course = CourseFactory(seats=3)
    for _ in range(2):
        NominationFactory(course=course, status=NominationStatus.CONFIRMED)
    nominee = NominationFactory(course=course)

    def edit():
        edited = Course.objects.get(pk=course.pk)
        edited.seats = 2
        services.course_update(course=edited)

    outcomes, barrier = _race(
        monkeypatch,
        {
            "edit": edit,
            "confirm": lambda: services.nomination_confirm(
                nomination=nominee, confirmed_by=coordinator
            ),
        },
        {"course_update", "nomination_confirm"},
        lock_off=lock_off,
    )
    course.refresh_from_db()
    return course, outcomes, barrier


@pytest.mark.django_db(transaction=True)
def test_a_seats_edit_and_a_confirmation_at_once_never_confirm_more_than_the_seats(
    monkeypatch, coordinator
):
    with override_settings(LOCK_TIMEOUT_MS=20_000):
        course, outcomes, barrier = _seats_race(monkeypatch, coordinator)
    assert barrier.broken
    # one of them first; the other refused in Danish, saying what is committed
    assert list(outcomes.values()).count("done") == 1, outcomes
    refusal = outcomes["confirm"] if outcomes["edit"] == "done" else outcomes["edit"]
    assert refusal.startswith(("Kurset er fuldt", "Der er allerede bekræftet 3 pladser")), outcomes
    assert _confirmed(course) <= course.seats


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_seats_edit_leaves_more_confirmed_than_seats(monkeypatch, coordinator):
    course, outcomes, barrier = _seats_race(monkeypatch, coordinator, lock=lambda *keys: None)
    assert not barrier.broken
    assert outcomes == {"edit": "done", "confirm": "done"}
    assert _confirmed(course) == 3 > course.seats


def _places_race(monkeypatch, school, **lock_off):
    """A group of eight places; the leader lowers them to six while a colleague records a
    meeting with eight pupils present."""
    leader = StaffFactory(school=school)
    trained(leader)
    group = GriefGroupFactory(school=school, places=8, referred_count=8, waiting_count=0)
    group.leaders.set([leader])

    outcomes, barrier = _race(
        monkeypatch,
        {
            "edit": lambda: services.griefgroup_update(
                group=group, leaders=[leader], places=6, waiting_count=2
            ),
            "meeting": lambda: services.meeting_save(
                group=group,
                date=date(2023, 11, 8),
                pupils_present=8,
                leader_hours=Decimal("3"),
            ),
        },
        {"griefgroup_update", "meeting_save"},
        lock_off=lock_off,
    )
    group.refresh_from_db()
    most = group.meetings.aggregate(most=Max("pupils_present"))["most"] or 0
    return group, most, outcomes, barrier


@pytest.mark.django_db(transaction=True)
def test_a_places_edit_and_a_meeting_at_once_never_leave_more_present_than_places(
    monkeypatch, school_a
):
    with override_settings(LOCK_TIMEOUT_MS=20_000):
        group, most, outcomes, barrier = _places_race(monkeypatch, school_a)
    assert barrier.broken
    refusal = outcomes["meeting"] if outcomes["edit"] == "done" else outcomes["edit"]
    assert list(outcomes.values()).count("done") == 1, outcomes
    assert refusal.startswith(("Der kan højst være 6", "Pladserne kan ikke sættes under 8")), (
        outcomes
    )
    assert most <= group.places


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_places_edit_leaves_a_meeting_above_the_places(monkeypatch, school_a):
    group, most, outcomes, barrier = _places_race(monkeypatch, school_a, lock_rows=list)
    assert not barrier.broken
    assert outcomes == {"edit": "done", "meeting": "done"}
    assert most == 8 > group.places == 6
