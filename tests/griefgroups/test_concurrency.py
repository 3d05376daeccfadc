"""Seat confirmation never exceeds the course's seats, also when two coordinators confirm at the
same moment. Two threads meet at the checkpoint between recount and write (the locking helper's
test hook); the control run without the lock shows the race the lock prevents."""

import contextlib
import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from initiatives.griefgroups import services
from initiatives.griefgroups.models import Nomination, NominationStatus
from tests.conftest import login
from tests.factories import SchoolFactory, StaffFactory, UserFactory
from trivsel.schools import locking
from trivsel.schools.models import Role

from ..races import race_against_uncommitted
from .factories import CourseFactory, NominationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _race(monkeypatch, nominations, coordinator):
    """Confirms each nomination in its own thread; both threads are held at the checkpoint until
    both have arrived (or 1.5 s have passed: with the lock, the second waits for the first)."""
    barrier = threading.Barrier(len(nominations))

    def meet(name):
        assert name == "nomination_confirm"
        # with the lock the other writer waits for it, so nobody else arrives: go on
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1.5)

    monkeypatch.setattr(locking, "before_write", meet)
    outcomes = []

    def confirm(nomination):
        try:
            services.nomination_confirm(nomination=nomination, confirmed_by=coordinator)
            outcomes.append("confirmed")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(n,)) for n in nominations]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    return outcomes


@pytest.fixture
def one_seat_two_nominees():
    course = CourseFactory(seats=1)
    school = SchoolFactory(name="Valhøj Skole")
    nominees = [
        NominationFactory(course=course, staff=StaffFactory(school=school, name=name))
        for name in ("Anna", "Bo")
    ]
    return course, nominees


def test_two_coordinators_confirming_the_last_seat_at_once_give_it_to_one(
    monkeypatch, one_seat_two_nominees
):
    course, nominees = one_seat_two_nominees
    coordinator = UserFactory(username="koord", role=Role.COORDINATOR)
    outcomes = _race(monkeypatch, nominees, coordinator)
    assert sorted(o[:16] for o in outcomes) == ["Kurset er fuldt:", "confirmed"]
    assert course.nominations.filter(status=NominationStatus.CONFIRMED).count() == 1


def test_control_without_the_lock_the_same_race_overbooks_the_course(
    monkeypatch, one_seat_two_nominees
):
    course, nominees = one_seat_two_nominees
    coordinator = UserFactory(username="koord", role=Role.COORDINATOR)
    monkeypatch.setattr(locking, "lock", lambda *args, **kwargs: None)
    outcomes = _race(monkeypatch, nominees, coordinator)
    assert outcomes == ["confirmed", "confirmed"]
    assert course.nominations.filter(status=NominationStatus.CONFIRMED).count() == 2


# --- two leaders nominating the same person at once -------------------------------------------
@pytest.fixture
def open_course(frozen_at):
    frozen_at(date(2023, 8, 15))  # before the course: nominations are open
    return CourseFactory(seats=10)


def test_a_nomination_meeting_another_at_the_unique_index_gets_the_friendly_message(
    open_course, school_a, leader_a
):
    anna = StaffFactory(school=school_a, name="Anna Ansat")
    url = reverse("griefgroups:nomination_create", args=[open_course.pk])
    client = login(Client(), leader_a)
    response = race_against_uncommitted(
        lambda: Nomination.objects.create(course=open_course, staff=anna),
        lambda: client.post(url, {"staff": anna.pk}),
    )
    assert response.status_code == 200
    assert "Anna Ansat er allerede indstillet til kurset." in response.content.decode()
    assert open_course.nominations.count() == 1


def test_two_leaders_nominating_the_same_person_at_once_get_one_nomination_and_a_message(
    monkeypatch, open_course, school_a
):
    anna = StaffFactory(school=school_a, name="Anna Ansat")
    leaders = [UserFactory(username=f"leder{i}", role=Role.LEADER) for i in range(2)]
    barrier = threading.Barrier(2)

    def meet(name):
        assert name == "nomination_create"
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1.5)  # with the lock the other waits before its check

    monkeypatch.setattr(locking, "before_write", meet)
    outcomes = []

    def nominate(leader):
        try:
            services.nomination_create(course=open_course, staff=anna, nominated_by=leader)
            outcomes.append("nominated")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=nominate, args=(leader,)) for leader in leaders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(outcomes) == ["Anna Ansat er allerede indstillet til kurset.", "nominated"]
    assert open_course.nominations.count() == 1
