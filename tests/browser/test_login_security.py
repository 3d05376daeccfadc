"""Two-factor login and lock-out in a real browser: a coordinator who logs in with a password is
asked for a second factor, enters a backup code and reaches the home page; wrong passwords
repeated lock the login with the Danish lock-out page. No demo seed: fast."""

import pytest
from django.test import override_settings

from tests.browser.helpers import DESKTOP, LOGIN_PATH, TWO_FACTOR_PATH, screenshot
from tests.conftest import make_actor
from trivsel.schools.models import Role
from trivsel.security import otp

PASSWORD = "en-lang-adgangskode-42"
CODE = "a1b2c3d4"


def _coordinator():
    user = make_actor("koordinator", role=Role.COORDINATOR, first_name="Karen")
    user.set_password(PASSWORD)
    user.save()
    otp.backup_codes_set(user=user, codes=[CODE, "e5f6a7b8"])
    return user


def _submit_login(page, live_server, username, password):
    page.goto(live_server.url + LOGIN_PATH)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_a_coordinator_enters_a_backup_code_after_the_password_and_reaches_home(
    page, live_server, viewport
):
    _coordinator()
    _submit_login(page, live_server, "koordinator", PASSWORD)

    page.wait_for_url(lambda url: TWO_FACTOR_PATH in url)
    assert page.get_by_role("heading", name="Totrinsbekræftelse").is_visible()
    page.get_by_label("Engangskode").fill(CODE)
    page.get_by_role("button", name="Bekræft").click()

    page.wait_for_url(lambda url: TWO_FACTOR_PATH not in url and LOGIN_PATH not in url)
    assert page.url.rstrip("/") == live_server.url
    # logged in: the user menu carries the coordinator's name and the (folded) log-out button
    assert page.get_by_role("button", name="Karen").first.is_visible()
    assert page.get_by_role("button", name="Log ud", include_hidden=True).count() == 1
    screenshot(page, "2fa-backup-code-home")


@override_settings(AXES_FAILURE_LIMIT=3)
@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_repeated_wrong_passwords_show_the_danish_lock_out_page(
    page, live_server, viewport, browser_problems
):
    browser_problems.allow(r"status of 429")  # the lock-out page answers 429 Too Many Requests
    _coordinator()
    for _ in range(2):
        _submit_login(page, live_server, "koordinator", "forkert")
        assert page.get_by_role("heading", name="Log ind i Trivselsportalen").is_visible()
    _submit_login(page, live_server, "koordinator", "forkert")
    assert page.get_by_role("heading", name="For mange forkerte forsøg").is_visible()
    assert page.get_by_text("Din bruger er midlertidigt låst").is_visible()

    # even the right password is refused while the lock lasts
    _submit_login(page, live_server, "koordinator", PASSWORD)
    assert page.get_by_role("heading", name="For mange forkerte forsøg").is_visible()
    assert TWO_FACTOR_PATH not in page.url
    screenshot(page, "lock-out")
