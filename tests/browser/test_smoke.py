"""Smoke test in a real browser: the login page speaks Danish, a demo leader logs in and sees their
school and its classes, and the pages fit a phone without horizontal scrolling. The harness
(conftest) fails each test on any CSP violation, console error or page error."""

import pytest
from django.core.management import call_command

from tests.browser.helpers import (
    DESKTOP,
    LOGIN_PATH,
    PHONE,
    horizontal_overflow,
    login,
    screenshot,
)
from trivsel.schools.demo import DEMO_PASSWORD
from trivsel.schools.models import SchoolClass

LEADER = "leder.valhoj"


def valhoj_classes_this_year() -> list[str]:
    return [
        c.label
        for c in SchoolClass.objects.filter(
            school__name="Valhøj Skole", school_year__is_current=True
        ).order_by("grade", "letter")
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_login_page_speaks_danish(page, live_server, viewport):
    page.goto(live_server.url + LOGIN_PATH)

    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", name="Log ind i Trivselsportalen").is_visible()
    assert page.get_by_role("button", name="Log ind").is_visible()
    assert page.get_by_label("Brugernavn").is_visible()
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"login-{viewport['width']}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_demo_leader_logs_in_and_sees_their_school_and_its_classes(page, live_server, viewport):
    call_command("seed_demo", "--quiet")
    classes = valhoj_classes_this_year()
    assert classes, "the demo has classes at Valhøj Skole this year"

    login(page, live_server, LEADER, DEMO_PASSWORD)

    assert page.get_by_role("heading", name="Valhøj Skole").is_visible()
    shown = page.get_by_role("list", name="Klasser").get_by_role("listitem")
    assert [t.split()[0] for t in shown.all_inner_texts()] == classes
    assert page.get_by_text("Nyager Skole").count() == 0  # another school's classes stay hidden
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"leader-home-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_the_phone_menu_opens_and_leads_to_the_school(page, live_server, viewport):
    call_command("seed_demo", "--quiet")
    login(page, live_server, LEADER, DEMO_PASSWORD)

    page.get_by_role("button", name="Vis menu").click()
    page.get_by_role("button", name="Administration").click()
    page.get_by_role("link", name="Skoler", exact=True).click()
    page.get_by_role("link", name="Valhøj Skole").click()

    assert page.get_by_role("heading", name="Valhøj Skole").first.is_visible()
    assert horizontal_overflow(page) <= 0
    screenshot(page, "leader-school-390")


@pytest.mark.parametrize("username", ["koordinator", LEADER, "konsulent1"])
def test_every_menu_page_loads_cleanly(page, live_server, username):
    """Each page of the role's main menu, and one form, without a CSP violation or console error
    (the harness checks; this test only has to visit them)."""
    call_command("seed_demo", "--quiet")
    login(page, live_server, username, DEMO_PASSWORD)
    menu = page.get_by_role("navigation", name="Hovedmenu")
    targets = [
        (link.inner_text(), link.get_attribute("href"))
        for link in menu.locator(".navbar-nav a.nav-link, .navbar-nav a.dropdown-item").all()
    ]
    assert targets, "the role has a menu"

    for label, href in targets:
        response = page.goto(live_server.url + href)
        assert response.ok, f"{label} ({href}) answered {response.status}"
        new = page.locator("main a[href$='/ny/']")
        if new.count():
            new.first.click()
            page.wait_for_load_state()
    screenshot(page, f"menu-last-{username}")


def test_the_harness_catches_csp_violations_console_errors_and_page_errors(
    page, live_server, browser_problems
):
    """The checks above mean something only if the harness really sees these; it does, and then
    this test forgives them."""
    page.goto(live_server.url + LOGIN_PATH)
    page.evaluate(
        """() => {
        const s = document.createElement("script");
        s.textContent = "window.inlineRan = true";
        document.body.append(s);
        document.body.setAttribute("style", "color: red");
        console.error("a deliberate console error");
        setTimeout(() => { throw new Error("a deliberate page error"); }, 0);
    }"""
    )
    for _ in range(50):  # the browser posts its reports to /csp-rapport/ when it gets to it
        browser_problems.settle(page.context)
        if sum("/csp-rapport/" in v for v in browser_problems.csp) >= 2:
            break
        page.wait_for_timeout(100)

    for source in ("console:", "report to /csp-rapport/:", " in http"):  # each net catches both
        caught = [v for v in browser_problems.csp if source in v]
        assert any("script-src" in v for v in caught), (source, browser_problems.csp)
        assert any("style-src" in v for v in caught), (source, browser_problems.csp)
    assert any("deliberate console error" in e for e in browser_problems.console)
    assert any("deliberate page error" in e for e in browser_problems.page_errors)
    for found in (browser_problems.csp, browser_problems.console, browser_problems.page_errors):
        found.clear()
