"""The pages, with named actors: leaders nominate their own staff and run their school's groups,
group leaders (staff logins) record meetings, the coordinator manages the course, confirms seats,
records attendance and sets the hourly rate; every refusal is Danish and saves nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.griefgroups.models import (
    Attendance,
    Course,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
    NominationStatus,
)
from tests.factories import SchoolFactory, StaffFactory
from trivsel.schools.models import ReadLogEntry

from .factories import (
    CourseSessionFactory,
    EvaluationFactory,
    GriefGroupFactory,
    GroupMeetingFactory,
    HourlyRateFactory,
    NominationFactory,
    autumn_2023,
    trained,
)


def text(response) -> str:
    return response.content.decode()


# --- the course ----------------------------------------------------------------------------
def test_the_coordinator_creates_a_course_with_its_grant(client_for, coordinator):
    from tests.factories import PartnerFactory

    kb, tryg = PartnerFactory(name="Kræftens Bekæmpelse Rødovre"), PartnerFactory(name="TrygFonden")
    response = client_for(coordinator).post(
        reverse("griefgroups:course_create"),
        {
            "title": "Sorggruppelederuddannelse",
            "provider": kb.pk,
            "start_date": "2023-09-12",
            "end_date": "2023-11-21",
            "seats": 12,
            "grant_giver": tryg.pk,
            "grant_amount": "60000",
            "grant_covers": "kursusafgiften",
        },
        follow=True,
    )
    course = Course.objects.get()
    assert (course.grant_giver, course.grant_amount) == (tryg, Decimal("60000"))
    assert "er oprettet" in text(response)


def test_a_course_ending_before_it_starts_is_refused_in_danish(client_for, coordinator, course):
    response = client_for(coordinator).post(
        reverse("griefgroups:course_create"),
        {
            "title": "Forkert",
            "provider": course.provider.pk,
            "start_date": "2023-11-21",
            "end_date": "2023-09-12",
            "seats": 12,
        },
    )
    assert response.status_code == 200
    assert "Sidste kursusdag kan ikke ligge før første kursusdag" in text(response)
    assert Course.objects.count() == 1


def test_the_course_page_shows_sessions_seats_and_participants_per_school(
    client_for, coordinator, course, nomination_a, nomination_b
):
    CourseSessionFactory(course=course, topic="Børn og sorg")
    response = client_for(coordinator).get(course.get_absolute_url())
    body = text(response)
    assert "Børn og sorg" in body
    assert "0 af 12 bekræftet" in body
    assert "Valhøj Skole" in body and "Nyager Skole" in body


def test_a_leader_sees_only_their_own_schools_nominations_on_the_course_page(
    client_for, leader_a, course, nomination_a, nomination_b
):
    body = text(client_for(leader_a).get(course.get_absolute_url()))
    assert "Nina A" in body
    assert "Niels B" not in body


def test_a_leader_nominates_staff_of_their_own_school(
    client_for, leader_a, course, school_a, frozen_at
):
    frozen_at(date(2023, 8, 15))  # before the course
    anna = StaffFactory(school=school_a, name="Anna Ansat")
    response = client_for(leader_a).post(
        reverse("griefgroups:nomination_create", args=[course.pk]), {"staff": anna.pk}, follow=True
    )
    nomination = Nomination.objects.get()
    assert (nomination.staff, nomination.nominated_by) == (anna, leader_a)
    assert "er indstillet til kurset" in text(response)


def test_a_leader_cannot_nominate_staff_of_another_school(
    client_for, leader_a, course, school_b, frozen_at
):
    frozen_at(date(2023, 8, 15))  # before the course
    bent = StaffFactory(school=school_b, name="Bent B")
    response = client_for(leader_a).post(
        reverse("griefgroups:nomination_create", args=[course.pk]), {"staff": bent.pk}
    )
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in text(response)
    assert not Nomination.objects.exists()


def test_the_coordinator_confirms_a_seat(client_for, coordinator, nomination_a):
    response = client_for(coordinator).post(
        reverse("griefgroups:nomination_decide", args=[nomination_a.pk]),
        {"status": "confirmed"},
        follow=True,
    )
    nomination_a.refresh_from_db()
    assert nomination_a.status == NominationStatus.CONFIRMED
    assert nomination_a.decided_by == coordinator
    assert "Plads bekræftet" in text(response)


def test_a_full_course_is_refused_with_a_clear_danish_message(
    client_for, coordinator, course, nomination_a, nomination_b
):
    course.seats = 1
    course.save()
    client = client_for(coordinator)
    client.post(
        reverse("griefgroups:nomination_decide", args=[nomination_a.pk]), {"status": "confirmed"}
    )
    response = client.post(
        reverse("griefgroups:nomination_decide", args=[nomination_b.pk]),
        {"status": "confirmed"},
        follow=True,
    )
    assert "Kurset er fuldt: alle 1 pladser er bekræftet" in text(response)
    nomination_b.refresh_from_db()
    assert nomination_b.status == NominationStatus.NOMINATED


def test_a_leader_cannot_confirm_seats(client_for, leader_a, nomination_a):
    response = client_for(leader_a).post(
        reverse("griefgroups:nomination_decide", args=[nomination_a.pk]), {"status": "confirmed"}
    )
    assert response.status_code == 403
    nomination_a.refresh_from_db()
    assert nomination_a.status == NominationStatus.NOMINATED


def test_a_leader_withdraws_their_own_nomination_but_not_another_schools(
    client_for, leader_a, nomination_a, nomination_b
):
    client = client_for(leader_a)
    other = client.post(reverse("griefgroups:nomination_withdraw", args=[nomination_b.pk]))
    assert other.status_code == 404
    url = reverse("griefgroups:nomination_withdraw", args=[nomination_a.pk])
    asked = client.post(url)
    assert "Træk indstillingen af" in asked.content.decode()
    assert Nomination.objects.count() == 2  # asked first, nothing withdrawn yet
    client.post(url, {"bekraeftet": "1"})
    assert list(Nomination.objects.all()) == [nomination_b]


def test_the_coordinator_records_attendance_on_the_tablet_grid(
    client_for, coordinator, course, school_a
):
    session = CourseSessionFactory(course=course)
    here = NominationFactory(course=course, staff=StaffFactory(school=school_a), status="confirmed")
    away = NominationFactory(course=course, staff=StaffFactory(school=school_a), status="confirmed")
    client = client_for(coordinator)
    grid = client.get(reverse("griefgroups:session_attendance", args=[session.pk]))
    assert f'value="{here.pk}"' in text(grid) and f'value="{away.pk}"' in text(grid)
    response = client.post(
        reverse("griefgroups:session_attendance", args=[session.pk]),
        {"present": [here.pk], "lock_version": session.lock_version},
        follow=True,
    )
    assert "1 til stede" in text(response)
    assert dict(Attendance.objects.values_list("nomination_id", "present")) == {
        here.pk: True,
        away.pk: False,
    }


def test_attendance_for_someone_without_a_seat_is_refused(
    client_for, coordinator, course, nomination_a
):
    session = CourseSessionFactory(course=course)
    response = client_for(coordinator).post(
        reverse("griefgroups:session_attendance", args=[session.pk]),
        {"present": [nomination_a.pk], "lock_version": session.lock_version},
        follow=True,
    )
    assert "bekræftet plads" in text(response)
    assert not Attendance.objects.exists()


def test_the_coordinator_records_completion(client_for, coordinator, nomination_a):
    nomination_a.status = NominationStatus.CONFIRMED
    nomination_a.save()
    client_for(coordinator).post(
        reverse("griefgroups:nomination_complete", args=[nomination_a.pk]),
        {"completed": "on", "completed_on": "2023-11-21"},
    )
    nomination_a.refresh_from_db()
    assert (nomination_a.completed, nomination_a.completed_on) == (True, date(2023, 11, 21))


def test_the_trained_leaders_list_shows_a_leader_only_their_own_school(
    client_for, leader_a, coordinator, group_a, group_b
):
    own = text(client_for(leader_a).get(reverse("griefgroups:trained_leaders")))
    everyone = text(client_for(coordinator).get(reverse("griefgroups:trained_leaders")))
    assert "Valhøj Skole" in own and "Birthe B" not in own
    assert "Birthe B" in everyone


# --- groups --------------------------------------------------------------------------------
def group_post(school, leaders, **extra):
    data = {
        "school": school.pk,
        "name": "Sorggruppe mellemtrin",
        "leaders": [s.pk for s in leaders],
        "start_date": "2023-11-28",
        "grade_bands": ["mellemtrin"],
        "places": 6,
        "referred_count": 8,
        "waiting_count": 2,
    }
    data.update(extra)
    return data


def test_a_leader_starts_a_group_with_a_trained_leader(
    client_for, leader_a, school_a, staff_a_member, course
):
    trained(staff_a_member, course)
    response = client_for(leader_a).post(
        reverse("griefgroups:group_create"), group_post(school_a, [staff_a_member]), follow=True
    )
    group = GriefGroup.objects.get()
    assert list(group.leaders.all()) == [staff_a_member]
    assert group.grade_bands == ["mellemtrin"]
    assert "er oprettet" in text(response)


def test_an_untrained_leader_is_refused_and_nothing_is_saved(
    client_for, leader_a, school_a, staff_a_member
):
    response = client_for(leader_a).post(
        reverse("griefgroups:group_create"), group_post(school_a, [staff_a_member])
    )
    assert response.status_code == 200
    assert "gennemført sorggruppelederkurset" in text(response)
    assert not GriefGroup.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("waiting_count", -1, "Tallet kan ikke være negativt"),
        ("places", 0, "mindst én plads"),
        ("name", "Gruppe 010203-1234", "CPR-nummer"),
    ],
)
def test_bad_group_input_is_refused_in_danish(
    client_for, leader_a, school_a, staff_a_member, course, field, value, message
):
    trained(staff_a_member, course)
    response = client_for(leader_a).post(
        reverse("griefgroups:group_create"),
        group_post(school_a, [staff_a_member], **{field: value}),
    )
    assert message in text(response)
    assert not GriefGroup.objects.exists()


def test_a_leader_cannot_start_a_group_at_another_school(
    client_for, leader_a, school_b, staff_a_member, course
):
    trained(staff_a_member, course)
    response = client_for(leader_a).post(
        reverse("griefgroups:group_create"), group_post(school_b, [staff_a_member])
    )
    assert "Marker en gyldig valgmulighed" in text(response)
    assert not GriefGroup.objects.exists()


def test_every_read_of_a_group_is_logged(client_for, coordinator, leader_a, staff_a, group_a):
    client_for(coordinator).get(group_a.get_absolute_url())
    client_for(leader_a).get(group_a.get_edit_url())
    client_for(staff_a).get(reverse("griefgroups:meeting_create", args=[group_a.pk]))
    entries = ReadLogEntry.objects.filter(object_id=group_a.pk).order_by("pk")
    assert [(e.user, e.purpose, e.school_id) for e in entries] == [
        (coordinator, "view", group_a.school_id),
        (leader_a, "edit", group_a.school_id),
        (staff_a, "meeting", group_a.school_id),
    ]


def test_a_group_that_cannot_be_read_is_not_logged(client_for, leader_b, group_a):
    assert client_for(leader_b).get(group_a.get_absolute_url()).status_code == 404
    assert not ReadLogEntry.objects.exists()


def test_a_leader_of_the_group_leaders_school_reads_the_group(
    client_for, leader_b, group_a, school_b, course
):
    helper = StaffFactory(school=school_b, name="Hjælper B")
    trained(helper, course)
    group_a.leaders.add(helper)
    assert client_for(leader_b).get(group_a.get_absolute_url()).status_code == 200
    assert client_for(leader_b).get(group_a.get_edit_url()).status_code == 403


def test_a_group_leader_records_a_meeting(client_for, staff_a, group_a):
    response = client_for(staff_a).post(
        reverse("griefgroups:meeting_create", args=[group_a.pk]),
        {"date": "2023-11-08", "pupils_present": 5, "leader_hours": "3", "note": ""},
        follow=True,
    )
    meeting = GroupMeeting.objects.get()
    assert (meeting.pupils_present, meeting.recorded_by) == (5, staff_a)
    assert "er gemt" in text(response)


def test_more_pupils_present_than_places_is_refused_on_the_page(client_for, staff_a, group_a):
    response = client_for(staff_a).post(
        reverse("griefgroups:meeting_create", args=[group_a.pk]),
        {"date": "2023-11-08", "pupils_present": 9, "leader_hours": "3", "note": ""},
    )
    assert "Der kan højst være 6 elever til stede" in text(response)
    assert not GroupMeeting.objects.exists()


def test_a_meeting_note_with_a_cpr_number_is_refused(client_for, staff_a, group_a):
    response = client_for(staff_a).post(
        reverse("griefgroups:meeting_create", args=[group_a.pk]),
        {"date": "2023-11-08", "pupils_present": 3, "leader_hours": "3", "note": "cpr 010203-1234"},
    )
    assert "CPR-nummer" in text(response)
    assert not GroupMeeting.objects.exists()


def test_a_staff_member_who_does_not_lead_the_group_cannot_record_meetings(
    client_for, staff_a, group_b
):
    response = client_for(staff_a).post(
        reverse("griefgroups:meeting_create", args=[group_b.pk]),
        {"date": "2023-11-08", "pupils_present": 3, "leader_hours": "3"},
    )
    assert response.status_code == 404
    assert not GroupMeeting.objects.exists()


def test_the_coordinator_reads_but_does_not_record_meetings(
    client_for, coordinator, group_a, meeting_a
):
    client = client_for(coordinator)
    assert client.get(group_a.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("griefgroups:meeting_update", args=[meeting_a.pk]),
        {"date": "2023-11-08", "pupils_present": 1, "leader_hours": "3"},
    )
    assert response.status_code == 403
    meeting_a.refresh_from_db()
    assert meeting_a.pupils_present == 5


def test_a_leader_evaluates_their_schools_group(client_for, leader_a, group_a, meeting_a):
    HourlyRateFactory(rate=Decimal("400"))
    period = autumn_2023()
    response = client_for(leader_a).post(
        reverse("griefgroups:evaluation", args=[group_a.pk, period.pk]),
        {
            "leader_assessment": 4,
            "benefit_text": "Godt udbytte",
            "feedback_positive": 4,
            "feedback_neutral": 1,
            "feedback_negative": 0,
            "materials_dkk": "300",
            "lock_version": 0,  # the form of an evaluation not yet made
        },
        follow=True,
    )
    ev = Evaluation.objects.get()
    assert (ev.leader_assessment, ev.hourly_rate, ev.referred_count) == (4, Decimal("400"), 8)
    # cost: 3 leader hours × 400 kr. + 300 kr. materials
    assert "1.500" in text(response)


def test_an_evaluation_with_negative_feedback_counts_is_refused(client_for, leader_a, group_a):
    period = autumn_2023()
    response = client_for(leader_a).post(
        reverse("griefgroups:evaluation", args=[group_a.pk, period.pk]),
        {
            "leader_assessment": 4,
            "feedback_positive": -2,
            "feedback_neutral": 0,
            "feedback_negative": 0,
            "materials_dkk": "0",
            "lock_version": 0,
        },
    )
    assert "Tallet kan ikke være negativt" in text(response)
    assert not Evaluation.objects.exists()


def test_the_coordinator_sets_the_hourly_rate_and_a_leader_cannot(
    client_for, coordinator, leader_a
):
    response = client_for(coordinator).post(
        reverse("griefgroups:hourly_rate"), {"valid_from": "2023-08-01", "rate": "420"}, follow=True
    )
    assert "Timesatsen er gemt" in text(response)
    denied = client_for(leader_a).post(
        reverse("griefgroups:hourly_rate"), {"valid_from": "2024-01-01", "rate": "1"}
    )
    assert denied.status_code == 403
    assert list(HourlyRate.objects.values_list("rate", flat=True)) == [Decimal("420.00")]


def test_a_negative_hourly_rate_is_refused(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("griefgroups:hourly_rate"), {"valid_from": "2023-08-01", "rate": "-5"}
    )
    assert "Beløbet kan ikke være negativt" in text(response)
    assert not HourlyRate.objects.exists()


def test_the_scaling_page_shows_the_estimate_and_its_assumptions(
    client_for, coordinator, group_a, meeting_a
):
    HourlyRateFactory(rate=Decimal("400"))
    EvaluationFactory(group=group_a, materials_dkk=Decimal("0"))
    body = text(client_for(coordinator).get(reverse("griefgroups:scaling")))
    assert "Forudsætninger" in body and "Timesats" in body and "Møder pr. gruppe pr. år" in body
    assert "Driftsudgift for alle skoler pr. år" in body


# --- fixed query counts on lists -----------------------------------------------------------
def _more_groups(n, course):
    for i in range(n):
        school = SchoolFactory(name=f"Ekstra skole {i}")
        leader = StaffFactory(school=school)
        trained(leader, course)
        group = GriefGroupFactory(school=school, name=f"Gruppe {i}", leaders=[leader])
        GroupMeetingFactory(group=group)


@pytest.mark.parametrize("url_name", ["griefgroups:group_list", "griefgroups:trained_leaders"])
def test_lists_run_a_fixed_number_of_queries(
    client_for, coordinator, course, django_assert_num_queries, url_name
):
    client = client_for(coordinator)
    client.get(reverse(url_name))  # warm the session and the user
    _more_groups(2, course)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name)).status_code == 200
    _more_groups(6, course)
    # session, user, (menu: none), the page's own queries — the same number at 8 rows as at 2
    with django_assert_num_queries(len(small)):
        assert client.get(reverse(url_name)).status_code == 200


def test_the_course_page_runs_a_fixed_number_of_queries(
    client_for, coordinator, course, django_assert_num_queries
):
    client = client_for(coordinator)
    CourseSessionFactory(course=course)
    NominationFactory(course=course, staff=StaffFactory(school=SchoolFactory(name="S1")))
    with CaptureQueriesContext(connection) as small:
        client.get(course.get_absolute_url())
    for i in range(6):
        NominationFactory(course=course, staff=StaffFactory(school=SchoolFactory(name=f"S{i + 2}")))
    with django_assert_num_queries(len(small)):
        assert client.get(course.get_absolute_url()).status_code == 200
