"""Under the demo clock the change history is dated by the portal's clock (the demo day), not the
machine's date: the trial action's «Ændringshistorik» and what «as of» reads from it agree with
the demo."""

from datetime import date

from initiatives.trials import services
from tests.trials.factories import TrialActionFactory


def test_history_entries_are_dated_by_the_demo_clock(
    settings, client_for, leader_a, school_a, frozen_at
):
    frozen_at(date(2026, 12, 8))  # the machine's date
    settings.DEMO_CLOCK = True
    settings.DEMO_DATE = date(2024, 1, 15)
    action = TrialActionFactory(school=school_a)
    action.title = "Søvnuge 2.0"
    services.trial_action_save(trial_action=action, themes=[], classes=[], staff=[])
    dates = {h.history_date.date() for h in action.history.all()}
    assert dates == {date(2024, 1, 15)}
    page = client_for(leader_a).get(action.get_absolute_url()).content.decode()
    history = page.split("Ændringshistorik")[1]
    assert "15.01.2024" in history and "08.12.2026" not in history


def test_without_the_demo_clock_history_is_dated_now(settings, school_a, frozen_at):
    frozen_at(date(2026, 12, 8))
    settings.DEMO_CLOCK = False
    action = TrialActionFactory(school=school_a)
    assert {h.history_date.date() for h in action.history.all()} == {date(2026, 12, 8)}


def test_a_date_set_on_purpose_stands(settings, school_a):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    settings.DEMO_CLOCK = True
    action = TrialActionFactory.build(school=school_a)
    action._history_date = datetime(2023, 3, 1, 9, tzinfo=ZoneInfo("Europe/Copenhagen"))
    action.save()
    assert action.history.get().history_date.date() == date(2023, 3, 1)
