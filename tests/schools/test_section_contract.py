"""The contract every status-note section keeps (ARCHITECTURE.md, «the section protocol»).

Parametrised over ``sections.all()``, so a section an app registers later is checked here without
anyone writing a test for it: JSON-able facts on an empty database and on the demo, within its
declared query budget, and the same number of queries at 1× and 2× demo scale.
"""

import json
from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trivsel.schools import sections
from trivsel.schools.models import Period

SECTIONS = sections.all()
DEMO_PERIODS = ("Forår 2023", "Efterår 2023", "Forår 2024")


def run(section, period, as_of):
    with CaptureQueriesContext(connection) as queries:
        facts = section(period, as_of)
    return facts, len(queries)


def assert_json_facts(section, facts):
    assert isinstance(facts, dict), f"{section.key}: a section returns a dict"
    text = json.dumps(facts)  # no lazy strings, dates, Decimals, model instances …
    # a final note freezes the dict: what it renders from must survive the round trip unchanged
    assert json.loads(text) == facts, f"{section.key}: use lists, str keys and ISO date strings"


def test_sections_are_discovered_at_start_up_in_order():
    keys = [s.key for s in SECTIONS]
    assert "schools" in keys
    assert keys == [s.key for s in sorted(SECTIONS, key=lambda s: (s.order, s.key))]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_a_section_has_facts_for_an_empty_database(db, section):
    period = Period.objects.create(name="Forår 2023", start=date(2023, 1, 1), end=date(2023, 6, 30))
    facts, count = run(section, period, settings.DEMO_DATE)
    assert_json_facts(section, facts)
    assert count <= section.query_budget, f"{section.key}: {count} queries"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_a_section_keeps_its_query_budget_on_the_demo_at_any_scale(db, section):
    call_command("seed_demo", "--quiet")
    periods = {p.name: p for p in Period.objects.filter(name__in=DEMO_PERIODS)}
    at_1x = {}
    for name in DEMO_PERIODS:
        facts, at_1x[name] = run(section, periods[name], settings.DEMO_DATE)
        assert_json_facts(section, facts)
        assert at_1x[name] <= section.query_budget, f"{section.key}, {name}: {at_1x[name]}"

    call_command("seed_demo", "--quiet", "--scale", "2")
    at_2x = {name: run(section, periods[name], settings.DEMO_DATE)[1] for name in DEMO_PERIODS}
    assert at_2x == at_1x, f"{section.key}: the query count grows with the data"


def test_collect_gives_every_section_in_order(db):
    period = Period.objects.create(
        name="Efterår 2023", start=date(2023, 7, 1), end=date(2023, 12, 31)
    )
    facts = sections.collect(period, settings.DEMO_DATE)
    assert list(facts) == [s.key for s in SECTIONS]


def test_the_schools_section_tells_the_period_s_school_year(db):
    call_command("seed_demo", "--quiet")
    spring = Period.objects.get(name="Forår 2023")
    facts = sections.get("schools")(spring, date(2023, 6, 1))
    assert facts["school_year"] == "2022/23"
    assert facts["schools"] == 6
    assert facts["classes"] == sum(band["classes"] for band in facts["bands"]) > 0
    assert facts["pupils"] == sum(band["pupils"] for band in facts["bands"]) > 0
    assert [band["band"] for band in facts["bands"]] == ["indskoling", "mellemtrin", "udskoling"]
    assert facts["next_school_year"] == {"name": "2023/24", "start": "2023-08-01"}
    autumn = sections.get("schools")(Period.objects.get(name="Efterår 2023"), settings.DEMO_DATE)
    assert autumn["school_year"] == "2023/24"
    assert autumn["next_school_year"] is None


def test_a_key_cannot_be_taken_twice():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):

        @sections.register(key="schools", title="Dublet", query_budget=1)
        def other(period, as_of):
            return {}

    assert sections.get("schools").func.__module__ == "trivsel.schools.statusnote"


def test_since_reaches_only_the_sections_that_count_from_it():
    seen = []
    plain = sections.Section("a", "A", 1, 1, lambda period, as_of: seen.append("plain") or {})
    counting = sections.Section(
        "b",
        "B",
        2,
        1,
        lambda period, as_of, since=None: seen.append(since) or {},
        counts_since=True,
    )
    plain(None, date(2023, 12, 31), date(2023, 4, 15))
    counting(None, date(2023, 12, 31), date(2023, 4, 15))
    counting(None, date(2023, 12, 31))
    assert seen == ["plain", date(2023, 4, 15), None]
    assert sections.get("consultants").counts_since
