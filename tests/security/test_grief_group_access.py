"""Grief groups across schools, as ARCHITECTURE's «who sees what» says («—» for other schools): a
leader of another school never reads a group's meetings or evaluations, not even when one of
their staff co-leads the group (they may read the group itself: who leads it)."""

import pytest
from django.urls import reverse

from initiatives.griefgroups.models import Evaluation, GriefGroup, GroupMeeting
from trivsel.schools import access

from ..factories import StaffFactory
from ..griefgroups.factories import (
    CourseFactory,
    EvaluationFactory,
    GriefGroupFactory,
    GroupMeetingFactory,
    trained,
)


@pytest.fixture
def co_led_group(school_a, school_b, staff_a):
    """School A's group, led by staff_a and by Bent from school B."""
    course = CourseFactory()
    bent = StaffFactory(school=school_b, name="Bent B")
    trained(staff_a.staff_profile, course)
    trained(bent, course)
    group = GriefGroupFactory(school=school_a, leaders=[staff_a.staff_profile, bent])
    GroupMeetingFactory(group=group, note="Eleverne talte om deres bedsteforældre.")
    EvaluationFactory(group=group, benefit_text="Stor gavn for de fire elever.")
    return group


def test_the_leader_of_a_co_leaders_school_reads_the_group_but_not_its_meetings_or_evaluations(
    client_for, leader_b, co_led_group
):
    assert access.scope(leader_b, GriefGroup.objects.all()).filter(pk=co_led_group.pk).exists()
    assert not access.scope(leader_b, GroupMeeting.objects.all()).exists()
    assert not access.scope(leader_b, Evaluation.objects.all()).exists()
    client = client_for(leader_b)
    page = client.get(co_led_group.get_absolute_url())
    assert page.status_code == 200
    assert "bedsteforældre" not in page.content.decode()
    assert "Stor gavn" not in page.content.decode()
    meeting = co_led_group.meetings.get()
    assert client.get(reverse("griefgroups:meeting_update", args=[meeting.pk])).status_code == 404


def test_the_groups_own_leader_and_its_staff_leaders_still_read_meetings_and_evaluations(
    leader_a, staff_a, coordinator, co_led_group
):
    for user in (leader_a, staff_a, coordinator):
        assert access.scope(user, GroupMeeting.objects.all()).count() == 1
        assert access.scope(user, Evaluation.objects.all()).count() == 1
