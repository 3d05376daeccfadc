"""Dates in one Danish style: «15. januar 2024» (long) or «15.01.2024» (dense tables), never
English-style «15. Jan 2024», unpadded «15.1.2024» or ISO «2024-01-15» in the UI."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import translation

from trivsel.security.history import _short

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "consultants", ROOT / "trivsel", ROOT / "initiatives"]
DATE_FILTER = re.compile(r"""\|date:(["'])(?P<fmt>[^"']*)\1""")
ALLOWED = {
    "j. F Y",
    "j. F Y H:i",
    "l j. F Y",
    "l j. F Y H:i",
    "j. F",  # long
    "d.m.Y",
    "d.m.Y H:i",
    "d.m.",
    "l d.m.",  # dense
    "W",  # week number
}


def templates():
    for base in TEMPLATE_DIRS:
        for path in base.rglob("*.html"):
            if "conference" not in path.parts:  # conference/ has its own owner
                yield path


def test_templates_format_dates_the_danish_way():
    wrong = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for match in DATE_FILTER.finditer(text):
            fmt = match["fmt"]
            before = text[max(0, match.start() - 80) : match.start()]
            if fmt == "Y-m-d" and ("value=" in before or "dato=" in before):
                continue  # a date input's value or a query string, not text for people
            if fmt not in ALLOWED:
                wrong.append(f"{path.relative_to(ROOT)}: {fmt}")
    assert not wrong, wrong


def test_the_change_log_shows_changed_dates_the_danish_way():
    with translation.override("da"):
        assert _short(date(2024, 1, 5)) == "05.01.2024"
        moment = datetime(2024, 1, 15, 8, 30, tzinfo=ZoneInfo("UTC"))
        assert _short(moment) == "15.01.2024 09:30"
        assert _short("Valhøj") == "Valhøj"
