"""The browser harness: Playwright's sync API driving Debian's Chromium against pytest-django's
``live_server`` (so every browser test has a transactional database).

A browser test FAILS on any Content-Security-Policy violation (the policy is enforced, so a
blocked script or style would otherwise only quietly break the page), any console error and any
uncaught page error. Violations are caught three ways: the console messages Chromium prints for them, a
``securitypolicyviolation`` listener injected before any page script runs, and the reports the
browser posts to ``/csp-rapport/`` (logged by the view, collected here). A test that deliberately
opens a page answering 403/404 says so with ``browser_problems.allow(r"...")``; nothing else is
ignored.

Every test in this folder is marked ``browser``. Without Chromium they fail with what to install
(no test is skipped); ``.ci/run`` installs it.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.helpers import DESKTOP, screenshot

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent

# Runs in every page before its own scripts: report-only violations do not stop the page, so
# record each one and hand it to the test at once (and keep it on window for a late read).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const v = {
    directive: e.effectiveDirective || e.violatedDirective,
    blocked: e.blockedURI,
    source: e.sourceFile,
    line: e.lineNumber,
    sample: e.sample,
    page: document.location.href,
  };
  window.__cspViolations.push(v);
  if (window.__reportCspViolation) { window.__reportCspViolation(v); }
}, true);
"""

PROBLEMS = pytest.StashKey["BrowserProblems"]()
_CONTEXT = pytest.StashKey["object"]()  # the test's BrowserContext


@pytest.hookimpl(tryfirst=True)  # before `-m browser` / `-m "not browser"` selects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class BrowserProblems:
    """Everything that makes a browser test fail, collected while it runs."""

    csp: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` in this test only (e.g. the «Failed to load
        resource … 403» Chromium logs when a journey opens a page it may not see)."""
        self.allowed.append(re.compile(pattern))

    def add_csp(self, violation) -> None:
        if isinstance(violation, dict):
            violation = (
                f"{violation.get('directive')} blocked {violation.get('blocked')!r}"
                f" in {violation.get('source') or violation.get('page')}:{violation.get('line')}"
                f" sample={violation.get('sample')!r}"
            )
        if violation not in self.csp:
            self.csp.append(violation)

    def on_console(self, msg) -> None:
        text = msg.text
        where = msg.location.get("url", "") if msg.location else ""
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.add_csp(f"console: {text} ({where})")
        elif msg.type == "error":
            if any(p.search(text) or p.search(where) for p in self.allowed):
                return
            self.console.append(f"{text} ({where})")

    def on_page_error(self, error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}\n{error.stack or ''}".strip())

    def settle(self, context) -> None:
        """Let pending events arrive and read the violations each open page kept."""
        for page in context.pages:
            if page.is_closed():
                continue
            try:
                for v in page.evaluate("(window.__cspViolations || []).splice(0)"):
                    self.add_csp(v)
            except Exception:  # noqa: S112 - a page mid-navigation has nothing to read
                continue

    def report(self) -> str:
        parts = []
        for title, items in (
            ("Content-Security-Policy violations", self.csp),
            ("console errors", self.console),
            ("page errors", self.page_errors),
        ):
            if items:
                parts.append(f"{title}:\n" + "\n".join(f"  - {i}" for i in items))
        return "\n".join(parts)


class _CspReportHandler(logging.Handler):
    """Collects what the /csp-rapport/ view logs (the live server runs in this process)."""

    def __init__(self, problems: BrowserProblems):
        super().__init__(level=logging.WARNING)
        self.problems = problems

    def emit(self, record):
        self.problems.add_csp(f"report to /csp-rapport/: {record.getMessage()}")


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all browser tests. Package-scoped, not session-scoped: Playwright's sync
    API keeps an asyncio loop running in the main thread while it lives, which would break
    ``async_to_sync`` and Django's async-safety checks in every test that runs after this folder."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(macOS: `brew install --cask chromium` and CHROMIUM=<its binary>; never "
            "`playwright install`)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # With Playwright's loop running in this thread Django would refuse ORM calls from the test
    # (seeding, asserting on the database); the live server's own thread is unaffected.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def viewport():
    """The page's viewport; override per test with ``@pytest.mark.parametrize("viewport", [PHONE])``."""
    return DESKTOP


@pytest.fixture
def context_options():
    """Extra options for the test's browser context, e.g. ``{"has_touch": True}`` for a tablet;
    override per test with ``@pytest.mark.parametrize("context_options", [...])``."""
    return {}


@pytest.fixture
def browser_problems(request):
    problems = BrowserProblems()
    request.node.stash[PROBLEMS] = problems
    handler = _CspReportHandler(problems)
    csp_logger = logging.getLogger("trivsel.csp")
    csp_logger.addHandler(handler)
    yield problems
    csp_logger.removeHandler(handler)


@pytest.fixture
def page(browser, live_server, viewport, context_options, browser_problems, request):
    """A fresh browser context per test (no cookies carried over), in Danish, in Copenhagen."""
    context = browser.new_context(
        viewport=viewport,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        base_url=live_server.url,
        **context_options,
    )
    context.set_default_timeout(10_000)
    context.expose_function("__reportCspViolation", browser_problems.add_csp)
    context.add_init_script(CSP_LISTENER)
    context.on("console", browser_problems.on_console)
    context.on("weberror", lambda web_error: browser_problems.on_page_error(web_error.error))
    request.node.stash[_CONTEXT] = context
    yield context.new_page()
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body: a failed test leaves screenshots; a passed one still fails if the
    browser saw a CSP violation, a console error or a page error."""
    context = item.stash.get(_CONTEXT, None)
    try:
        result = yield
    except BaseException:
        if context is not None:
            for i, open_page in enumerate(context.pages):
                try:
                    screenshot(open_page, f"FAILED-{item.nodeid}-{i}")
                except Exception:  # noqa: S112 - a screenshot must not hide the real failure
                    continue
        raise
    problems = item.stash.get(PROBLEMS, None)
    if context is not None and problems is not None:
        problems.settle(context)
        if found := problems.report():
            raise AssertionError(f"the browser reported problems:\n{found}")
    return result
