"""What a public sign-up costs (many arrive at once when sign-up opens): a fixed, small number of queries
whatever the size of the event, the event's lock held only for «count, insert, commit», and the
shortcuts that made it so keep their promises (the Python form of each check constraint says what
the database says; the places per day are still shown when a post is refused)."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import CheckConstraint
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conference import services
from conference.models import ParticipantKind, Registration
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory, SchoolClassFactory


def _form(org, day, n):
    return {
        "name": f"Deltager {n}",
        "email": f"deltager{n}@rk.dk",
        "organisation": org.pk,
        "job_title": "Lærer",
        "days": [day.pk],
        "dietary_needs": "",
        "accessibility_needs": "",
        "website": "",
    }


def _signup_queries(client, event, org, day, n):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("conference:signup", kwargs={"slug": event.slug}), _form(org, day, n)
        )
    assert response.status_code == 302
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db
def test_a_sign_up_makes_the_same_few_queries_for_a_small_and_a_large_event(client):
    orgs = [OrganisationFactory(name=f"Organisation {i:03}") for i in range(40)]
    event = EventFactory(organisations=orgs, slug="stor")
    day = EventDayFactory(event=event, capacity=5)
    first = _signup_queries(client, event, orgs[0], day, 0)
    for n in range(1, 30):  # the day fills up and the waiting list grows
        services.registration_create(
            event=event, name=f"F {n}", email=f"f{n}@rk.dk", organisation=orgs[n], days=[day]
        )
    later = _signup_queries(client, event, orgs[1], day, 99)
    assert len(first) == len(later)
    # event, organisation, days; the registration and its history row (a second sign-up is
    # refused by the unique index, not looked up first); the lock (timeout + event), the count
    # with the capacities, the booking and its history row — and the transaction's own statements (here a
    # savepoint inside the test's transaction)
    assert len(later) <= 14


@pytest.mark.django_db
def test_a_second_sign_up_is_refused_by_the_index_and_gets_the_link_again(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="igen")
    day = EventDayFactory(event=event, capacity=5)
    first = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.AlreadyRegistered) as refused,
    ):
        services.registration_create(
            event=event, name="Anne B", email=" Anne@RK.dk ", organisation=org, days=[day]
        )
    assert refused.value.registration == first
    assert first.token in mail.outbox[-1].body
    assert Registration.objects.get() == first and first.bookings.count() == 1
    # a cancelled sign-up holds no place in the index: the same e-mail may sign up again
    services.registration_cancel(registration=first)
    again = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    assert again != first and Registration.objects.count() == 2


@pytest.mark.django_db
def test_the_lock_is_held_only_to_count_insert_the_booking_and_commit(client):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="laas")
    day = EventDayFactory(event=event, capacity=5)
    sql = _signup_queries(client, event, org, day, 1)
    locked = max(i for i, q in enumerate(sql) if "pg_advisory_xact_lock" in q)
    before, after = sql[:locked], sql[locked + 1 :]
    assert any('INSERT INTO "conference_registration"' in q for q in before)
    # the count reads the capacities with it: an edit may have changed them since the form
    assert [q.split(" (")[0].split(" WHERE")[0] for q in after[:3]] == [
        'SELECT "conference_eventday"."capacity" AS "capacity", COUNT'
        '("conference_daybooking"."id") FILTER',
        'INSERT INTO "conference_daybooking"',
        'INSERT INTO "conference_historicaldaybooking"',
    ]
    assert len(after) == 4 and after[3].startswith(("RELEASE SAVEPOINT", "COMMIT"))


@pytest.mark.django_db
def test_each_check_constraint_of_a_registration_has_a_python_form_that_agrees(school_year):
    checks = [c for c in Registration._meta.constraints if isinstance(c, CheckConstraint)]
    assert {c.name for c in checks} == set(services.REGISTRATION_CHECKS)
    school_class = SchoolClassFactory(school_year=school_year)
    event = EventFactory()
    for kind, email, with_class in itertools.product(
        ParticipantKind.values, ["", "a@rk.dk"], [False, True]
    ):
        registration = Registration(
            event=event,
            kind=kind,
            name="Ida",
            email=email,
            school=school_class.school if with_class else None,
            school_class=school_class if with_class else None,
        )
        for constraint in checks:
            try:
                constraint.validate(Registration, registration)  # the database's answer
                database_says = True
            except ValidationError:
                database_says = False
            python_says = services.REGISTRATION_CHECKS[constraint.name](registration)
            assert python_says == database_says, (constraint.name, kind, email, with_class)


@pytest.mark.django_db
def test_a_check_constraint_refuses_with_its_own_message():
    event = EventFactory()
    day = EventDayFactory(event=event)
    with pytest.raises(ValidationError, match="En elev tilmeldes med skole og klasse"):
        services.registration_create(
            event=event, kind=ParticipantKind.PUPIL, name="Ida", days=[day]
        )
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_refused_post_shows_the_places_per_day_again(client):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="pladser")
    day = EventDayFactory(event=event, capacity=3)
    services.registration_create(
        event=event, name="Bo", email="bo@rk.dk", organisation=org, days=[day]
    )
    response = client.post(
        reverse("conference:signup", kwargs={"slug": event.slug}),
        _form(org, day, 1) | {"name": ""},
    )
    assert response.status_code == 200
    assert f"{day.date:%d.%m.%Y}, kl. 09:00–15:30 · 2 ledige pladser" in response.content.decode()
    assert Registration.objects.count() == 1
