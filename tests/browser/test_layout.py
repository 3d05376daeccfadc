"""Each role's home page and main form at phone (390), tablet (768) and desktop (1280) width:
a full-page screenshot of each in test-artifacts/screenshots/ (CI keeps the folder), no
horizontal scrolling at any of the widths (document width equals viewport width), and axe finds
nothing serious at any of them (the phone's collapsed menu is another page to a screen reader)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from conference.models import Event
from tests.browser.audit import axe_violations
from tests.browser.helpers import DESKTOP, PHONE, TABLET, horizontal_overflow, login, screenshot
from trivsel.schools.demo import DEMO_PASSWORD

WIDTHS = [PHONE, TABLET, DESKTOP]
# (who, their main form); the home page is "/" for everybody
ROLES = [
    ("koordinator", "/statusnotat/nyt/"),
    ("leder.valhoj", "/provehandlinger/ny/"),
    ("medarbejder.valhoj", "/konference/{conference}/elever/"),  # signs a class's pupils up
    ("konsulent1", "/konsulenter/ny/"),
    ("konference", "/konference/nyt/"),
    ("offentlig", "/tilmelding/du-og-jeg-2024/"),  # the public: the sign-up form, no login
]


def check_at_every_width(page, live_server, name: str, path: str) -> list[str]:
    problems = []
    response = page.goto(live_server.url + path)
    assert response.ok, f"{path} answered {response.status}"
    for size in WIDTHS:
        page.set_viewport_size(size)
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{path} at {size['width']} px: {overflow} px too wide")
        problems += [f"at {size['width']} px: {v}" for v in axe_violations(page)]
        screenshot(page, f"{name}-{size['width']}")
    return problems


@pytest.mark.parametrize("username, form", ROLES, ids=[r[0] for r in ROLES])
def test_each_roles_home_and_main_form_fit_phone_tablet_and_desktop(
    page, live_server, username, form
):
    call_command("seed_demo", "--quiet")
    form = form.format(conference=Event.objects.get(slug="du-og-jeg-2024").pk)
    with time_machine.travel(datetime(2024, 1, 15, 10, tzinfo=ZoneInfo("Europe/Copenhagen"))):
        if username != "offentlig":
            login(page, live_server, username, DEMO_PASSWORD)
        problems = check_at_every_width(page, live_server, f"{username}-home", "/")
        problems += check_at_every_width(page, live_server, f"{username}-form", form)
    assert not problems, "\n".join(problems)
