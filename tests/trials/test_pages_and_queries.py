"""List, coverage and theme-day pages: content, filters and a fixed number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SchoolClassFactory, SchoolFactory, StaffFactory
from tests.trials.factories import (
    ProgrammeItemFactory,
    RolloutPlanFactory,
    ThemeDayFactory,
    ThemeFactory,
    TrialActionFactory,
)


def add_network(n, sleep, school_year):
    """n more schools, each with an evaluated sleep action for a class and a running movement one."""
    movement = ThemeFactory(name="Bevægelse", grade_bands=["indskoling"])
    for i in range(n):
        school = SchoolFactory()
        klass = SchoolClassFactory(school=school, school_year=school_year, grade=8)
        action = TrialActionFactory(school=school, themes=[sleep], evaluated=True)
        action.classes.set([klass])
        action.staff.set([StaffFactory(school=school)])
        TrialActionFactory(
            school=school,
            themes=[movement, sleep],
            grade_bands=["indskoling"],
            start=date(2023, 9, 1),
            end=date(2024, 1, 31),
            title=f"Bevægelse {i}",
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    "url_name", ["trials:trialaction_list", "trials:coverage", "trials:theme_list"]
)
def test_list_pages_run_a_fixed_number_of_queries_whatever_the_rows(
    client_for, leader_a, action_a, action_b, sleep, school_year, url_name
):
    client = client_for(leader_a)
    url = reverse(url_name)
    client.get(url)  # warm the session
    small, _ = count_queries(client, url)
    add_network(8, sleep, school_year)
    client.get(url)  # the coverage's totals are counted once per data version
    large, response = count_queries(client, url)
    assert large == small, f"{url_name}: {small} queries with 2 actions, {large} with 18"


def test_the_trial_action_list_runs_the_same_queries_when_filtered_and_exported(
    client_for, coordinator, action_a, sleep, school_year
):
    client = client_for(coordinator)
    url = reverse("trials:trialaction_list") + f"?theme={sleep.pk}&grade_band=udskoling&q=Søvn"
    client.get(url)
    small, _ = count_queries(client, url)
    export_small, _ = count_queries(client, url + "&format=csv")
    add_network(8, sleep, school_year)
    assert count_queries(client, url)[0] == small
    assert count_queries(client, url + "&format=csv")[0] == export_small


def test_the_list_page_runs_exactly_these_queries(
    client_for, leader_a, action_a, action_b, django_assert_num_queries
):
    client = client_for(leader_a)
    url = reverse("trials:trialaction_list")
    client.get(url)
    # session, user, the user's schools (access, and «own school» first); the filter form's
    # themes, half-years and schools; the page's count and rows, their themes and their classes;
    # the menu asks nothing more (access by role)
    with django_assert_num_queries(10):
        client.get(url)


def test_the_coverage_page_runs_exactly_these_queries(
    client_for, leader_a, action_a, action_b, django_assert_num_queries
):
    client = client_for(leader_a)
    url = reverse("trials:coverage")
    client.get(url)
    # session, user, the user's schools (access); school years, themes, schools, the page's
    # cells, the trial actions' data version (the totals are cached under it; counting them
    # once it moves is one more query)
    with django_assert_num_queries(8):
        client.get(url)
    TrialActionFactory(school=action_a.school, themes=list(action_a.themes.all()))
    with django_assert_num_queries(9):
        client.get(url)


def test_the_list_shows_the_leaders_own_school_first_then_the_network(
    client_for, leader_b, action_a, action_b
):
    page = client_for(leader_b).get(reverse("trials:trialaction_list")).content.decode()
    own, network = page.index("Egen skole"), page.index("Hele netværket")
    assert (
        own < page.index("Mobilfri skoledag på Nyager") < network < page.index("Søvnuge på Valhøj")
    )


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("status=evaluated", "Evalueret A", "Søvnuge på Valhøj"),
        ("grade_band=indskoling", "Bevægelse i 1. klasse", "Søvnuge på Valhøj"),
        ("grade_band=udskoling", "Søvnuge på Valhøj", "Bevægelse i 1. klasse"),
        ("q=nyager", "Mobilfri skoledag på Nyager", "Søvnuge på Valhøj"),
        ("date_from=2023-08-01", "Bevægelse i 1. klasse", "Søvnuge på Valhøj"),
    ],
)
def test_the_list_filters(
    client_for, coordinator, action_a, action_b, school_a, query, shown, hidden
):
    TrialActionFactory(school=school_a, title="Evalueret A", evaluated=True)
    klass = SchoolClassFactory(school=school_a, grade=1)
    movement = TrialActionFactory(
        school=school_a,
        title="Bevægelse i 1. klasse",
        grade_bands=[],
        start=date(2023, 9, 1),
        end=date(2023, 12, 1),
    )
    movement.classes.set([klass])
    page = client_for(coordinator).get(reverse("trials:trialaction_list") + "?" + query)
    content = page.content.decode()
    assert shown in content
    assert hidden not in content


def test_the_list_filters_by_school_theme_and_period(
    client_for, coordinator, action_a, action_b, school_b, sleep
):
    from tests.factories import PeriodFactory

    spring = PeriodFactory(name="Forår 2023")
    autumn = PeriodFactory(name="Efterår 2023", start=date(2023, 7, 1), end=date(2023, 12, 31))
    client = client_for(coordinator)
    url = reverse("trials:trialaction_list")
    by_school = client.get(f"{url}?school={school_b.pk}").content.decode()
    assert "Mobilfri skoledag på Nyager" in by_school and "Søvnuge på Valhøj" not in by_school
    assert (
        "Søvnuge på Valhøj"
        in client.get(f"{url}?theme={sleep.pk}&period={spring.pk}").content.decode()
    )
    in_autumn = client.get(f"{url}?period={autumn.pk}").content.decode()
    assert "Søvnuge på Valhøj" not in in_autumn
    assert "Ingen prøvehandlinger matcher filtrene." in in_autumn


def test_coverage_answers_who_tried_the_sleep_focus_and_who_continues(
    client_for, leader_b, school_a, school_b, sleep
):
    TrialActionFactory(school=school_a, title="Søvnuge", themes=[sleep], evaluated=True)
    SchoolFactory(name="Islev Skole")  # has tried nothing
    ThemeFactory(name="Fællesskaber", grade_bands=["mellemtrin"])
    response = client_for(leader_b).get(reverse("trials:coverage"))
    coverage = response.context["coverage"]
    assert [t["name"] for t in coverage["themes"]] == ["Fællesskaber", "Søvn og digital adfærd"]
    rows = {school["name"]: school["cells"] for school in coverage["rows"]}
    assert set(rows) == {"Valhøj Skole", "Nyager Skole", "Islev Skole"}
    assert [a["title"] for a in rows["Valhøj Skole"][1]["actions"]] == ["Søvnuge"]
    assert rows["Valhøj Skole"][1]["actions"][0]["decision_label"] == "Videreføres"
    assert rows["Islev Skole"][1]["actions"] == []
    assert coverage["totals"][1] == {"tried": 1, "evaluated": 1, "continuing": 1, "schools": 3}
    content = response.content.decode()
    assert "Ikke afprøvet" in content and "Videreføres" in content


def test_a_staff_member_sees_only_their_own_school_in_the_coverage(
    client_for, staff_a, action_a, action_b
):
    response = client_for(staff_a).get(reverse("trials:coverage"))
    assert [school["name"] for school in response.context["coverage"]["rows"]] == ["Valhøj Skole"]
    content = response.content.decode()
    assert "Nyager Skole" not in content and "Mobilfri skoledag på Nyager" not in content


def test_the_theme_day_page_shows_programme_and_plans_side_by_side_in_fixed_queries(
    client_for, leader_a, action_a, action_b, school_a, school_b
):
    day = ThemeDayFactory()
    ProgrammeItemFactory(theme_day=day, title="Oplæg om søvn").trial_actions.set(
        [action_a, action_b]
    )
    RolloutPlanFactory(theme_day=day, school=school_a).trial_actions.set([action_b])
    client = client_for(leader_a)
    url = day.get_absolute_url()
    client.get(url)
    small, response = count_queries(client, url)
    content = response.content.decode()
    assert "Oplæg om søvn" in content and "Mobilfri skoledag på Nyager" in content
    assert "Skriv skolens udrulningsplan" not in content  # school A already has its plan
    for i in range(5):
        school = SchoolFactory()
        item = ProgrammeItemFactory(theme_day=day, title=f"Punkt {i}")
        item.trial_actions.set([TrialActionFactory(school=school)])
        RolloutPlanFactory(theme_day=day, school=school).trial_actions.set([action_a])
    large, response = count_queries(client, url)
    assert large == small
    assert response.content.decode().count("Redigér planen") == 1  # only school A's plan


def test_each_leader_gets_their_own_school_first_and_edit_buttons_only_there(
    client_for, leader_a, leader_b, consultant, staff_a, action_a, action_b
):
    edit_a = reverse("trials:trialaction_update", args=[action_a.pk])
    edit_b = reverse("trials:trialaction_update", args=[action_b.pk])
    for leader, own, other, mine, theirs in (
        (leader_a, "Søvnuge på Valhøj", "Mobilfri skoledag på Nyager", edit_a, edit_b),
        (leader_b, "Mobilfri skoledag på Nyager", "Søvnuge på Valhøj", edit_b, edit_a),
    ):
        content = client_for(leader).get(reverse("trials:trialaction_list")).content.decode()
        assert content.index("Egen skole") < content.index(own) < content.index(other)
        assert mine in content and theirs not in content
    network = client_for(consultant).get(reverse("trials:trialaction_list")).content.decode()
    assert "Egen skole" not in network and "Redigér" not in network
    assert "Søvnuge på Valhøj" in network and "Mobilfri skoledag på Nyager" in network
    own_only = client_for(staff_a).get(reverse("trials:trialaction_list")).content.decode()
    assert "Søvnuge på Valhøj" in own_only and "Mobilfri skoledag på Nyager" not in own_only
    assert ">Nyager Skole</option>" not in own_only  # the school filter: own school only


def test_a_leader_moved_to_another_school_gets_that_school_first(
    client_for, leader_a, school_b, action_a, action_b
):
    client = client_for(leader_a)
    url = reverse("trials:trialaction_list")
    content = client.get(url).content.decode()
    assert content.index("Søvnuge på Valhøj") < content.index("Mobilfri skoledag på Nyager")
    leader_a.schools.set([school_b])
    content = client.get(url).content.decode()
    assert content.index("Mobilfri skoledag på Nyager") < content.index("Søvnuge på Valhøj")
    assert reverse("trials:trialaction_update", args=[action_b.pk]) in content
    assert reverse("trials:trialaction_update", args=[action_a.pk]) not in content


def test_the_list_and_the_coverage_speak_danish_and_english(client_for, leader_a, action_a, sleep):
    from django.conf import settings

    ThemeFactory(name="Fællesskaber", grade_bands=["mellemtrin"])
    client = client_for(leader_a)
    assert "Ikke afprøvet" in client.get(reverse("trials:coverage")).content.decode()
    assert "Egen skole" in client.get(reverse("trials:trialaction_list")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Not tried" in client.get(reverse("trials:coverage")).content.decode()
    assert "Own school" in client.get(reverse("trials:trialaction_list")).content.decode()


def test_a_filter_refuses_a_school_or_half_year_the_reader_cannot_choose(
    client_for, staff_a, coordinator, school_b
):
    from django import forms
    from django.utils.translation import gettext

    message = gettext(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    url = reverse("trials:trialaction_list")
    content = client_for(staff_a).get(f"{url}?school={school_b.pk}").content.decode()
    assert message in content  # another school's id is no choice for staff
    assert "Ingen prøvehandlinger matcher filtrene." in content
    content = client_for(coordinator).get(f"{url}?period=999999").content.decode()
    assert message in content


def test_with_many_schools_the_school_filter_is_a_search_box_that_takes_a_name(
    client_for, coordinator, action_a, action_b, monkeypatch
):
    from trivsel.schools.choices import SearchSelect

    monkeypatch.setattr(SearchSelect, "limit", 1)
    client = client_for(coordinator)
    url = reverse("trials:trialaction_list")
    page = client.get(url).content.decode()
    assert 'type="search" name="school"' in page and '<option value="Nyager Skole">' in page
    found = client.get(url, {"school": "nyager skole"}).content.decode()
    assert "Mobilfri skoledag på Nyager" in found and "Søvnuge på Valhøj" not in found
    assert 'name="school" value="Nyager Skole"' in found


def test_the_coverage_totals_move_with_every_write_at_once(
    client_for, coordinator, school_a, school_b, sleep, action_a
):
    from initiatives.trials import services
    from initiatives.trials.models import Decision, TrialAction

    client = client_for(coordinator)

    def totals():
        return client.get(reverse("trials:coverage")).context["coverage"]["totals"][0]

    assert totals() == {"tried": 1, "evaluated": 0, "continuing": 0, "schools": 2}
    other = TrialAction(
        school=school_b,
        title="Ny på Nyager",
        aim="Mere søvn.",
        start=date(2024, 2, 1),
        end=date(2024, 5, 1),
    )
    services.trial_action_save(trial_action=other, themes=[sleep], classes=[], staff=[])
    assert totals()["tried"] == 2
    services.trial_action_evaluate(
        trial_action=other,
        learned="Meget.",
        effect_pupils=4,
        effect_pupils_text="Roligere.",
        effect_class=3,
        effect_class_text="Bedre.",
        continuation="Hele skolen.",
        decision=Decision.CONTINUE,
    )
    assert totals() == {"tried": 2, "evaluated": 1, "continuing": 1, "schools": 2}
    other.decision = Decision.STOP  # as the admin saves it: no service
    other.save()
    assert totals()["continuing"] == 0
    TrialAction.objects.filter(pk=other.pk).delete()
    assert totals() == {"tried": 1, "evaluated": 0, "continuing": 0, "schools": 2}
