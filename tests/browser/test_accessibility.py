"""WCAG 2.1 AA in a real browser: every list, form and detail page each demo role reaches from its
menu passes axe-core with no serious or critical violation and fits a 390 px phone; the public
pages too. Forms work with the keyboard alone. (The harness fails each test on any console error.)
"""

import re

import pytest
from django.core.management import call_command

from tests.browser.audit import page_problems
from tests.browser.helpers import LOGIN_PATH, login
from trivsel.schools.demo import DEMO_PASSWORD

ROLES = ["koordinator", "leder.valhoj", "medarbejder.valhoj", "konsulent1", "konference"]
DETAIL = re.compile(r"/\d+/$")
NEW = re.compile(r"/(ny|nyt|ansoeg|book)/$")


def _links(page, selector: str) -> list[str]:
    return [
        href
        for href in page.eval_on_selector_all(
            selector, "els => els.map(e => e.getAttribute('href'))"
        )
        if href and href.startswith("/") and not href.startswith(("/admin/", "/static/"))
    ]


def crawl(page, live_server) -> tuple[list[str], list[str]]:
    """From the menu (and the app's sub-menus): each page, the first detail page and the first
    «new» form of each list. Returns the pages visited and the problems found on them."""
    menu = _links(page, "nav[aria-label='Hovedmenu'] .navbar-nav a[href]")
    queue = ["/", *menu]
    seen: list[str] = []
    problems: list[str] = []
    while queue:
        path = queue.pop(0).split("?")[0]
        if path in seen:
            continue
        seen.append(path)
        response = page.goto(live_server.url + path)
        if not response.ok:
            problems.append(f"{path} answered {response.status}")
            continue
        problems += page_problems(page)
        if path in menu or path == "/":
            submenu = _links(page, "main nav:not([aria-label='Brødkrumme']) a[href]")
            in_main = _links(page, "main a[href]")
            details = [h for h in in_main if DETAIL.search(h)]
            forms = [h for h in in_main if NEW.search(h)]
            queue += submenu + details[:1] + forms[:1]
    return seen, problems


@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_a_role_is_accessible_and_fits_a_phone(page, live_server, username):
    call_command("seed_demo", "--quiet")
    login(page, live_server, username, DEMO_PASSWORD)

    seen, problems = crawl(page, live_server)

    assert len(seen) >= 4, seen  # the conference admin has the fewest: home, events, one event
    assert not problems, f"{len(problems)} problems on {len(seen)} pages:\n" + "\n".join(problems)


def test_the_public_pages_are_accessible_and_fit_a_phone(page, live_server):
    call_command("seed_demo", "--quiet")
    from conference.models import Event, EventKind

    slugs = Event.objects.filter(kind=EventKind.CONFERENCE).values_list("slug", flat=True)
    paths = [LOGIN_PATH, "/konto/glemt/", *[f"/tilmelding/{slug}/" for slug in slugs]]
    problems = []
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.ok, path
        problems += page_problems(page)
    assert not problems, "\n".join(problems)


def test_the_audit_sees_what_it_must_fail_on(page, live_server):
    """The checks above mean something only if axe and the overflow check really see problems."""
    page.goto(live_server.url + LOGIN_PATH)
    assert page_problems(page) == []
    page.evaluate(
        """() => {
        const input = document.createElement("input");  // no label
        const wide = document.createElement("div");
        wide.textContent = "x";
        wide.style.width = "1000px";  // CSSOM, which the CSP allows (a style attribute it does not)
        document.querySelector("main").append(input, wide);
        const img = document.createElement("img");  // no alt text
        img.src = "/static/img/favicon.svg";
        document.querySelector("main").append(img);
    }"""
    )
    problems = page_problems(page)
    assert any("label" in p for p in problems), problems
    assert any("image-alt" in p for p in problems), problems
    assert any("wider than a 390 px phone" in p for p in problems), problems
