"""The demo (idempotent, the conference's story in the status note) and the status-note section."""

import json
from datetime import date, datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from conference import demo
from conference.models import BookingStatus, DayBooking, Event, ParticipantKind, Registration
from conference.statusnote import section
from trivsel.schools import demo as school_demo
from trivsel.schools.models import Period


@pytest.fixture
def seeded(db):
    ctx = school_demo.DemoContext(scale=1)
    school_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


def counts():
    return (Event.objects.count(), Registration.objects.count(), DayBooking.objects.count())


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    demo.seed(seeded)
    assert counts() == before


def test_the_demo_conference_has_its_participants_pupils_and_a_waiting_list(seeded):
    event = Event.objects.get(slug=demo.CONFERENCE_SLUG)
    regs = event.registrations.all()
    # 100 by the spring note, more during the year: the sign-up moved on
    assert regs.exclude(kind=ParticipantKind.PUPIL).count() == demo.ADULTS == 124
    assert regs.filter(kind=ParticipantKind.PUPIL).count() == len(demo.PUPILS)
    assert event.facilitators.filter(name="MIT Center for Systems Awareness").exists()
    for day in event.days.annotate(
        confirmed=Count("bookings", filter=Q(bookings__status="confirmed"))
    ):
        assert day.confirmed <= day.capacity  # never exceeded
    assert DayBooking.objects.filter(day__event=event, status=BookingStatus.WAITING).exists()


def test_the_course_has_one_pedagogue_from_each_of_the_six_schools(seeded):
    course = Event.objects.get(slug=demo.COURSE_SLUG)
    schools = list(course.registrations.values_list("school__name", flat=True))
    assert len(schools) == len(set(schools)) == 6


def test_the_course_runs_in_the_spring_of_2023_and_everybody_came(seeded):
    """The seed note tells the course in the present tense in mid-April 2023: it runs then."""
    spring = Period.objects.get(name="Forår 2023")
    course = next(
        e for e in section(spring, date(2023, 4, 14))["in_period_planned"] if e["kind"] == "course"
    )
    assert (course["first_day"], course["last_day"]) == ("2023-03-22", "2023-06-14")
    assert [d["checked_in"] for d in course["days"]] == [6, 0, 0, 0]  # only the first day by then
    held = next(e for e in section(spring, date(2023, 6, 30))["held"] if e["kind"] == "course")
    assert all(d["checked_in"] == d["confirmed"] == 6 for d in held["days"])


def test_the_status_note_section_tells_what_was_planned_and_held(
    seeded, django_assert_max_num_queries
):
    period = Period.objects.get(name="Forår 2024")
    with django_assert_max_num_queries(5):
        facts = section(period, date(2024, 1, 15))
    json.dumps(facts)  # JSON-able
    titles = [e["title"] for e in facts["in_period_planned"]]
    assert demo.CONFERENCE_TITLE in titles
    conference = next(e for e in facts["in_period_planned"] if e["title"] == demo.CONFERENCE_TITLE)
    assert conference["by_kind"]["pupil"] == len(demo.PUPILS)
    assert any(d["waiting"] > 0 for d in conference["days"])
    after = section(period, date(2024, 6, 30))
    assert {e["title"] for e in after["held"]} >= {demo.CONFERENCE_TITLE}


def test_the_demo_registrations_were_made_by_the_spring_note_within_the_window(seeded):
    """100 adults signed up in March–April 2023 (the spring note of 14 April counts 100), 20 more
    during the rest of 2023 and four in January 2024; the course's pedagogues were nominated in
    February and March 2023; the pupils come in January 2024."""
    conference = Event.objects.get(slug=demo.CONFERENCE_SLUG)
    adults = list(conference.registrations.exclude(kind="pupil").order_by("created"))
    waves = [
        (100, date(2023, 3, 1), date(2023, 4, 13)),
        (20, date(2023, 4, 17), date(2023, 12, 15)),
    ]
    waves.append((4, date(2024, 1, 8), date(2024, 1, 12)))
    done = 0
    for n, first, last in waves:
        made = [timezone.localtime(r.created).date() for r in adults[done : done + n]]
        assert len(made) == n and min(made) >= first and max(made) <= last
        done += n
    for slug, first, last, kinds in (
        (demo.COURSE_SLUG, date(2023, 2, 13), date(2023, 3, 10), ["staff"]),
        (demo.CONFERENCE_SLUG, date(2024, 1, 9), date(2024, 1, 15), ["pupil"]),
    ):
        event = Event.objects.get(slug=slug)
        registrations = event.registrations.filter(kind__in=kinds)
        made = [timezone.localtime(r.created).date() for r in registrations]
        assert made and min(made) >= first and max(made) <= last
        assert all(event.registration_opens <= r.created for r in registrations)
        booked = DayBooking.objects.filter(
            day__event=event, registration__in=registrations
        ).values_list("created", flat=True)
        assert max(booked) < timezone.make_aware(datetime.combine(last, datetime.max.time()))
    assert all(conference.registration_opens <= r.created for r in adults)
    assert [d.date.month for d in conference.days.all()] == [3, 3, 3]  # the days stay in March
    assert timezone.localtime(conference.registration_closes).date() == date(2024, 2, 23)


