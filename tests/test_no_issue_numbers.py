"""Code, templates and tests say what and why, not which ticket asked for it: a reader of the code
has no tracker at hand, and a number tells them nothing."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = ("trivsel", "conference", "consultants", "initiatives", "templates", "static", "tests")
SUFFIXES = {".py", ".html", ".js", ".css", ".txt"}
SKIPPED = ("migrations", "vendor", "__pycache__")
ISSUE_NUMBER = re.compile(r"[Ii]ssue ?#?\d+|\(#\d+\)")


def issue_numbers(text: str) -> list[str]:
    return ISSUE_NUMBER.findall(text)


def test_no_issue_number_in_code_templates_or_tests():
    found = []
    for folder in SEARCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in SUFFIXES or set(path.parts) & set(SKIPPED):
                continue
            if path == Path(__file__).resolve():  # its examples below are what it looks for
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if issue_numbers(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "issue numbers (say what and why instead):\n" + "\n".join(found)


def test_the_pattern_finds_the_usual_spellings():
    for text in ("(issue 11)", "Issue #10", "issue12", "fixed (#42)"):
        assert issue_numbers(text), text
    for text in ("CONVENTIONS #8", "«Aktivitet #12»", "the token issued to a client", "#1f2937"):
        assert not issue_numbers(text), text
