"""What browser journeys share: viewports, the one login helper, screenshots and layout checks.

Journeys import from here (not from conftest): ``from tests.browser.helpers import login, PHONE``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# Viewports of the design card: a phone, a consultant's tablet, a desktop.
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 800}

LOGIN_PATH = "/konto/login/"
TWO_FACTOR_PATH = "/konto/totrin/"
_codes_used: dict[str, int] = {}


def login(page, live_server, username: str, password: str):
    """The one way browser tests log in, through the login form as a user does. A coordinator or
    superuser is then asked for a second factor: one of the demo's static backup codes (each
    works once; seed_demo restores them), so journeys never change."""
    page.goto(live_server.url + LOGIN_PATH)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: LOGIN_PATH not in url)
    if TWO_FACTOR_PATH in page.url:
        from trivsel.security.otp import demo_backup_codes

        used = _codes_used.get(username, 0)
        _codes_used[username] = used + 1
        page.get_by_label("Engangskode").fill(demo_backup_codes(username)[used % 10])
        page.get_by_role("button", name="Bekræft").click()
        page.wait_for_url(lambda url: TWO_FACTOR_PATH not in url)
    return page


def screenshot(page, name: str) -> Path:
    """A full-page screenshot under test-artifacts/screenshots/ (kept by CI, ignored by git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 means no horizontal scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
