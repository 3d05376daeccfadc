"""The rules of the grief-group app: counts ≥ 0, present ≤ places, a leader must have completed
the course, dates in order, seats, CPR refused — each with a Danish message and nothing saved."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives.griefgroups import services
from initiatives.griefgroups.models import (
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    Nomination,
    NominationStatus,
)
from tests.factories import StaffFactory

from .factories import (
    CourseSessionFactory,
    HourlyRateFactory,
    NominationFactory,
    autumn_2023,
)

CPR_TEXT = "Eleven har cpr 010203-1234"


def test_a_group_leader_must_have_completed_the_course(school_a, course):
    untrained = StaffFactory(school=school_a, name="Ulla Utrænet")
    NominationFactory(course=course, staff=untrained, status=NominationStatus.CONFIRMED)
    with pytest.raises(ValidationError) as error:
        services.griefgroup_create(
            school=school_a,
            name="Sorggruppe",
            leaders=[untrained],
            start_date=date(2023, 11, 1),
            places=6,
        )
    assert "gennemført sorggruppelederkurset" in str(error.value)
    assert "Ulla Utrænet" in str(error.value)
    assert not GriefGroup.objects.exists()


def test_a_group_needs_at_least_one_leader(school_a):
    with pytest.raises(ValidationError) as error:
        services.griefgroup_create(
            school=school_a, name="Uden leder", leaders=[], start_date=date(2023, 11, 1), places=6
        )
    assert "mindst én leder" in str(error.value)
    assert not GriefGroup.objects.exists()


def test_a_trained_leader_may_start_a_group(school_a, staff_a_member, course):
    from .factories import trained

    trained(staff_a_member, course)
    group = services.griefgroup_create(
        school=school_a,
        name="Sorggruppe indskoling",
        leaders=[staff_a_member],
        start_date=date(2023, 11, 1),
        places=6,
        grade_bands=["indskoling"],
        referred_count=7,
        waiting_count=1,
    )
    assert list(group.leaders.all()) == [staff_a_member]
    assert group.grade_band_labels == ["Indskoling (0.–3.)"]


@pytest.mark.parametrize("field", ["referred_count", "waiting_count"])
def test_negative_counts_on_a_group_are_refused(group_a, field):
    with pytest.raises(ValidationError) as error:
        services.griefgroup_update(
            group=group_a, leaders=list(group_a.leaders.all()), **{field: -1}
        )
    assert "negativt" in str(error.value)
    group_a.refresh_from_db()
    assert getattr(group_a, field) >= 0


def test_the_database_refuses_a_negative_count_too(group_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        GriefGroup.objects.filter(pk=group_a.pk).update(waiting_count=-3)
    group_a.refresh_from_db()
    assert group_a.waiting_count == 2


def test_more_pupils_present_than_places_is_refused(group_a):
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            group=group_a, date=date(2023, 11, 8), pupils_present=7, leader_hours=Decimal("3")
        )
    assert "højst være 6 elever" in str(error.value)
    assert not GroupMeeting.objects.exists()


def test_a_negative_number_present_is_refused(group_a):
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            group=group_a, date=date(2023, 11, 8), pupils_present=-1, leader_hours=Decimal("3")
        )
    assert "negativt" in str(error.value)
    assert not GroupMeeting.objects.exists()


def test_a_meeting_before_the_group_started_is_refused(group_a):
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            group=group_a, date=date(2023, 10, 1), pupils_present=3, leader_hours=Decimal("3")
        )
    assert "før gruppens startdato" in str(error.value)
    assert not GroupMeeting.objects.exists()


def test_a_cpr_number_in_a_meeting_note_is_refused(group_a):
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            group=group_a,
            date=date(2023, 11, 8),
            pupils_present=3,
            leader_hours=Decimal("3"),
            note=CPR_TEXT,
        )
    assert "CPR-nummer" in str(error.value)
    assert not GroupMeeting.objects.exists()


def test_places_cannot_shrink_below_a_meeting_already_held(group_a, meeting_a):
    with pytest.raises(ValidationError) as error:
        services.griefgroup_update(
            group=group_a, leaders=list(group_a.leaders.all()), places=4, waiting_count=4
        )
    assert "Pladserne kan ikke sættes under 5: et møde har allerede haft 5 elever" in str(
        error.value
    )
    group_a.refresh_from_db()
    assert group_a.places == 6


def test_a_course_cannot_end_before_it_starts(course):
    course.end_date = date(2023, 9, 1)
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "før første kursusdag" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=course.pk).update(end_date=date(2023, 9, 1))


def test_a_session_outside_the_course_dates_or_ending_before_it_starts_is_refused(course):
    session = CourseSession(
        course=course, date=date(2024, 1, 10), start_time=time(12), end_time=time(9)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "inden for kursets periode" in str(error.value)
    assert "efter starttidspunktet" in str(error.value)


def test_negative_seats_are_refused(course):
    course.seats = -1
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "negativt" in str(error.value)


def test_seats_are_confirmed_until_the_course_is_full(course, coordinator, school_a):
    course.seats = 1
    course.save()
    first = NominationFactory(course=course, staff=StaffFactory(school=school_a))
    second = NominationFactory(course=course, staff=StaffFactory(school=school_a))
    services.nomination_confirm(nomination=first, confirmed_by=coordinator)
    with pytest.raises(ValidationError) as error:
        services.nomination_confirm(nomination=second, confirmed_by=coordinator)
    assert "Kurset er fuldt" in str(error.value)
    second.refresh_from_db()
    assert second.status == NominationStatus.NOMINATED
    assert course.nominations.filter(status=NominationStatus.CONFIRMED).count() == 1


def test_a_staff_member_is_nominated_only_once(nomination_a, leader_a):
    with pytest.raises(ValidationError) as error:
        services.nomination_create(
            course=nomination_a.course, staff=nomination_a.staff, nominated_by=leader_a
        )
    assert "allerede indstillet" in str(error.value)
    assert Nomination.objects.count() == 1


def test_only_a_confirmed_participant_can_complete(nomination_a):
    with pytest.raises(ValidationError) as error:
        services.nomination_complete(
            nomination=nomination_a, completed=True, completed_on=date(2023, 11, 28)
        )
    assert "bekræftet plads" in str(error.value)
    nomination_a.refresh_from_db()
    assert not nomination_a.completed


def test_attendance_is_recorded_for_confirmed_participants_only(
    nomination_a, nomination_b, coordinator
):
    services.nomination_confirm(nomination=nomination_a, confirmed_by=coordinator)
    session = CourseSessionFactory(course=nomination_a.course)
    with pytest.raises(ValidationError):
        services.attendance_record(session=session, present_ids=[nomination_b.pk])
    assert not session.attendances.exists()
    assert services.attendance_record(session=session, present_ids=[nomination_a.pk]) == 1
    assert services.attendance_record(session=session, present_ids=[]) == 0
    assert list(session.attendances.values_list("present", flat=True)) == [False]


def test_an_evaluation_snapshots_need_and_rate(group_a):
    HourlyRateFactory(rate=Decimal("410"))
    ev = services.evaluation_save(
        group=group_a, period=autumn_2023(), leader_assessment=4, feedback_positive=5
    )
    assert (ev.places, ev.referred_count, ev.hourly_rate) == (6, 8, Decimal("410"))


@pytest.mark.parametrize("assessment", [0, 6])
def test_an_assessment_outside_1_to_5_is_refused(group_a, assessment):
    with pytest.raises(ValidationError) as error:
        services.evaluation_save(group=group_a, period=autumn_2023(), leader_assessment=assessment)
    assert "mellem 1 og 5" in str(error.value)
    assert not Evaluation.objects.exists()


def test_a_cpr_number_in_the_evaluation_text_is_refused(group_a):
    with pytest.raises(ValidationError) as error:
        services.evaluation_save(
            group=group_a, period=autumn_2023(), leader_assessment=3, benefit_text=CPR_TEXT
        )
    assert "CPR-nummer" in str(error.value)
    assert not Evaluation.objects.exists()


def test_a_group_cannot_be_evaluated_for_a_half_year_before_it_started(group_a):
    from tests.factories import PeriodFactory

    spring = PeriodFactory(name="Forår 2023", start=date(2023, 1, 1), end=date(2023, 6, 30))
    with pytest.raises(ValidationError) as error:
        services.evaluation_save(group=group_a, period=spring, leader_assessment=3)
    assert "ikke startet" in str(error.value)
    assert not Evaluation.objects.exists()
