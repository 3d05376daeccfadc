"""The portal's clock: Danish «today», and tests that pin it."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings

from trivsel.schools import clock

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ("trivsel", "initiatives", "consultants", "conference")


def test_at_demo_date_pins_the_clock_to_the_demo_date(at_demo_date):
    assert clock.today() == settings.DEMO_DATE == date.today()  # noqa: DTZ011
    assert clock.now() == at_demo_date
    assert clock.now().tzinfo.key == "Europe/Copenhagen"
    assert clock.demo_date() == settings.DEMO_DATE


def test_the_pinned_clock_stands_still(at_demo_date):
    first = clock.now()
    sum(range(10_000))
    assert clock.now() == first


def test_today_is_the_danish_date_when_it_is_still_yesterday_in_utc(frozen_at):
    frozen_at(datetime(2024, 1, 15, 23, 30, tzinfo=UTC))
    assert clock.today() == date(2024, 1, 16)
    assert clock.now().hour == 0


def test_no_app_code_reads_the_calendar_except_through_the_clock():
    offenders = []
    pattern = re.compile(r"\b(date\.today\(\)|datetime\.(now|today|utcnow)\(|localdate\()")
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "clock.py" or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use trivsel.schools.clock.today()/now():\n" + "\n".join(offenders)


def test_the_demo_clock_stands_on_the_demo_date_at_the_real_time_of_day(settings, frozen_at):
    frozen_at(datetime(2026, 11, 26, 14, 30, tzinfo=UTC))
    settings.DEMO_DATE = date(2024, 1, 15)
    settings.DEMO_CLOCK = True
    assert clock.today() == date(2024, 1, 15)
    assert (clock.now().hour, clock.now().minute) == (15, 30)  # 14:30 UTC is 15:30 in Copenhagen
    settings.DEMO_CLOCK = False
    assert clock.today() == date(2026, 11, 26)
