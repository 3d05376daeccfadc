"""The status-note section tells the note's story from the demo; the demo is idempotent."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.trials.models import (
    Attachment,
    ProgrammeItem,
    RolloutPlan,
    Theme,
    ThemeDay,
    TrialAction,
)
from tests.trials.factories import TrialActionFactory
from trivsel.schools import sections
from trivsel.schools.models import Period, School

MODELS = (Theme, TrialAction, Attachment, ThemeDay, ProgrammeItem, RolloutPlan)


def counts():
    return {m.__name__: m.objects.count() for m in MODELS} | {
        "history": TrialAction.history.count(),
        "themes": TrialAction.themes.through.objects.count(),
    }


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet")


def test_seeding_twice_changes_nothing(demo):
    before = counts()
    call_command("seed_demo", "--quiet")
    assert counts() == before


def test_every_demo_school_tried_the_sleep_focus_in_2022_23_and_several_continue(demo):
    sleep = Theme.objects.get(name="Søvn og digital adfærd")
    actions = TrialAction.objects.filter(themes=sleep, start=date(2022, 11, 14))
    assert actions.values("school").distinct().count() == 6
    # four evaluated before the spring note of 14 April 2023, the two that adjust after it
    evaluated = sorted(actions.values_list("evaluated_at", "decision"))
    assert [d for d, _ in evaluated[:4]] < [date(2023, 4, 14)] * 4
    assert {decision for _, decision in evaluated[4:]} == {"adjust"}
    # and three schools continue the focus in 2023/24
    assert TrialAction.objects.filter(themes=sleep, start__gte=date(2023, 8, 1)).count() == 3
    assert all(a.grade_bands == ["udskoling"] for a in actions)
    decisions = sorted(actions.values_list("decision", flat=True))
    assert decisions.count("continue") >= 3 and decisions.count("adjust") == 2
    assert {"Bevægelse", "Fællesskaber"} <= set(Theme.objects.values_list("name", flat=True))
    day = ThemeDay.objects.get(title="Temadag for skoleledelser")
    assert day.date == date(2023, 4, 27)
    assert ProgrammeItem.objects.filter(theme_day=day, trial_actions__isnull=False).exists()
    assert RolloutPlan.objects.filter(theme_day=day).count() >= 3
    # the history shows the leader creating and then evaluating, on the story's days
    history = actions.get(school__name="Valhøj Skole").history.order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~"]
    assert history.last().history_user.username == "leder.valhoj"
    assert [h.history_date.date() for h in history] == [date(2022, 10, 24), date(2023, 3, 29)]


def test_the_demo_at_double_scale_gives_the_extra_schools_the_sleep_action(db):
    call_command("seed_demo", "--quiet", "--scale", "2")
    assert TrialAction.objects.values("school").distinct().count() == 12
    before = counts()
    call_command("seed_demo", "--quiet", "--scale", "2")
    assert counts() == before


def test_the_section_tells_spring_2023_as_of_the_spring_note_before_the_theme_day(demo):
    spring = Period.objects.get(name="Forår 2023")
    facts = sections.get("trials")(spring, date(2023, 4, 14))
    assert facts["totals"]["actions"] == 6 and facts["totals"]["schools"] == 6
    sleep = next(t for t in facts["themes"] if t["theme"] == "Søvn og digital adfærd")
    assert sleep["schools"] == 6
    # only the evaluations dated by 14 April: four, all continuing; two still being evaluated
    assert sleep["evaluated"] == 4 and sleep["running"] == 2
    assert sleep["want_to_continue"] == 4 and sleep["continuing"] == 4 and sleep["adjusted"] == 0
    assert 1 <= sleep["mean_effect_pupils"] <= 5
    (day,) = facts["theme_days"]
    assert day["date"] == "2023-04-27" and day["held"] is False
    # the plans are made on the day: none yet
    assert day["presentations"] == 6 and day["rollout_plans"] == []


def test_the_section_tells_the_evaluations_and_plans_as_of_the_end_of_june(demo):
    spring = Period.objects.get(name="Forår 2023")
    facts = sections.get("trials")(spring, date(2023, 6, 30))
    sleep = facts["themes"][0]
    assert sleep["evaluated"] == 6 and sleep["continuing"] == 4 and sleep["adjusted"] == 2
    (day,) = facts["theme_days"]
    assert len(day["rollout_plans"]) == 5
    # made on the day; none had moved by the end of June
    assert {p["follow_up"] for p in day["rollout_plans"]} == {"not_started"}


def test_the_plans_follow_up_is_read_as_it_stood_on_the_date(demo):
    autumn = Period.objects.get(name="Efterår 2023")
    spring = Period.objects.get(name="Forår 2023")
    section = sections.get("trials")

    def follow_ups(period, day):
        (theme_day,) = [d for d in section(period, day)["theme_days"] if d["held"]] or [None]
        return sorted(p["follow_up"] for p in theme_day["rollout_plans"]) if theme_day else None

    assert follow_ups(spring, date(2023, 6, 30)) == ["not_started"] * 5
    assert follow_ups(spring, date(2023, 9, 30)) == [
        "done",
        "in_progress",
        "not_started",
        "not_started",
        "not_started",
    ]
    # autumn's note does not repeat the spring theme day: its follow-up does (see the note)
    assert follow_ups(autumn, date(2023, 12, 31)) is None


def test_the_section_says_the_theme_day_was_held_after_the_day(demo):
    spring = Period.objects.get(name="Forår 2023")
    (day,) = sections.get("trials")(spring, date(2023, 6, 30))["theme_days"]
    assert day["held"] is True


def test_the_section_of_autumn_2023_shows_the_running_movement_action(demo):
    autumn = Period.objects.get(name="Efterår 2023")
    facts = sections.get("trials")(autumn, date(2023, 12, 31))
    themes = {t["theme"]: t for t in facts["themes"]}
    assert themes["Bevægelse"]["actions"] == 1 and themes["Bevægelse"]["evaluated"] == 0
    assert facts["theme_days"] == []


def test_the_section_keeps_its_query_budget_as_the_data_grows(demo):
    spring = Period.objects.get(name="Forår 2023")
    section = sections.get("trials")
    with CaptureQueriesContext(connection) as small:
        section(spring, date(2023, 3, 15))
    call_command("seed_demo", "--quiet", "--scale", "3")
    with CaptureQueriesContext(connection) as large:
        facts = section(spring, date(2023, 3, 15))
    assert len(small) == len(large) <= section.query_budget
    assert facts["totals"]["schools"] == 18


def test_the_follow_up_tells_how_the_schools_went_on_after_the_spring_note(demo):
    """As of 31 December 2023, of what the spring note (14 April) told: the two schools still
    evaluating then decided (in May and June, to adjust), three schools continue with new sleep
    actions, the fourth started a movement action instead, two have nothing new yet; at the theme
    day five schools made plans, the sixth none but started an action since, and the school that
    gave up its plan says why."""
    from initiatives.trials.statusnote import follow_up

    day = ThemeDay.objects.get()
    refs = ["trials.theme:Søvn og digital adfærd", f"trials.themeday:{day.pk}"]
    out = follow_up(refs, date(2023, 4, 14), date(2023, 12, 31))
    sleep = out[refs[0]]["detail"]
    assert (sleep["pending_then"], sleep["decided_since"], sleep["adjust_since"]) == (2, 2, 2)
    assert sleep["decided_dates"] == ["2023-05-10", "2023-06-08"]
    assert (sleep["continuing_schools"], sleep["schools"], sleep["without_new"]) == (6, 3, 2)
    assert sleep["other_themes"] == [{"theme": "Bevægelse", "schools": 1}]
    themeday = out[refs[1]]["detail"]
    assert (themeday["schools"], themeday["plans"], themeday["dropped"]) == (6, 5, 1)
    assert (themeday["without_plan"], themeday["without_plan_new_action"]) == (1, 1)
    (why,) = themeday["dropped_notes"]
    assert why.startswith("Vi prioriterer i dette skoleår bevægelse i indskolingen")
    # how the two late schools judged the effect, and what the school without a plan took up
    assert (sleep["effect_pupils_since"], sleep["effect_class_since"]) == (3.0, 3.5)
    assert themeday["without_plan_themes"] == ["Søvn og digital adfærd"]
    # as of the spring note itself nothing had happened yet
    before = follow_up(refs, date(2023, 4, 14), date(2023, 4, 14))
    assert before[refs[0]]["detail"]["decided_since"] == 0
    assert before[refs[0]]["detail"]["effect_pupils_since"] is None
    assert before[refs[1]]["state"] == "planned"
    # as of means as of: an action the sixth school starts after the date changes nothing
    planned = RolloutPlan.objects.values_list("school_id", flat=True)
    sixth = School.objects.exclude(pk__in=planned).get()
    TrialActionFactory(
        school=sixth,
        start=date(2024, 1, 8),
        end=date(2024, 3, 1),
        themes=[Theme.objects.get(name="Fællesskaber")],
    )
    assert follow_up(refs, date(2023, 4, 14), date(2023, 12, 31)) == out
