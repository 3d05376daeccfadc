"""The consultants' pages as named actors see them."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from consultants.models import Activity, ExampleCase, ExampleCaseStatus, FollowUp
from tests.consultants.factories import (
    ActivityFactory,
    ConsultantFactory,
    ExampleCaseFactory,
    FollowUpFactory,
    PitMeetingFactory,
    WellbeingCourseFactory,
)
from tests.factories import PeriodFactory, SchoolClassFactory, StaffFactory


def quick_post(school, klass=None, **extra):
    data = {
        "client_uuid": str(uuid.uuid4()),
        "school": school.pk,
        "school_class": klass.pk if klass else "",
        "date": "2023-05-30",
        "start_time": "10:15",
        "duration_minutes": "60",
        "kind": "vejledning",
        "status": "held",
        "participants": ["klasseteam"],
        "observation": "Vejledning om bevægelsesbånd.",
        "shared_with_leadership": "on",
    }
    data.update(extra)
    return data


# --- the quick-entry form ---------------------------------------------------------------------
def test_the_quick_form_defaults_to_today_and_the_consultants_most_recent_school(
    client_for, consultant, school_a, school_b, class_a, pinned
):
    ActivityFactory(consultant=consultant, school=school_a, date=date(2023, 3, 1))
    ActivityFactory(consultant=consultant, school=school_b, date=date(2023, 5, 1))
    response = client_for(consultant).get(reverse("consultants:activity_create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["date"] == pinned
    assert form.initial["school"] == school_b.pk
    html = response.content.decode()
    assert "Dine skoler" in html
    assert 'id="classes-by-school"' in html  # the class filter's data, usable offline
    assert str(class_a.pk) in str(response.context["classes_by_school"][str(school_a.pk)])
    assert "<script>" not in html  # no inline script (strict CSP)
    assert 'class="btn-check"' in html  # tags and participants as big toggle chips


def test_a_consultant_records_an_activity_without_javascript_and_a_double_submit_saves_once(
    client_for, consultant, school_a, class_a_spring, pinned
):
    client = client_for(consultant)
    data = quick_post(school_a, class_a_spring, follow_up_what="Følg op om to uger")
    response = client.post(reverse("consultants:activity_create"), data, follow=True)
    assert "Aktiviteten er gemt." in response.content.decode()
    again = client.post(reverse("consultants:activity_create"), data, follow=True)
    assert "allerede gemt" in again.content.decode()
    assert Activity.objects.count() == 1
    assert FollowUp.objects.get().what == "Følg op om to uger"


def test_the_quick_form_refuses_a_class_of_another_school(
    client_for, consultant, school_a, class_b_spring, pinned
):
    response = client_for(consultant).post(
        reverse("consultants:activity_create"), quick_post(school_a, class_b_spring)
    )
    assert response.status_code == 400
    assert "Klassen hører ikke til den valgte skole." in response.content.decode()
    assert Activity.objects.count() == 0


def test_the_quick_form_refuses_a_cpr_number_and_a_held_activity_in_the_future(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    cpr = client.post(
        reverse("consultants:activity_create"),
        quick_post(school_a, observation="Elev 311299-1234 var urolig"),
    )
    assert "CPR-nummer" in cpr.content.decode()
    future = client.post(
        reverse("consultants:activity_create"), quick_post(school_a, date="2023-06-05")
    )
    assert "fremtiden" in future.content.decode()
    assert Activity.objects.count() == 0


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert "/konsulenter/ny/" in body and "consultants/outbox.js" in body
    assert "__APP_SHELL__" not in body and "__VERSION__" not in body


# --- who reads what -----------------------------------------------------------------------------
def test_a_leader_sees_only_their_own_schools_shared_activities(
    client_for, leader_a, school_a, school_b
):
    shared = ActivityFactory(school=school_a, shared_with_leadership=True)
    private = ActivityFactory(school=school_a, shared_with_leadership=False)
    other = ActivityFactory(school=school_b, shared_with_leadership=True)
    client = client_for(leader_a)
    listed = list(client.get(reverse("consultants:activity_list")).context["object_list"])
    assert listed == [shared]
    assert client.get(shared.get_absolute_url()).status_code == 200
    assert client.get(private.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404


def test_staff_and_conference_admins_see_no_consultant_activities(
    client_for, staff_a, conference_admin, school_a
):
    activity = ActivityFactory(school=school_a, shared_with_leadership=True)
    for user in (staff_a, conference_admin):
        client = client_for(user)
        assert client.get(reverse("consultants:activity_list")).status_code == 403
        assert client.get(activity.get_absolute_url()).status_code == 403


def test_a_consultant_reads_all_activities_but_edits_only_their_own(
    client_for, consultant, school_a, school_b
):
    own = ActivityFactory(consultant=consultant, school=school_a)
    others = ActivityFactory(school=school_b)
    client = client_for(consultant)
    assert client.get(others.get_absolute_url()).status_code == 200
    assert client.get(own.get_edit_url()).status_code == 200
    assert client.get(others.get_edit_url()).status_code == 403
    assert client.post(reverse("consultants:activity_delete", args=[others.pk])).status_code == 403
    assert Activity.objects.filter(pk=others.pk).exists()


def test_the_list_shows_each_consultant_edit_buttons_only_on_their_own_activities(
    client_for, consultant, coordinator, school_a, school_b
):
    own = ActivityFactory(consultant=consultant, school=school_a)
    others = ActivityFactory(school=school_b)
    url = reverse("consultants:activity_list")
    mine = client_for(consultant).get(url).content.decode()
    assert own.get_edit_url() in mine and others.get_edit_url() not in mine
    theirs = client_for(others.consultant).get(url).content.decode()
    assert others.get_edit_url() in theirs and own.get_edit_url() not in theirs
    as_coordinator = client_for(coordinator).get(url).content.decode()
    assert own.get_edit_url() not in as_coordinator
    assert others.get_edit_url() not in as_coordinator


def test_a_coordinator_reads_every_activity_but_cannot_record_or_edit(
    client_for, coordinator, school_a
):
    activity = ActivityFactory(school=school_a)
    client = client_for(coordinator)
    detail = client.get(activity.get_absolute_url())
    assert detail.status_code == 200
    assert activity.observation in detail.content.decode()
    assert client.get(activity.get_edit_url()).status_code == 403
    assert client.get(reverse("consultants:activity_create")).status_code == 403


@pytest.mark.parametrize("actor", ["leader_a", "consultant", "coordinator"])
def test_every_read_of_an_activitys_details_is_logged(request, client_for, actor, school_a):
    from trivsel.schools.models import ReadLogEntry

    user = request.getfixturevalue(actor)
    activity = ActivityFactory(school=school_a, shared_with_leadership=True)
    client_for(user).get(activity.get_absolute_url())
    entry = ReadLogEntry.objects.get()
    assert (entry.user, entry.object_id, entry.purpose) == (user, activity.pk, "view")
    assert entry.school_id == school_a.pk


def test_opening_ones_activity_for_editing_is_logged_too(client_for, consultant, school_a):
    from trivsel.schools.models import ReadLogEntry

    activity = ActivityFactory(consultant=consultant, school=school_a)
    client_for(consultant).get(activity.get_edit_url())
    assert ReadLogEntry.objects.get().purpose == "edit"


def test_a_refused_read_is_not_logged_as_a_read(client_for, leader_b, school_a):
    from trivsel.schools.models import ReadLogEntry

    activity = ActivityFactory(school=school_a, shared_with_leadership=True)
    assert client_for(leader_b).get(activity.get_absolute_url()).status_code == 404
    assert not ReadLogEntry.objects.exists()


def test_a_consultant_edits_their_activity_and_the_class_must_still_match_the_school(
    client_for, consultant, school_a, school_b, class_a_spring, class_b_spring, pinned
):
    activity = ActivityFactory(consultant=consultant, school=school_a, school_class=class_a_spring)
    client = client_for(consultant)
    data = {
        "school": school_a.pk,
        "school_class": class_b_spring.pk,
        "date": "2023-05-02",
        "start_time": "08:00",
        "duration_minutes": 30,
        "kind": "sparring",
        "status": "held",
        "observation": "Rettet tekst",
        "lock_version": activity.lock_version,
    }
    refused = client.post(activity.get_edit_url(), data)
    assert refused.status_code == 200
    activity.refresh_from_db()
    assert activity.observation != "Rettet tekst"
    data["school_class"] = class_a_spring.pk
    assert client.post(activity.get_edit_url(), data).status_code == 302
    activity.refresh_from_db()
    assert activity.observation == "Rettet tekst"
    assert activity.history.count() == 2


def test_a_consultant_adds_a_follow_up_and_marks_it_done(client_for, consultant, school_a, pinned):
    activity = ActivityFactory(consultant=consultant, school=school_a)
    client = client_for(consultant)
    response = client.post(
        reverse("consultants:followup_create", args=[activity.pk]),
        {"what": "Bevægelsesbånd", "who": "Teamet", "due": "2023-06-10"},
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(activity=activity)
    client.post(reverse("consultants:followup_done", args=[follow_up.pk]), {"done": "1"})
    follow_up.refresh_from_db()
    assert follow_up.done and follow_up.done_at == pinned


def test_another_consultant_cannot_close_my_follow_up(client_for, school_a):
    follow_up = FollowUpFactory(activity=ActivityFactory(school=school_a))
    response = client_for(ConsultantFactory()).post(
        reverse("consultants:followup_done", args=[follow_up.pk]), {"done": "1"}
    )
    assert response.status_code == 403
    follow_up.refresh_from_db()
    assert not follow_up.done


# --- learning across schools -------------------------------------------------------------------
def test_the_search_finds_activities_by_tag_kind_grade_band_school_and_period(
    client_for, coordinator, school_a, school_b, spring_year, tag_uro, tag_movement
):
    small = SchoolClassFactory(school=school_a, school_year=spring_year, grade=1, letter="B")
    big = SchoolClassFactory(school=school_b, school_year=spring_year, grade=8, letter="B")
    hit = ActivityFactory(
        school=school_a,
        school_class=small,
        kind="observation",
        date=date(2023, 3, 1),
        tags=[tag_movement],
    )
    ActivityFactory(school=school_b, school_class=big, kind="observation", tags=[tag_movement])
    ActivityFactory(school=school_a, school_class=small, kind="sparring", tags=[tag_movement])
    ActivityFactory(school=school_a, school_class=small, kind="observation", tags=[tag_uro])
    ActivityFactory(
        school=school_a,
        school_class=small,
        kind="observation",
        tags=[tag_movement],
        date=date(2023, 9, 1),
    )
    period = PeriodFactory()
    response = client_for(coordinator).get(
        reverse("consultants:activity_list"),
        {"tag": tag_movement.pk, "kind": "observation", "band": "indskoling", "period": period.pk},
    )
    assert list(response.context["object_list"]) == [hit]
    by_school = client_for(coordinator).get(
        reverse("consultants:activity_list"), {"school": school_b.pk}
    )
    assert {a.school for a in by_school.context["object_list"]} == {school_b}


def test_the_week_overview_shows_the_consultants_week(client_for, consultant, school_a):
    in_week = ActivityFactory(consultant=consultant, school=school_a, date=date(2023, 3, 15))
    ActivityFactory(consultant=consultant, school=school_a, date=date(2023, 3, 22))
    ActivityFactory(school=school_a, date=date(2023, 3, 15))  # another consultant's
    response = client_for(consultant).get(reverse("consultants:week"), {"dato": "2023-03-13"})
    assert response.context["rows"] == [in_week]
    assert response.context["start"] == date(2023, 3, 13)


def test_the_school_by_kind_overview_counts_held_activities_in_the_period(
    client_for, coordinator, school_a, school_b
):
    period = PeriodFactory()
    ActivityFactory(school=school_a, kind="observation")
    ActivityFactory(school=school_a, kind="observation")
    ActivityFactory(school=school_b, kind="sparring")
    ActivityFactory(school=school_b, kind="sparring", status="planned")
    ActivityFactory(school=school_b, kind="sparring", date=date(2023, 8, 20))
    response = client_for(coordinator).get(
        reverse("consultants:school_kind"), {"period": period.pk}
    )
    table = response.context["table"]
    rows = {r["school"].name: r for r in table["rows"]}
    assert rows["Valhøj Skole"]["cells"][0] == 2
    assert rows["Nyager Skole"]["cells"][2] == 1
    assert table["total"] == 3


def test_overdue_follow_ups_are_those_not_done_after_their_date(
    client_for, consultant, school_a, pinned
):
    activity = ActivityFactory(school=school_a)
    late = FollowUpFactory(activity=activity, due=date(2023, 5, 1))
    FollowUpFactory(activity=activity, due=date(2023, 5, 1), done=True)
    FollowUpFactory(activity=activity, due=date(2023, 6, 10))
    response = client_for(consultant).get(reverse("consultants:followup_overdue"))
    assert list(response.context["object_list"]) == [late]


# --- courses, PIT, example cases -----------------------------------------------------------------
def test_a_consultant_creates_a_course_and_a_class_of_another_school_is_refused(
    client_for, consultant, school_a, class_b_spring
):
    client = client_for(consultant)
    data = {
        "school": school_a.pk,
        "school_class": class_b_spring.pk,
        "topic": "Fællesskab",
        "start_date": "2023-03-01",
        "planned_sessions": 4,
    }
    refused = client.post(reverse("consultants:course_create"), data)
    assert "Klassen hører ikke til den valgte skole." in refused.content.decode()
    data["school_class"] = ""
    assert client.post(reverse("consultants:course_create"), data).status_code == 302
    course = consultant.wellbeing_courses.get()
    assert course.topic == "Fællesskab"


def test_a_course_counts_its_held_sessions(client_for, leader_a, school_a):
    course = WellbeingCourseFactory(school=school_a, planned_sessions=4)
    ActivityFactory(school=school_a, course=course, kind="trivselsforloeb")
    ActivityFactory(school=school_a, course=course, kind="trivselsforloeb", status="planned")
    response = client_for(leader_a).get(reverse("consultants:course_list"))
    assert response.context["object_list"][0].held_sessions == 1


def test_a_pit_meeting_counts_cases_never_negative_and_none_in_the_future(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    url = reverse("consultants:pit_create")
    base = {"school": school_a.pk, "date": "2023-05-03", "themes": "Fravær", "contribution": ""}
    assert (
        "cases_discussed"
        in client.post(url, {**base, "cases_discussed": -1}).context["form"].errors
    )
    future = client.post(url, {**base, "date": "2023-09-01", "cases_discussed": 2})
    assert "fremtiden" in future.content.decode()
    assert client.post(url, {**base, "cases_discussed": 4}).status_code == 302
    assert consultant.pit_meetings.get().cases_discussed == 4


def test_a_leader_reads_their_schools_pit_meetings_only(client_for, leader_a, school_a, school_b):
    mine = PitMeetingFactory(school=school_a)
    PitMeetingFactory(school=school_b)
    listed = client_for(leader_a).get(reverse("consultants:pit_list")).context["object_list"]
    assert list(listed) == [mine]


def test_a_consultant_writes_an_example_case_and_a_coordinator_approves_it(
    client_for, consultant, coordinator
):
    period = PeriodFactory()
    response = client_for(consultant).post(
        reverse("consultants:case_create"),
        {"title": "Bevægelse", "text": "På en skole ...", "period": period.pk},
    )
    assert response.status_code == 302
    case = ExampleCase.objects.get()
    assert case.status == ExampleCaseStatus.DRAFT and case.author == consultant
    assert (
        client_for(consultant).post(reverse("consultants:case_approve", args=[case.pk])).status_code
        == 403
    )
    client_for(coordinator).post(reverse("consultants:case_approve", args=[case.pk]))
    case.refresh_from_db()
    assert case.is_approved and case.approved_by == coordinator
    # an approved case is no longer the consultant's to edit
    assert client_for(consultant).get(case.get_edit_url()).status_code == 403
    # withdrawing the approval asks first, on a page
    url = reverse("consultants:case_approve", args=[case.pk])
    asked = client_for(coordinator).post(url, {"action": "withdraw"})
    assert "Træk godkendelsen af «Bevægelse» tilbage?" in asked.content.decode()
    case.refresh_from_db()
    assert case.is_approved
    client_for(coordinator).post(url, {"action": "withdraw", "bekraeftet": "1"})
    case.refresh_from_db()
    assert not case.is_approved


def test_an_example_case_naming_a_school_or_a_staff_member_is_not_approved(
    client_for, coordinator, school_a
):
    StaffFactory(school=school_a, name="Rikke Lund")
    naming_school = ExampleCaseFactory(text="På Valhøj lavede klassen bevægelsesbånd.")
    naming_staff = ExampleCaseFactory(title="Et andet", text="Rikke Lund foreslog bevægelse.")
    client = client_for(coordinator)
    for case in (naming_school, naming_staff):
        response = client.post(reverse("consultants:case_approve", args=[case.pk]), follow=True)
        assert "må ikke nævne" in response.content.decode()
        case.refresh_from_db()
        assert case.status == ExampleCaseStatus.DRAFT


def test_coordinators_manage_the_challenge_tags(client_for, coordinator, consultant):
    client = client_for(coordinator)
    assert (
        client.post(
            reverse("consultants:tag_create"), {"name": "overgange", "is_active": "on"}
        ).status_code
        == 302
    )
    assert client_for(consultant).get(reverse("consultants:tag_create")).status_code == 403
