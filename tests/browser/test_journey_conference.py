"""The conference in a real browser, on a phone (390×844): a member of the public signs up, reads
the privacy notice, gets the confirmation page and the e-mail with the private manage link, changes
days through it; at the door a conference admin opens the QR code's link and checks them in. And
the sign-up form works with the keyboard alone.

Time is pinned with time-machine (in this process, so the live server's threads see it too): the
sign-up window of the demo conference is open on the demo date, and check-in happens on its first
day. The e-mail is in Django's locmem outbox, which the live server's threads share with the test.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import segno
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from conference import qr
from conference.models import BookingStatus, Event, Registration
from conference.qr import checkin_url
from tests.browser.audit import audit
from tests.browser.helpers import PHONE, login, screenshot
from tests.browser.keyboard import tab_to
from trivsel.schools.demo import DEMO_PASSWORD

CPH = ZoneInfo("Europe/Copenhagen")
DEMO_DAY = datetime(2024, 1, 15, 10, 0, tzinfo=CPH)
FIRST_CONFERENCE_DAY = datetime(2024, 3, 5, 8, 45, tzinfo=CPH)
SLUG = "du-og-jeg-2024"
RATE_LIMIT_KEY = "ratelimit:conference-signup:127.0.0.1"


@pytest.fixture
def demo_conference():
    """The demo, on the demo date, with a fresh sign-up rate limit for the live server's address."""
    call_command("seed_demo", "--quiet")
    cache.delete(RATE_LIMIT_KEY)
    with time_machine.travel(DEMO_DAY, tick=True) as traveller:
        yield traveller
    cache.delete(RATE_LIMIT_KEY)


def day_label(day) -> str:
    return f"{day.date:%d.%m.%Y}, kl. {day.start:%H:%M}–{day.end:%H:%M}"


def active_days(registration) -> list:
    return sorted(
        b.day.date
        for b in registration.bookings.select_related("day")
        if b.status != BookingStatus.CANCELLED
    )


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_the_public_signs_up_on_a_phone_changes_days_by_the_link_and_is_checked_in_at_the_door(
    page, live_server, viewport, demo_conference, mailoutbox
):
    event = Event.objects.get(slug=SLUG)
    day1, day2, day3 = event.days.order_by("date")

    page.goto(f"{live_server.url}/tilmelding/{SLUG}/")
    assert page.get_by_role("heading", name="Sådan behandler vi dine oplysninger").is_visible()
    audit(page)
    page.get_by_label("Navn").fill("Sofie Dam")
    page.get_by_label("E-mail").fill("sofie.dam@example.org")
    page.get_by_label("Organisation").select_option(index=1)
    page.get_by_label("Stilling").fill("Pædagog")
    page.get_by_label(day_label(day1)).check()
    page.get_by_label(day_label(day2)).check()
    page.get_by_label("Kost").fill("Vegetar")
    screenshot(page, "journey-public-signup-390")
    page.get_by_role("button", name="Tilmeld").click()

    expect(page.get_by_text("Tak for din tilmelding.")).to_be_visible()
    registration = Registration.objects.get(email="sofie.dam@example.org")
    assert active_days(registration) == [day1.date, day2.date]
    assert page.url.endswith(f"/tilmelding/min/{registration.token}/")
    audit(page)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sofie.dam@example.org"]
    manage_path = re.search(r"https?://\S+?(/tilmelding/min/[^/\s]+/)", mail.body).group(1)
    assert manage_path == f"/tilmelding/min/{registration.token}/"
    assert any(name.endswith(".png") for name, *_ in mail.attachments)  # the QR code

    page.context.clear_cookies()  # later, from the e-mail: a fresh visit by the link alone
    page.goto(live_server.url + manage_path)
    page.get_by_label(day_label(day2)).uncheck()
    page.get_by_label(day_label(day3)).check()
    page.get_by_role("button", name="Gem dage").click()
    expect(page.get_by_text("Dine dage er ændret.")).to_be_visible()
    assert active_days(registration) == [day1.date, day3.date]
    audit(page)

    # the page's QR code is the code of the check-in URL (segno draws the same code for it, with
    # the portal's fixed mask: conference/qr.py)
    url = checkin_url(registration)
    drawn = page.locator("svg.conference-qr path").first.get_attribute("d")
    assert drawn in segno.make(url, error="m", mask=qr.MASK).svg_inline(scale=4)
    path = re.sub(r"^https?://[^/]+", "", url)

    demo_conference.move_to(FIRST_CONFERENCE_DAY)
    page.context.clear_cookies()
    login(page, live_server, "konference", DEMO_PASSWORD)
    page.goto(live_server.url + path)  # the admin's phone opens the QR code's link
    expect(page.get_by_role("heading", name="Sofie Dam")).to_be_visible()
    today = page.get_by_role("listitem").filter(has=page.locator(".badge", has_text="i dag"))
    audit(page)
    today.get_by_role("button", name="Tjek ind").click()

    expect(page.get_by_text("Sofie Dam er tjekket ind")).to_be_visible()
    booking = registration.bookings.get(day=day1)
    assert booking.checked_in_at is not None
    assert registration.bookings.get(day=day3).checked_in_at is None
    screenshot(page, "journey-conference-checkin-390")
    audit(page)


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_the_public_sign_up_form_works_with_the_keyboard_alone(
    page, live_server, viewport, demo_conference
):
    event = Event.objects.get(slug=SLUG)
    first_day = event.days.order_by("date").first()
    page.goto(f"{live_server.url}/tilmelding/{SLUG}/")
    organisation = page.locator("#id_organisation option").nth(1).inner_text()

    tab_to(page, "#id_name")
    page.keyboard.type("Jonas Berg")
    tab_to(page, "#id_email")
    page.keyboard.type("jonas.berg@example.org")
    tab_to(page, "#id_organisation")
    page.keyboard.type(organisation[:6], delay=30)  # type-ahead in the closed select
    assert page.locator("#id_organisation option:checked").inner_text() == organisation
    tab_to(page, f"input[name=days][value='{first_day.pk}']")
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Tak for din tilmelding.")).to_be_visible()
    registration = Registration.objects.get(email="jonas.berg@example.org")
    assert registration.organisation.name == organisation
    assert active_days(registration) == [first_day.date]
