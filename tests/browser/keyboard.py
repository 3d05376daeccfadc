"""Keyboard-only use: move focus with Tab as a keyboard user does, and check at every stop that
the focused element shows where focus is (WCAG 2.4.7)."""

from __future__ import annotations

# The focused element's visible indicator: an outline or a focus box-shadow of its own.
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return true;
  // focus inside a native control's own parts (a date field's calendar button): the browser's UI
  if (!el.matches(":focus")) return true;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  return outline || (s.boxShadow && s.boxShadow !== "none");
}"""

DESCRIBE = """() => {
  const el = document.activeElement;
  return el ? `${el.tagName.toLowerCase()}#${el.id}[name=${el.getAttribute("name") || ""}]` : "";
}"""


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector``; fail if it never does (not
    reachable by keyboard, or not in order) or if a stop on the way has no visible focus."""
    path = []
    for _ in range(limit):
        if page.evaluate("(sel) => !!document.activeElement?.matches(sel)", selector):
            return
        page.keyboard.press("Tab")
        path.append(page.evaluate(DESCRIBE))
        assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {path[-1]}"
    raise AssertionError(f"{selector} not reached with Tab; went through {path}")
