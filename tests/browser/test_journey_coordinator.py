"""The network coordinator's journeys in a real browser: approve an Åben Skole application and see
the remaining budget fall; book a Headspace talk and see the coverage rise."""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from initiatives.headspace.models import Talk, TalkStatus
from initiatives.openschool.models import Application, Status
from tests.browser.audit import audit
from tests.browser.helpers import login, screenshot
from trivsel.schools.demo import DEMO_PASSWORD

COORDINATOR = "koordinator"


def kroner(text: str) -> int:
    """«235.000 kr.» -> 235000 (Danish thousands separators)."""
    return int(re.sub(r"[^\d]", "", text.split(",")[0]))


def open_menu(page, group: str, item: str) -> None:
    menu = page.get_by_role("navigation", name="Hovedmenu")
    menu.get_by_role("button", name=group, exact=True).click()
    menu.get_by_role("link", name=item, exact=True).click()
    page.wait_for_load_state()


def remaining_budget(page) -> int:
    card = page.locator(".card").filter(has_text="Resterende budget")
    return kroner(card.locator(".fs-5").inner_text())


def test_a_coordinator_approves_an_open_school_application_and_the_remaining_budget_falls(
    page, live_server
):
    call_command("seed_demo", "--quiet")
    application = Application.objects.get(status=Status.SUBMITTED, school__name="Islev Skole")
    login(page, live_server, COORDINATOR, DEMO_PASSWORD)

    open_menu(page, "Åben Skole", "Åben Skole")
    audit(page)
    page.get_by_role("link", name="Økonomi").click()
    before = remaining_budget(page)
    audit(page)

    page.go_back()
    page.get_by_role("link", name=application.title).click()
    assert page.get_by_text(f"Resterende budget: {before:,}".replace(",", ".")).is_visible()
    audit(page)
    page.get_by_label("Godkend (helt eller delvist)").check()
    page.get_by_label("Bevilget beløb (kr.)").fill("15000")
    page.get_by_label("Begrundelse til skolen").fill("Bevilget uden materialeudgifter.")
    page.get_by_role("button", name="Gem afgørelse").click()

    expect(page.get_by_text("Afgørelsen er gemt")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Status.PARTLY
    assert application.approved_amount == 15000
    audit(page)

    page.get_by_role("link", name="Tilbage til listen").click()
    page.get_by_role("link", name="Økonomi").click()
    assert remaining_budget(page) == before - 15000
    screenshot(page, "journey-coordinator-openschool-budget")


def test_a_coordinator_books_a_headspace_talk_and_the_coverage_rises(page, live_server):
    call_command("seed_demo", "--quiet")
    login(page, live_server, COORDINATOR, DEMO_PASSWORD)

    open_menu(page, "Åben Skole", "Headspace")
    audit(page)
    page.get_by_role("link", name="Dækning").first.click()
    summary = page.get_by_role("status").first
    covered, total = map(int, re.findall(r"(\d+) af (\d+) klasser", summary.inner_text())[0])
    missing = page.locator(".badge", has_text="mangler").first
    row = page.get_by_role("row").filter(has=missing)
    school = row.get_by_role("cell").first.inner_text().strip()
    label = missing.inner_text().split(":")[0].strip()
    audit(page)

    page.go_back()
    page.get_by_role("link", name="Book oplæg").click()
    audit(page)
    page.get_by_label("Klasse").select_option(label=f"{school} {label}")
    page.get_by_label("Dato").fill("2024-03-12")
    page.get_by_label("Fra kl.").fill("09:00")
    page.get_by_label("Til kl.").fill("10:30")
    page.get_by_label("Rådgivere fra Headspace").fill("Emma Krag, Ali Nour")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()

    talk = Talk.objects.select_related("school_class__school").latest("pk")
    assert (talk.school_class.school.name, talk.school_class.label) == (school, label)
    assert talk.status == TalkStatus.BOOKED
    assert talk.counsellors == ["Emma Krag", "Ali Nour"]
    audit(page)

    page.goto(live_server.url + "/headspace/daekning/")
    summary = page.get_by_role("status").first
    assert f"{covered + 1} af {total} klasser" in summary.inner_text()
    booked = page.get_by_role("row").filter(has_text=school).locator(".badge", has_text=label)
    assert "booket 12.03." in booked.first.inner_text()
    screenshot(page, "journey-coordinator-headspace-coverage")
