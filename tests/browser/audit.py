"""What every page a browser test visits must pass: axe-core finds no serious or critical
accessibility violation (WCAG 2.1 A/AA and axe's best practices), and the page fits a 390 px phone
without horizontal scrolling.

axe-core comes from the PyPI package axe-playwright-python, which ships ``axe.min.js`` (no
network). It is injected through Playwright's ``evaluate`` (the DevTools protocol), so the strict
Content-Security-Policy of the page does not see it.
"""

from __future__ import annotations

from functools import cache

from tests.browser.helpers import PHONE, horizontal_overflow

BLOCKING = ("serious", "critical")
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    # everything axe knows for WCAG 2.0/2.1 A and AA, plus its best practices (landmarks, headings)
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page, impacts=BLOCKING) -> list[str]:
    """axe's violations of the given impacts on the page as it is now, one readable line each."""
    response = _axe().run(page, options=AXE_OPTIONS).response
    found = []
    for violation in response["violations"]:
        if violation["impact"] not in impacts:
            continue
        for node in violation["nodes"][:5]:
            found.append(
                f"{page.url}: [{violation['impact']}] {violation['id']}: {violation['help']}"
                f" — {' '.join(map(str, node['target']))}: {node['html'][:160]}"
            )
    return found


def phone_overflow(page) -> int:
    """Horizontal overflow in pixels at 390 px: measured at once on a phone-sized page; otherwise
    the viewport is narrowed for the measurement and restored."""
    size = page.viewport_size
    if size and size["width"] <= PHONE["width"]:
        return horizontal_overflow(page)
    page.set_viewport_size(PHONE)
    try:
        return horizontal_overflow(page)
    finally:
        page.set_viewport_size(size)


def page_problems(page) -> list[str]:
    """Everything wrong with the current page: axe's serious/critical findings and overflow."""
    problems = axe_violations(page)
    overflow = phone_overflow(page)
    if overflow > 0:
        problems.append(f"{page.url}: {overflow} px wider than a 390 px phone")
    return problems


def audit(page) -> None:
    """Fail at once if the current page is inaccessible or does not fit a phone."""
    problems = page_problems(page)
    assert not problems, "\n".join(problems)
