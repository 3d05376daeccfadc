"""Who may do what with trial actions: the «trial actions, theme day, roll-out plans» row."""

from django.urls import reverse

from initiatives.trials.models import TrialAction
from trivsel.schools import access


def visible(user, action="read"):
    return set(access.scope(user, TrialAction.objects.all(), action))


def test_a_leader_reads_every_schools_trial_actions_but_edits_only_their_own(
    leader_a, action_a, action_b
):
    assert visible(leader_a) == {action_a, action_b}
    assert visible(leader_a, "edit") == {action_a}


def test_a_staff_member_reads_only_their_own_schools_trial_actions(staff_a, action_a, action_b):
    assert visible(staff_a) == {action_a}
    assert visible(staff_a, "edit") == set()


def test_a_consultant_reads_all_and_a_coordinator_edits_all(
    consultant, coordinator, action_a, action_b
):
    assert visible(consultant) == {action_a, action_b}
    assert visible(consultant, "edit") == set()
    assert visible(coordinator, "edit") == {action_a, action_b}


def test_a_conference_admin_sees_no_trial_actions(conference_admin, action_a):
    assert visible(conference_admin) == set()


def test_leader_b_reads_school_as_trial_action_but_gets_403_on_its_edit_url(
    client_for, leader_b, action_a
):
    client = client_for(leader_b)
    page = client.get(action_a.get_absolute_url())
    assert page.status_code == 200
    assert "Søvnuge på Valhøj" in page.content.decode()
    assert "Redigér" not in page.content.decode().split("<h1")[1].split("</h1>")[0]
    assert client.get(action_a.get_edit_url()).status_code == 403
    assert client.get(reverse("trials:trialaction_evaluate", args=[action_a.pk])).status_code == 403
    response = client.post(action_a.get_edit_url(), {"title": "Overtaget"})
    assert response.status_code == 403
    action_a.refresh_from_db()
    assert action_a.title == "Søvnuge på Valhøj"


def test_a_staff_member_gets_404_for_another_schools_trial_action(client_for, staff_a, action_b):
    assert client_for(staff_a).get(action_b.get_absolute_url()).status_code == 404


def test_a_leader_cannot_create_a_trial_action_for_another_school(
    client_for, leader_a, school_b, sleep
):
    response = client_for(leader_a).post(
        reverse("trials:trialaction_create"),
        {
            "school": school_b.pk,
            "title": "Snigeri",
            "themes": [sleep.pk],
            "grade_bands": ["udskoling"],
            "start": "2023-02-01",
            "end": "2023-05-31",
            "aim": "Formål",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert not TrialAction.objects.filter(title="Snigeri").exists()
    assert "school" in response.context["form"].errors


def test_themes_are_managed_by_coordinators_and_read_by_the_others(
    client_for, leader_a, coordinator, consultant, conference_admin
):
    create = reverse("trials:theme_create")
    assert client_for(leader_a).get(create).status_code == 403
    assert client_for(leader_a).get(reverse("trials:theme_list")).status_code == 200
    assert client_for(consultant).get(reverse("trials:theme_list")).status_code == 200
    assert client_for(conference_admin).get(reverse("trials:theme_list")).status_code == 403
    response = client_for(coordinator).post(
        create,
        {"name": "Bevægelse", "grade_bands": ["indskoling", "mellemtrin"], "is_active": "on"},
    )
    assert response.status_code == 302
    from initiatives.trials.models import Theme

    assert Theme.objects.get(name="Bevægelse").grade_bands == ["indskoling", "mellemtrin"]


def test_the_menu_shows_trials_to_leaders_and_not_to_conference_admins(
    client_for, leader_a, conference_admin
):
    assert reverse("trials:trialaction_list") in client_for(leader_a).get("/").content.decode()
    assert (
        reverse("trials:trialaction_list")
        not in client_for(conference_admin).get("/").content.decode()
    )
