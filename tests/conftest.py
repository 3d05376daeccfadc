"""Named actors for every test (CONVENTIONS #9): the leader of school A, the leader of school B, a
staff member of A, a consultant, a coordinator, a conference admin, a superuser, the anonymous."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import (
    SchoolClassFactory,
    SchoolFactory,
    SchoolYearFactory,
    StaffFactory,
    UserFactory,
)
from trivsel.schools.models import Job, Role

ACTOR_NAMES = (
    "anonymous",
    "leader_a",
    "leader_b",
    "staff_a",
    "consultant",
    "coordinator",
    "conference_admin",
    "superuser",
)


@pytest.fixture(autouse=True)
def _danish():
    """Every test starts in Danish, whatever language an earlier request switched the thread to."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run in-process in tests unless a test starts a real worker (test_celery_roundtrip)."""
    from trivsel.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True


@pytest.fixture
def school_year(db):
    return SchoolYearFactory()


@pytest.fixture
def school_a(db):
    return SchoolFactory(name="Valhøj Skole")


@pytest.fixture
def school_b(db):
    return SchoolFactory(name="Nyager Skole")


@pytest.fixture
def class_a(school_a, school_year):
    return SchoolClassFactory(school=school_a, school_year=school_year, grade=7, letter="A")


@pytest.fixture
def class_b(school_b, school_year):
    return SchoolClassFactory(school=school_b, school_year=school_year, grade=7, letter="A")


def make_actor(name: str, *, role: str = "", schools=(), job: str = Job.TEACHER, **extra):
    user = UserFactory(username=name, role=role, schools=list(schools), **extra)
    if schools:
        StaffFactory(
            name=user.get_full_name(), school=schools[0], user=user, job=job, email=user.email
        )
    return user


@pytest.fixture
def leader_a(school_a):
    return make_actor(
        "leder_a", role=Role.LEADER, schools=[school_a], job=Job.LEADER, first_name="Lea"
    )


@pytest.fixture
def leader_b(school_b):
    return make_actor(
        "leder_b", role=Role.LEADER, schools=[school_b], job=Job.LEADER, first_name="Leo"
    )


@pytest.fixture
def staff_a(school_a):
    return make_actor("medarbejder_a", role=Role.STAFF, schools=[school_a], first_name="Mads")


@pytest.fixture
def consultant(db):
    return make_actor("konsulent", role=Role.CONSULTANT, first_name="Kira")


@pytest.fixture
def coordinator(db):
    return make_actor("koordinator", role=Role.COORDINATOR, first_name="Karen")


@pytest.fixture
def conference_admin(db):
    return make_actor("konferenceadmin", role=Role.CONFERENCE_ADMIN, first_name="Lene")


@pytest.fixture
def superuser(db):
    return make_actor("itadmin", is_superuser=True, is_staff=True, first_name="IT")


@pytest.fixture
def actors(leader_a, leader_b, staff_a, consultant, coordinator, conference_admin, superuser):
    return {
        "anonymous": None,
        "leader_a": leader_a,
        "leader_b": leader_b,
        "staff_a": staff_a,
        "consultant": consultant,
        "coordinator": coordinator,
        "conference_admin": conference_admin,
        "superuser": superuser,
    }


def login(client: Client, user) -> Client:
    """The one way tests log in. Coordinators and superusers also pass two-factor login: the
    session is marked verified with a backup-code device, as after entering a code."""
    if user is not None:
        client.force_login(user)
        from trivsel.security import login as security_login

        if security_login.requires_two_factor(user):
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_static.models import StaticDevice

            device, _ = StaticDevice.objects.get_or_create(
                user=user, name="test", defaults={"confirmed": True}
            )
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


@pytest.fixture
def client_for(db):
    def make(user) -> Client:
        return login(Client(), user)

    return make


# --- time (trivsel.schools.clock) ----------------------------------------------------------------
@pytest.fixture
def frozen_at():
    """``frozen_at(date_or_datetime)`` pins the clock (time-machine, not ticking) for the rest of
    the test; a date means 10:00 Danish time that day."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    travellers = []

    def pin(moment):
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(10, 0))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)
        return moment

    yield pin
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def at_demo_date(frozen_at):
    """The clock stands still at 10:00 on ``settings.DEMO_DATE`` (the demo's «today»)."""
    return frozen_at(settings.DEMO_DATE)
