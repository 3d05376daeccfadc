"""The «who sees what» table for the shared model, with named actors, on scoped querysets and pages."""

import pytest
from django.urls import reverse

from trivsel.schools import access
from trivsel.schools.models import School, SchoolClass, Staff, User


@pytest.fixture
def world(actors, class_a, class_b):
    return actors


def visible(user, model, action="read"):
    return set(access.scope(user, model.objects.all(), action))


def test_a_leader_reads_own_school_and_sees_only_names_of_others(world, school_a, school_b):
    leader = world["leader_a"]
    assert visible(leader, School) == {school_a}
    assert visible(leader, School, "names") == {school_a, school_b}
    assert visible(leader, School, "edit") == set()


def test_a_leader_reads_own_classes_and_edits_own_staff_only(world, class_a, school_a):
    leader = world["leader_a"]
    assert visible(leader, SchoolClass) == {class_a}
    assert visible(leader, Staff, "edit") == set(Staff.objects.filter(school=school_a))


def test_a_staff_member_reads_own_school_and_edits_nothing(world, school_a, class_a):
    staff = world["staff_a"]
    assert visible(staff, School) == {school_a}
    assert visible(staff, SchoolClass) == {class_a}
    assert visible(staff, Staff, "edit") == set()


def test_a_consultant_reads_all_schools_and_edits_none(world, school_a, school_b):
    assert visible(world["consultant"], School) == {school_a, school_b}
    assert visible(world["consultant"], School, "edit") == set()


def test_a_coordinator_edits_everything(world, school_a, school_b, class_a, class_b):
    assert visible(world["coordinator"], School, "edit") == {school_a, school_b}
    assert visible(world["coordinator"], SchoolClass, "edit") == {class_a, class_b}


def test_a_conference_admin_and_the_anonymous_see_no_schools(world):
    assert visible(world["conference_admin"], School) == set()
    assert visible(None, School) == set()


def test_a_leader_manages_only_staff_logins_of_own_school(world):
    leader = world["leader_a"]
    assert visible(leader, User, "edit") == {world["staff_a"]}


def test_a_deactivated_user_has_no_access(world, school_a):
    leader = world["leader_a"]
    leader.is_active = False
    assert visible(leader, School) == set()


def test_for_user_on_the_manager_uses_the_same_table(world, school_a):
    assert list(School.objects.for_user(world["leader_a"])) == [school_a]


@pytest.mark.parametrize(
    ("actor", "own", "other"),
    [
        ("leader_a", 200, 404),
        ("staff_a", 200, 404),
        ("consultant", 200, 200),
        ("coordinator", 200, 200),
        ("conference_admin", 403, 403),
    ],
)
def test_school_pages_follow_the_table(world, client_for, school_a, school_b, actor, own, other):
    client = client_for(world[actor])
    assert client.get(reverse("schools:school_detail", args=[school_a.pk])).status_code == own
    assert client.get(reverse("schools:school_detail", args=[school_b.pk])).status_code == other


def test_the_anonymous_is_sent_to_the_login_page(world, client, school_a):
    response = client.get(reverse("schools:school_detail", args=[school_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_leader_home_shows_own_school_and_classes(world, client_for, school_a, school_b):
    response = client_for(world["leader_a"]).get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert school_a.name in html and "7.A" in html
    assert school_b.name not in html


def test_the_coordinator_home_lists_all_schools_with_counts(world, client_for, school_a, school_b):
    response = client_for(world["coordinator"]).get(reverse("home"))
    html = response.content.decode()
    assert school_a.name in html and school_b.name in html
    rows = {row["pk"]: row for row in response.context["rows"]}
    assert rows[school_a.pk]["pupil_count"] == 22


def test_no_access_page_is_danish(world, client_for):
    response = client_for(world["leader_a"]).get(reverse("schools:school_create"))
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()


def test_an_english_browser_still_gets_the_danish_portal_unless_english_is_chosen(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="da">' in response.content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()


def test_the_can_tag_asks_the_access_module(rf, world, school_a):
    from django.template import Context, Template

    template = Template('{% load portal %}{% can "edit" "schools.school" as ok %}{{ ok }}')
    request = rf.get("/")
    request.user = world["leader_a"]
    assert template.render(Context({"request": request})) == "False"
    request.user = world["coordinator"]
    assert template.render(Context({"request": request})) == "True"
