"""Walks every URL of the portal as every actor and compares with tests/access_matrix.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_matrix import ACTORS, EXCLUDED_NAMESPACES, MATRIX
from tests.conftest import login, make_actor
from tests.consultants.factories import consultants_world
from tests.factories import OrganisationFactory, PartnerFactory, PeriodFactory, StaffFactory
from trivsel.schools.models import Role


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def _conference(world):
    """An open conference with a day and one sign-up."""
    from conference.services import registration_create
    from tests.conference.factories import EventDayFactory, EventFactory

    event = EventFactory(organisations=[world.organisation])
    day = EventDayFactory(event=event)
    registration = registration_create(
        event=event, name="Gæst", email="gaest@rk.dk", organisation=world.organisation, days=[day]
    )
    world.event, world.event_day, world.registration = event, day, registration
    world.booking = registration.bookings.get()
    # pupils of school A (signed up by staff_a) and of school B (by leader_b)
    for side, signer in (("a", "staff_a"), ("b", "leader_b")):
        pupil = registration_create(
            event=event,
            kind="pupil",
            name=f"Elev {side}",
            school=getattr(world, f"school_{side}"),
            school_class=getattr(world, f"class_{side}"),
            days=[day],
            created_by=world.actors[signer],
        )
        setattr(world, f"pupil_{side}", pupil)
    # a course with a nominee from each school
    course = EventFactory(kind="course", organisations=[])
    course_day = EventDayFactory(event=course)
    world.course = course
    for side in ("a", "b"):
        nominee = registration_create(
            event=course,
            name=f"Pædagog {side}",
            email=f"paedagog.{side}@rk.dk",
            school=getattr(world, f"school_{side}"),
            days=[course_day],
        )
        setattr(world, f"nominee_{side}", nominee)
    return world


@pytest.fixture
def world(actors, school_a, school_b, class_a, class_b, school_year):
    world = SimpleNamespace(
        actors=actors,
        school_a=school_a,
        school_b=school_b,
        class_a=class_a,
        class_b=class_b,
        school_year=school_year,
        staff_a=StaffFactory(school=school_a, name="Anna A"),
        staff_b=StaffFactory(school=school_b, name="Bent B"),
        organisation=OrganisationFactory(),
        partner=PartnerFactory(),
        period=PeriodFactory(),
        user_a=actors["staff_a"],
        user_b=make_actor("medarbejder_b", role=Role.STAFF, schools=[school_b]),
        consultants=consultants_world(actors, school_a, school_b, class_a, class_b),
    )
    return _conference(world)


def test_every_url_of_the_portal_is_declared_in_the_access_matrix():
    missing = sorted(set(url_names()) - set(MATRIX))
    assert not missing, f"URLs without a row in tests/access_matrix.py: {missing}"


def test_the_access_matrix_declares_no_url_that_does_not_exist():
    stale = sorted(set(MATRIX) - set(url_names()))
    assert not stale, f"rows in tests/access_matrix.py for URLs that do not exist: {stale}"


def test_every_actor_gets_exactly_what_the_table_allows_on_every_url(world):
    mismatches = []
    clients = {name: login(Client(), world.actors[name]) for name in ACTORS}
    for name, row in MATRIX.items():
        sides = ("a", "b") if row.expect_b else ("a",)
        for side in sides:
            url = reverse(name, kwargs=row.args(world, side) if row.args else None)
            for actor, expected in row.codes(side).items():
                response = clients[actor].get(url)
                got = response.status_code
                redirected_elsewhere = got == 302 and not response["Location"].startswith(
                    reverse("login")
                )
                if actor == "anonymous" and not row.public_redirect and redirected_elsewhere:
                    got = -302  # sent somewhere other than the login page
                if got != expected:
                    mismatches.append(
                        f"{name} [{side}] as {actor}: expected {expected}, got {got} ({url})"
                    )
    assert not mismatches, "\n".join(mismatches)
