"""«As of» means as of (ARCHITECTURE.md, the section protocol): a section's facts as of a date never
depend on records dated after it.

For every registered section, on the demo: the facts of the half-year as of a date; then the
world moves on — every app adds records dated after that date and edits its records with changes
made after it (an evaluation, a decision, a cancellation, a sign-up, a budget, a plan's progress);
then the facts as of the same date again, which must be the same dict. Each app contributes its
«later» writes below; a section registered without them fails here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from trivsel.schools import sections
from trivsel.schools.models import Period, School, SchoolClass, SchoolYear

SECTIONS = sections.all()
# the demo's spring note (before the theme day) and the end of autumn 2023
AS_OF = {"Forår 2023": date(2023, 4, 14), "Efterår 2023": date(2023, 12, 31)}


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


# --- what each app records after the date -------------------------------------------------------
def later_schools(day: date) -> None:
    # a school year set up now that starts the day after: not planned yet on the day
    SchoolYear.objects.create(
        name=f"Ekstra {day:%Y}", start=day + timedelta(days=1), end=day + timedelta(days=200)
    )


def later_trials(day: date) -> None:
    from initiatives.trials.models import (
        Decision,
        FollowUp,
        RolloutPlan,
        Status,
        ThemeDay,
        TrialAction,
    )

    # every action still open on the day is evaluated the day after, with a decision
    for action in TrialAction.objects.exclude(status=Status.EVALUATED, evaluated_at__lte=day):
        action.status = Status.EVALUATED
        action.learned = action.effect_pupils_text = action.effect_class_text = "Senere."
        action.continuation = "Senere."
        action.effect_pupils = action.effect_class = 5
        action.decision = Decision.STOP
        action.evaluated_at = day + timedelta(days=1)
        action.save()
    school = School.objects.order_by("pk").first()
    TrialAction.objects.create(
        school=school,
        title="Ny prøvehandling",
        grade_bands=["udskoling"],
        start=day + timedelta(days=1),
        end=day + timedelta(days=60),
        aim="Senere.",
    )
    ThemeDay.objects.create(title="Ny temadag", date=day + timedelta(days=10))
    for plan in RolloutPlan.objects.all():
        plan.follow_up_status = FollowUp.DROPPED
        plan.save()


def later_consultants(day: date) -> None:
    from consultants.models import (
        Activity,
        ActivityKind,
        ActivityStatus,
        ExampleCase,
        ExampleCaseStatus,
        PitMeeting,
        WellbeingCourse,
    )
    from trivsel.schools.models import Role, User

    consultant = User.objects.filter(role=Role.CONSULTANT).order_by("pk").first()
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    school = School.objects.order_by("pk").first()
    for offset, status in ((1, ActivityStatus.HELD), (30, ActivityStatus.PLANNED)):
        Activity.objects.create(
            consultant=consultant,
            school=school,
            date=day + timedelta(days=offset),
            kind=ActivityKind.OBSERVATION,
            status=status,
        )
    WellbeingCourse.objects.create(
        consultant=consultant, school=school, topic="Senere", start_date=day + timedelta(days=5)
    )
    PitMeeting.objects.create(consultant=consultant, school=school, date=day + timedelta(days=3))
    for period in Period.objects.all():
        ExampleCase.objects.create(
            title=f"Senere eksempel {period.name}",
            text="Godkendt efter datoen.",
            period=period,
            author=consultant,
            status=ExampleCaseStatus.APPROVED,
            approved_by=coordinator,
            approved_at=timezone.now(),
        )


def later_openschool(day: date) -> None:
    from initiatives.openschool.models import Application, Offer, Programme, Report, Status
    from trivsel.schools.models import Partner

    school = School.objects.order_by("pk").first()
    partner = Partner.objects.create(name="Senere partner", description="Kom til senere.")
    for programme in Programme.objects.all():
        programme.budget += Decimal("100000")
        programme.decided_notes = "Ændret efter datoen."
        programme.save()
        offer = Offer.objects.create(
            programme=programme, partner=partner, title="Senere tilbud", price=Decimal("1000")
        )
        application = Application.objects.create(
            programme=programme,
            school=school,
            offer=offer,
            amount=Decimal("5000"),
            purpose="Senere.",
            planned_start=day + timedelta(days=1),
            planned_end=day + timedelta(days=30),
            status=Status.APPROVED,
            approved_amount=Decimal("5000"),
            decided_at=timezone.now(),
        )
        Report.objects.create(
            application=application,
            held_from=day + timedelta(days=1),
            held_to=day + timedelta(days=2),
            class_count=1,
            pupil_count=20,
            spent_amount=Decimal("5000"),
            wellbeing_effect="Senere.",
            staff_participation="Senere.",
        )
    # decisions on every application made before the date are changed now
    Application.objects.exclude(status=Status.DRAFT).update(
        status=Status.APPROVED, approved_amount=Decimal("1"), decided_at=timezone.now()
    )


def later_headspace(day: date) -> None:
    from initiatives.headspace.models import Talk, TalkStatus, TargetGrade

    for talk in Talk.objects.filter(status=TalkStatus.BOOKED)[:2]:
        talk.status = TalkStatus.CANCELLED
        talk.save()
    for talk in Talk.objects.filter(status=TalkStatus.HELD, feedback_score__isnull=True):
        talk.feedback_score, talk.feedback_at = 1, timezone.now()
        talk.save()
    for target in TargetGrade.objects.all():
        target.plan_notes = "Ændret efter datoen."
        target.save()
        booked = Talk.objects.filter(school_class__school_year=target.school_year).values(
            "school_class"
        )
        for school_class in SchoolClass.objects.filter(
            school_year=target.school_year, grade=target.grade
        ).exclude(pk__in=booked):
            start = aware(day + timedelta(days=2))
            Talk.objects.create(
                school_class=school_class, starts_at=start, ends_at=start + timedelta(hours=1)
            )


def later_griefgroups(day: date) -> None:
    from initiatives.griefgroups.models import (
        Course,
        Evaluation,
        GriefGroup,
        GroupMeeting,
        Nomination,
        NominationStatus,
    )
    from trivsel.schools.models import Staff

    school = School.objects.order_by("pk").first()
    for course in Course.objects.all():
        course.grant_amount = Decimal("99999")
        course.start_date = min(course.start_date, day + timedelta(days=1))
        course.save()
        nominated = Nomination.objects.filter(course=course).values("staff")
        staff = Staff.objects.filter(school=school).exclude(pk__in=nominated).first()
        Nomination.objects.create(course=course, staff=staff, status=NominationStatus.CONFIRMED)
    group = GriefGroup.objects.create(
        school=school, name="Senere gruppe", start_date=day + timedelta(days=1), places=5
    )
    GroupMeeting.objects.create(
        group=group, date=day + timedelta(days=1), pupils_present=3, leader_hours=Decimal("2")
    )
    for period in Period.objects.all():
        Evaluation.objects.get_or_create(
            group=group,
            period=period,
            defaults={"places": 5, "referred_count": 9, "leader_assessment": 1},
        )


def later_conference(day: date) -> None:
    from conference.models import Event, EventDay, ParticipantKind, Registration

    for event in Event.objects.all():
        Registration.objects.create(
            event=event, kind=ParticipantKind.GUEST, name="Senere Gæst", email="senere@x.dk"
        )
    event = Event.objects.create(
        title="Senere konference",
        slug="senere-konference",
        registration_opens=aware(day + timedelta(days=1)),
        registration_closes=aware(day + timedelta(days=20)),
    )
    EventDay.objects.create(
        event=event, date=day + timedelta(days=30), start=time(9), end=time(15), capacity=10
    )


LATER = {
    "schools": later_schools,
    "trials": later_trials,
    "consultants": later_consultants,
    "openschool": later_openschool,
    "headspace": later_headspace,
    "griefgroups": later_griefgroups,
    "conference": later_conference,
}


def test_every_registered_section_has_its_later_records_here():
    missing = [s.key for s in SECTIONS if s.key not in LATER]
    assert not missing, f"add a later_…() for {missing}"


@pytest.mark.parametrize("period_name", list(AS_OF))
@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_facts_as_of_a_date_ignore_records_dated_after_it(db, section, period_name):
    call_command("seed_demo", "--quiet")
    period, day = Period.objects.get(name=period_name), AS_OF[period_name]
    before = section(period, day)
    for later in LATER.values():  # the whole world moves on, not only the section's own app
        later(day)
    assert section(period, day) == before


def test_the_follow_up_as_of_a_date_ignores_records_dated_after_it(db):
    """The next note's follow-up of the last note's commitments is as of its date too."""
    from trivsel.statusnote import followup

    call_command("seed_demo", "--quiet")  # with the spring note's commitments
    autumn, day = Period.objects.get(name="Efterår 2023"), date(2023, 9, 30)
    before = followup.collect(autumn, day)
    assert len(before["items"]) >= 8
    for later in LATER.values():
        later(day)
    after = followup.collect(autumn, day)
    for a, b in zip(after["items"], before["items"], strict=True):
        assert a == b, a["ref"]
    assert after == before
