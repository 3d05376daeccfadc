"""Seat confirmation never exceeds the course's seats, also when two coordinators confirm at the
same moment. Two threads meet at the checkpoint between recount and write (the locking helper's
test hook); the control run without the lock shows the race the lock prevents."""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from initiatives.griefgroups import services
from initiatives.griefgroups.models import NominationStatus
from tests.factories import SchoolFactory, StaffFactory, UserFactory
from trivsel.schools import locking
from trivsel.schools.models import Role

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
