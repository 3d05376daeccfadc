"""Journeys of a school leader through the trial actions, in a real browser: create one, evaluate
it and find it in the coverage view; read another school's action but not edit it; and fill the
form with the keyboard alone. Every page on the way passes axe and fits a phone (``audit``)."""

import pytest
from django.core.management import call_command

from initiatives.trials.models import Decision, Status, TrialAction
from tests.browser.audit import audit
from tests.browser.helpers import TABLET, login, screenshot
from tests.browser.keyboard import tab_to
from trivsel.schools.demo import DEMO_PASSWORD

LEADER = "leder.valhoj"
OTHER_LEADER = "leder.nyager"
TITLE = "Gåtur i frikvarteret"


def open_menu(page, group: str, item: str) -> None:
    """Through the main menu as a user does: the group's drop-down, then its entry."""
    menu = page.get_by_role("navigation", name="Hovedmenu")
    toggler = menu.get_by_role("button", name="Vis menu")
    if toggler.is_visible():
        toggler.click()
    menu.get_by_role("button", name=group).click()
    menu.get_by_role("link", name=item, exact=True).click()
    page.wait_for_load_state()


def test_a_school_leader_creates_a_trial_action_evaluates_it_and_sees_it_in_the_coverage(
    page, live_server
):
    call_command("seed_demo", "--quiet")
    login(page, live_server, LEADER, DEMO_PASSWORD)
    audit(page)

    open_menu(page, "Prøvehandlinger", "Prøvehandlinger")
    audit(page)
    page.get_by_role("link", name="Ny prøvehandling").click()
    audit(page)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Bevægelse").check()
    page.get_by_label("Udskoling (7.–9.)").check()
    page.get_by_label("Start").fill("2024-02-01")
    page.get_by_label("Slut").fill("2024-05-31")
    page.get_by_label("Formål").fill("Mere bevægelse og færre skærme i de store frikvarterer.")
    page.get_by_label("Status").select_option(label="I gang")
    screenshot(page, "journey-leader-trial-form")
    page.get_by_role("button", name="Gem").click()

    assert page.get_by_text(f"Prøvehandlingen «{TITLE}» er oprettet.").is_visible()
    action = TrialAction.objects.get(title=TITLE)
    assert (action.school.name, action.status) == ("Valhøj Skole", Status.RUNNING)
    assert [t.name for t in action.themes.all()] == ["Bevægelse"]
    assert page.get_by_role("heading", name=TITLE).is_visible()
    audit(page)

    page.get_by_role("link", name="Evaluér").click()
    audit(page)
    page.get_by_label("Hvad blev afprøvet, og hvad lærte vi").fill("Eleverne gik, når vi gik med.")
    page.get_by_role("group", name="Effekt på elevernes mentale sundhed").get_by_label("4").check()
    page.get_by_label("Effekt på elevernes mentale sundhed — uddybning").fill("Roligere timer.")
    # half-way: a draft, the action stays «i gang»; then on from the detail page
    page.get_by_role("button", name="Gem kladde").click()
    assert page.get_by_text("Kladden til evalueringen").is_visible()
    action.refresh_from_db()
    assert (action.status, action.effect_pupils) == (Status.RUNNING, 4)
    page.get_by_role("link", name="Fortsæt evalueringen").click()
    assert page.get_by_label("Effekt på elevernes mentale sundhed — uddybning").input_value() == (
        "Roligere timer."
    )
    page.get_by_role("group", name="Effekt på trivslen i klassen").get_by_label("3").check()
    page.get_by_label("Effekt på trivslen i klassen — uddybning").fill("Nye makkerpar.")
    page.get_by_label("Fortsætter vi, og hvordan").fill("Hele udskolingen fra august.")
    page.get_by_label("Videreføres").check()
    page.get_by_role("button", name="Gem og markér som evalueret").click()

    assert page.get_by_text("Status: evalueret.").is_visible()
    action.refresh_from_db()
    assert (action.status, action.decision) == (Status.EVALUATED, Decision.CONTINUE)
    assert (action.effect_pupils, action.effect_class) == (4, 3)
    assert action.evaluated_at is not None
    audit(page)

    open_menu(page, "Prøvehandlinger", "Dækning")
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Valhøj Skole", exact=True)
    )
    entry = row.locator("div", has=page.get_by_role("link", name=TITLE))
    assert entry.is_visible()
    assert "Evalueret" in entry.inner_text()
    assert "Videreføres" in entry.inner_text()
    assert "4/3" in entry.inner_text()
    audit(page)
    screenshot(page, "journey-leader-coverage")


def test_a_leader_reads_another_schools_trial_action_but_may_not_edit_it(
    page, live_server, browser_problems
):
    browser_problems.allow(r"status of 403")  # Chromium logs the «no access» answer
    call_command("seed_demo", "--quiet")
    action = TrialAction.objects.filter(school__name="Valhøj Skole").order_by("pk").first()
    login(page, live_server, OTHER_LEADER, DEMO_PASSWORD)

    open_menu(page, "Prøvehandlinger", "Prøvehandlinger")
    page.get_by_role("link", name=action.title).first.click()
    page.wait_for_url(f"**{action.get_absolute_url()}")
    assert page.get_by_role("heading", name=action.title).is_visible()
    assert page.get_by_role("link", name="Redigér").count() == 0
    assert page.get_by_role("link", name="Evaluér").count() == 0
    audit(page)

    response = page.goto(live_server.url + action.get_edit_url())

    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", name="Ingen adgang").is_visible()
    assert page.get_by_text("Du har ikke adgang til denne side med din rolle.").is_visible()
    audit(page)
    title_before = action.title
    action.refresh_from_db()
    assert action.title == title_before


@pytest.mark.parametrize("viewport", [TABLET], ids=["tablet"])
def test_a_leader_fills_and_sends_the_trial_action_form_with_the_keyboard_alone(
    page, live_server, viewport
):
    call_command("seed_demo", "--quiet")
    login(page, live_server, LEADER, DEMO_PASSWORD)
    page.goto(live_server.url + "/provehandlinger/ny/")

    tab_to(page, "#id_title")
    page.keyboard.type("Tastaturet alene")
    tab_to(page, "input[name=themes]:is([value]):not(:checked)")
    page.keyboard.press("Space")
    tab_to(page, "input[name=grade_bands][value=mellemtrin]")
    page.keyboard.press("Space")
    tab_to(page, "#id_start")
    # day = month: the same keys whether the browser's date field is ordered d/m/y or m/d/y
    page.keyboard.type("03032024", delay=50)
    tab_to(page, "#id_end")
    page.keyboard.type("04042024", delay=50)
    tab_to(page, "#id_aim")
    page.keyboard.type("Alt kan nås med Tab.")
    tab_to(page, "#id_status")
    page.keyboard.type("I")  # type-ahead in the closed select: «I gang»
    assert page.locator("#id_status").input_value() == Status.RUNNING
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_text("Prøvehandlingen «Tastaturet alene» er oprettet.").wait_for()

    action = TrialAction.objects.get(title="Tastaturet alene")
    assert action.status == Status.RUNNING
    assert action.grade_bands == ["mellemtrin"]
    assert (str(action.start), str(action.end)) == ("2024-03-03", "2024-04-04")
    assert action.themes.count() == 1
    assert page.get_by_role("heading", name="Tastaturet alene").is_visible()
    audit(page)