def test_seeding_again_leaves_the_timestamps_alone(seeded):
    before = list(Registration.objects.order_by("pk").values_list("created", flat=True))
    bookings = list(DayBooking.objects.order_by("pk").values_list("created", flat=True))
    demo.seed(seeded)
    assert list(Registration.objects.order_by("pk").values_list("created", flat=True)) == before
    assert list(DayBooking.objects.order_by("pk").values_list("created", flat=True)) == bookings


def test_the_spring_2023_note_counts_the_100_registrations_made_by_14_april(seeded):
    facts = section(Period.objects.get(name="Forår 2023"), date(2023, 4, 14))
    conference = next(e for e in facts["planned"] if e["kind"] == "conference")
    assert conference["registrations"] == demo.PARTICIPANTS == 100
    names = {o["name"] for o in conference["by_organisation"]}
    assert "Skoleområdet" in names and "Elever fra skolerne" not in names  # no pupils yet
    parents = {o["name"]: o["parent"] for o in conference["by_organisation"]}
    assert parents["Skiftesporet"] == "Børne- og Familieafdelingen"
    assert parents["BUPL"] is None
    assert conference["pupils_invited"] is True  # a consent text for guardians
    assert [f["name"] for f in conference["facilitators"]] == ["MIT Center for Systems Awareness"]
    assert "Compassion handler" in conference["description"]
    # the organiser's own text presents the conference and its facilitators
    assert conference["description"].startswith("Skoleområdet har fået en unik mulighed")
    assert conference["place"].startswith("Rødovre Rådhus")
    assert {o["kind"] for o in conference["by_organisation"]} == {"department", "unit", "union"}
    course = next(e for e in facts["in_period_planned"] if e["kind"] == "course")
    assert len(course["participants_per_school"]) == 6
    assert "Bloom Institute" in course["facilitators"][0]["description"]
    assert not facts["held"]  # the course runs until June, the conference is in 2024


def test_the_pupils_signed_up_in_january_2024_count_from_then(seeded):
    facts = section(Period.objects.get(name="Forår 2024"), date(2024, 1, 31))
    conference = next(e for e in facts["in_period_planned"] if e["kind"] == "conference")
    names = {o["name"] for o in conference["by_organisation"]}
    assert "Elever fra skolerne" in names
    school_names = {s.name for s in seeded.schools}
    assert not names & school_names  # a pupil's school is no organisation
    assert conference["pupils_by_school"] == [
        {"school": seeded.schools[0].name, "count": len(demo.PUPILS)}
    ]


def test_registrations_made_after_as_of_do_not_count(seeded):
    period = Period.objects.get(name="Forår 2023")
    facts = section(period, date(2023, 3, 31))
    conference = next(e for e in facts["planned"] if e["kind"] == "conference")
    all_of_them = next(
        e for e in section(period, date(2023, 4, 14))["planned"] if e["kind"] == "conference"
    )
    assert 0 < conference["registrations"] < all_of_them["registrations"]
    assert sum(d["confirmed"] for d in conference["days"]) < sum(
        d["confirmed"] for d in all_of_them["days"]
    )
    before_the_window = section(period, date(2023, 2, 28))
    conference = next(e for e in before_the_window["planned"] if e["kind"] == "conference")
    assert conference["registrations"] == 0
    assert len(conference["days"]) == 3  # the days are there, with nothing booked yet
    assert all(d["confirmed"] == 0 for d in conference["days"])


def test_check_ins_after_as_of_do_not_count_and_held_follows_the_last_day(seeded):
    event = Event.objects.get(slug=demo.CONFERENCE_SLUG)
    first_day = event.days.order_by("date").first()
    DayBooking.objects.filter(day=first_day, status=BookingStatus.CONFIRMED).update(
        checked_in_at=timezone.make_aware(datetime(2024, 3, 5, 9))
    )
    period = Period.objects.get(name="Forår 2024")
    during = section(period, date(2024, 3, 4))
    conference = next(e for e in during["in_period_planned"] if e["kind"] == "conference")
    assert all(d["checked_in"] == 0 for d in conference["days"])
    after = section(period, date(2024, 3, 7))
    conference = next(e for e in after["held"] if e["kind"] == "conference")
    assert conference["days"][0]["checked_in"] == conference["days"][0]["confirmed"] > 0
