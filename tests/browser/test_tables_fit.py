"""Lists and detail pages with tables fit a phone (390 px) and a tablet (768 px): no horizontal
scrolling of the page, and the row actions stay on screen (QA found users, a grief group and the
consultant's activity list wider than the screen)."""

import pytest
from django.core.management import call_command

from tests.browser.helpers import PHONE, TABLET, horizontal_overflow, login, screenshot
from trivsel.schools.demo import DEMO_PASSWORD

PAGES = {
    "koordinator": [
        "/brugere/",
        "/medarbejdere/",
        "/skoleaar/",
        "/sorggrupper/",
        "/provehandlinger/",
    ],
    "konsulent1": ["/konsulenter/", "/konsulenter/opfoelgning/"],
    "leder.valhoj": ["/sorggrupper/", "/headspace/", "/aaben-skole/"],
}


@pytest.mark.parametrize("username", list(PAGES))
def test_tables_fit_a_phone_and_a_tablet(page, live_server, username):
    call_command("seed_demo", "--quiet")
    login(page, live_server, username, DEMO_PASSWORD)
    paths = list(PAGES[username])
    if username == "leder.valhoj":  # a grief group's own page (meetings and evaluations)
        page.goto(live_server.url + "/sorggrupper/")
        href = page.locator("main table a[href^='/sorggrupper/']").first.get_attribute("href")
        paths.append(href)
    for viewport in (PHONE, TABLET):
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(live_server.url + path)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                screenshot(page, f"overflow-{username}-{viewport['width']}-{path}")
            assert overflow <= 0, f"{path} is {overflow} px too wide at {viewport['width']} px"


@pytest.mark.parametrize("viewport", [TABLET], ids=["tablet"])
def test_the_consultants_edit_buttons_are_on_screen_on_a_tablet(page, live_server, viewport):
    call_command("seed_demo", "--quiet")
    login(page, live_server, "konsulent1", DEMO_PASSWORD)
    page.goto(live_server.url + "/konsulenter/")

    edit = page.get_by_role("link", name="Redigér").first
    box = edit.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= viewport["width"]
