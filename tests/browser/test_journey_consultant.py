"""A consultant on a tablet (768×1024, touch) records visits with the quick-entry form — online,
offline and with an expired session. Entries wait in the browser's outbox (IndexedDB) and reach
the server exactly once.

Going «offline»: ``context.set_offline(True)`` cuts the page's own requests, but not those of a
service worker (Playwright does not offline those), and the consultants' service worker is active on this
page. So the sync URL is also made to fail with ``page.route(...).abort()`` while offline; the
context keeps its service workers (no ``service_workers="block"``), as a real tablet does.
"""

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from playwright.sync_api import expect

from consultants.models import Activity
from tests.browser.audit import audit
from tests.browser.helpers import TABLET, login, screenshot
from trivsel.schools.demo import DEMO_PASSWORD

CONSULTANT = "konsulent1"
SYNC = "**/konsulenter/sync/"
TOUCH_TABLET = [pytest.param(TABLET, {"has_touch": True}, id="tablet-touch")]
OFFLINE_NOISE = r"ERR_INTERNET_DISCONNECTED|ERR_FAILED|status of 401"


def mine() -> list[str]:
    return list(
        Activity.objects.filter(consultant__username=CONSULTANT)
        .order_by("pk")
        .values_list("observation", flat=True)
    )


def wait_until(page, condition, what: str, timeout_ms: int = 10_000) -> None:
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {what}")


def open_quick_form(page) -> None:
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("button", name="Vis menu").tap()
    page.get_by_role("link", name="Konsulenter", exact=True).tap()
    page.get_by_role("navigation", name="Konsulenternes sider").get_by_role(
        "link", name="Ny registrering"
    ).tap()
    page.get_by_role("heading", name="Ny registrering").wait_for()
    # the service worker is the reason for the route-abort below: make sure it is really there
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")


def record(page, text: str) -> None:
    page.get_by_label("Skole", exact=True).select_option(label="Valhøj Skole")
    page.locator("label.chip", has_text="Observation").tap()
    page.locator("label.chip", has_text="søvn").tap()
    page.get_by_label("Klokken").fill("09:00")
    page.get_by_label("Hvad blev set").fill(text)
    page.get_by_role("button", name="Gem aktivitet").tap()
    page.get_by_text("Gemt på enheden").or_(page.get_by_text("Aktiviteten er gemt.")).wait_for()


def go_offline(page) -> None:
    page.context.set_offline(True)
    page.route(SYNC, lambda route: route.abort("internetdisconnected"))


def go_online(page) -> None:
    page.unroute(SYNC)
    page.context.set_offline(False)


def waiting_badge(page):
    return page.locator("#outbox-count")


@pytest.mark.parametrize("viewport, context_options", TOUCH_TABLET)
def test_a_consultant_records_online_then_offline_and_each_entry_reaches_the_server_once(
    page, live_server, viewport, context_options, browser_problems
):
    browser_problems.allow(OFFLINE_NOISE)  # Chromium logs each refused request while offline
    call_command("seed_demo", "--quiet")
    before = mine()
    login(page, live_server, CONSULTANT, DEMO_PASSWORD)
    open_quick_form(page)
    audit(page)

    record(page, "Rolig klasse efter pausen.")
    wait_until(page, lambda: len(mine()) == len(before) + 1, "the online entry")
    # the row is committed before the answer reaches the page: wait for the message (auto-wait)
    expect(page.get_by_text("Aktiviteten er gemt.")).to_be_visible()
    assert waiting_badge(page).is_hidden()

    go_offline(page)
    expect(page.get_by_text("Offline — gemmes på enheden")).to_be_visible()
    record(page, "Offline: uro i 7.A.")
    record(page, "Offline: gode makkerpar.")
    expect(waiting_badge(page)).to_have_text("2 venter")
    page.wait_for_timeout(500)  # give a (wrong) send every chance to happen
    assert len(mine()) == len(before) + 1, "nothing reaches the server while offline"
    screenshot(page, "journey-consultant-offline-768")
    audit(page)

    sync_posts = []
    page.on("request", lambda r: sync_posts.append(r) if r.url.endswith("/sync/") else None)
    go_online(page)
    wait_until(page, lambda: len(mine()) == len(before) + 3, "the two waiting entries")
    waiting_badge(page).wait_for(state="hidden")
    assert mine()[len(before) :] == [
        "Rolig klasse efter pausen.",
        "Offline: uro i 7.A.",
        "Offline: gode makkerpar.",
    ]
    assert len(sync_posts) == 2

    sync_posts.clear()
    page.reload()
    page.get_by_role("heading", name="Ny registrering").wait_for()
    page.wait_for_timeout(1000)
    assert len(mine()) == len(before) + 3, "a reload resends nothing"
    assert sync_posts == []
    assert waiting_badge(page).is_hidden()
    new = Activity.objects.filter(consultant__username=CONSULTANT).order_by("-pk")[:3]
    assert {a.school.name for a in new} == {"Valhøj Skole"}
    assert len({a.client_uuid for a in new}) == 3


@pytest.mark.parametrize("viewport, context_options", TOUCH_TABLET)
def test_entries_wait_through_an_expired_session_and_are_sent_once_after_logging_in_again(
    page, live_server, viewport, context_options, browser_problems
):
    browser_problems.allow(OFFLINE_NOISE)  # the sync answers 401 while logged out
    call_command("seed_demo", "--quiet")
    before = mine()
    login(page, live_server, CONSULTANT, DEMO_PASSWORD)
    open_quick_form(page)

    Session.objects.all().delete()  # the session expires on the server
    record(page, "Efter udløb: samtale med klasseteamet.")
    record(page, "Efter udløb: elevrådet.")

    expect(
        page.get_by_role("alert").filter(has_text="Du er ikke logget ind længere")
    ).to_be_visible()
    expect(waiting_badge(page)).to_have_text("2 venter")
    assert len(mine()) == len(before)
    screenshot(page, "journey-consultant-session-expired-768")
    audit(page)

    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Log ind igen").tap()  # opens a new tab
    login_page = popup.value
    login(login_page, live_server, CONSULTANT, DEMO_PASSWORD)
    # the link's ?next= brings the consultant back to the form, whose outbox is the same
    login_page.goto(live_server.url + "/konsulenter/ny/")
    wait_until(page, lambda: len(mine()) == len(before) + 2, "the entries after logging in")
    expect(login_page.locator("#outbox-count")).to_be_hidden()
    login_page.close()

    # back on the first tab (headless Chromium sends no focus event of its own when switching)
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(waiting_badge(page)).to_be_hidden()
    expect(page.get_by_role("alert").filter(has_text="Du er ikke logget ind")).to_be_hidden()
    page.reload()
    page.get_by_role("heading", name="Ny registrering").wait_for()
    page.wait_for_timeout(1000)
    assert mine()[len(before) :] == [
        "Efter udløb: samtale med klasseteamet.",
        "Efter udløb: elevrådet.",
    ], "each entry once, though two tabs had it"
