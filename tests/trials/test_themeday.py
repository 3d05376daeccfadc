"""The theme day: a coordinator runs it; each school's leadership records its roll-out plan."""

from django.urls import reverse

from initiatives.trials.models import FollowUp, ProgrammeItem, RolloutPlan, ThemeDay
from tests.trials.factories import RolloutPlanFactory, ThemeDayFactory
from trivsel.schools.versioning import current_version


def test_a_coordinator_creates_a_theme_day_and_its_programme(
    client_for, coordinator, action_a, action_b, sleep
):
    client = client_for(coordinator)
    response = client.post(
        reverse("trials:themeday_create"),
        {
            "title": "Temadag for skoleledelser",
            "date": "2023-04-27",
            "place": "Rødovre Rådhus",
            "audience": "Skoleledelserne",
            "themes": [sleep.pk],
            "description": "Videndeling og arbejdstid.",
        },
        follow=True,
    )
    day = ThemeDay.objects.get()
    assert "er oprettet" in response.content.decode()
    response = client.post(
        reverse("trials:programmeitem_create", args=[day.pk]),
        {
            "starts_at": "09:00",
            "ends_at": "09:45",
            "title": "Søvn og mobilfri tid — erfaringer",
            "presenter": "Skoleledelserne",
            "trial_actions": [action_a.pk, action_b.pk],
        },
    )
    assert response.status_code == 302
    item = ProgrammeItem.objects.get()
    assert set(item.trial_actions.all()) == {action_a, action_b}
    page = client.get(day.get_absolute_url()).content.decode()
    assert "Søvnuge på Valhøj" in page and "09.00–09.45" in page


def test_a_programme_item_that_ends_before_it_starts_is_refused(client_for, coordinator):
    day = ThemeDayFactory()
    response = client_for(coordinator).post(
        reverse("trials:programmeitem_create", args=[day.pk]),
        {"starts_at": "10:00", "ends_at": "09:00", "title": "Baglæns"},
    )
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in str(
        response.context["form"].errors
    )
    assert not ProgrammeItem.objects.exists()


def test_a_leader_records_a_roll_out_plan_with_another_schools_trial_action(
    client_for, leader_a, school_a, action_b
):
    day = ThemeDayFactory()
    client = client_for(leader_a)
    url = reverse("trials:rolloutplan_create", args=[day.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "school": school_a.pk,
            "trial_actions": [action_b.pk],
            "how": "Mobilfri skoledag i 7. årgang fra efterårsferien.",
            "responsible": "Afdelingslederen",
            "deadline": "2023-10-31",
            "follow_up_status": FollowUp.NOT_STARTED,
        },
        follow=True,
    )
    plan = RolloutPlan.objects.get()
    assert (plan.school, list(plan.trial_actions.all())) == (school_a, [action_b])
    assert "Udrulningsplanen for Valhøj Skole er gemt." in response.content.decode()
    # later: the follow-up
    client.post(
        plan.get_edit_url(),
        {
            "trial_actions": [action_b.pk],
            "how": plan.how,
            "responsible": plan.responsible,
            "deadline": "2023-10-31",
            "follow_up_status": FollowUp.DONE,
            "follow_up_note": "Kører i alle 7. klasser.",
            "lock_version": current_version(plan),
        },
    )
    plan.refresh_from_db()
    assert plan.follow_up_status == FollowUp.DONE
    assert plan.school == school_a  # the school cannot be changed


def test_a_school_has_one_plan_per_theme_day(client_for, leader_a, school_a):
    day = ThemeDayFactory()
    RolloutPlanFactory(theme_day=day, school=school_a)
    response = client_for(leader_a).post(
        reverse("trials:rolloutplan_create", args=[day.pk]),
        {"school": school_a.pk, "how": "Igen", "responsible": "Lea", "follow_up_status": "done"},
    )
    assert response.status_code == 200
    assert "allerede en udrulningsplan" in str(response.context["form"].errors)
    assert RolloutPlan.objects.count() == 1


def test_leader_b_reads_school_as_plan_but_cannot_edit_it_or_write_one_for_a(
    client_for, leader_b, school_a
):
    day = ThemeDayFactory()
    plan = RolloutPlanFactory(theme_day=day, school=school_a, how="Valhøjs plan")
    client = client_for(leader_b)
    assert "Valhøjs plan" in client.get(day.get_absolute_url()).content.decode()
    assert client.get(plan.get_edit_url()).status_code == 403
    response = client.post(
        reverse("trials:rolloutplan_create", args=[day.pk]),
        {"school": school_a.pk, "how": "Snigeri", "responsible": "Leo", "follow_up_status": "done"},
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert RolloutPlan.objects.count() == 1


def test_a_cpr_number_in_a_roll_out_plan_is_refused(client_for, leader_a, school_a):
    day = ThemeDayFactory()
    response = client_for(leader_a).post(
        reverse("trials:rolloutplan_create", args=[day.pk]),
        {
            "school": school_a.pk,
            "how": "Kontakt forælder til 010203-1234",
            "responsible": "Lea",
            "follow_up_status": "not_started",
        },
    )
    assert "CPR-nummer" in str(response.context["form"].errors["how"])
    assert not RolloutPlan.objects.exists()
