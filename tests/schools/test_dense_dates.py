"""The portal's date filter (a template builtin) writes what Django's date filter writes."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Engine, Template
from django.utils import translation

FORMATS = ["d.m.Y", "d.m.Y H:i", "d.m.", "j. F Y", "j. F Y H:i", "l d.m.", "W", "Y-m-d", "", None]
VALUES = [
    datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC),  # 2 March in Copenhagen
    datetime.datetime(2026, 11, 26, 9, 5, tzinfo=ZoneInfo("Europe/Copenhagen")),
    datetime.datetime(2026, 1, 2, 3, 4),  # naive
    datetime.datetime(987, 6, 5, 4, 3, tzinfo=datetime.UTC),  # a year of three digits
    datetime.date(2026, 12, 24),
    datetime.date(5, 1, 9),
    datetime.time(8, 15),
    None,
    "",
    "2026-01-01",
]


def _render(engine: Engine, value, fmt) -> str:
    source = "{{ value|date }}" if fmt is None else "{{ value|date:fmt }}"
    try:
        return engine.from_string(source).render(Context({"value": value, "fmt": fmt}))
    except TypeError as error:  # Django refuses a time format for a date: so must we
        return f"TypeError: {error}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_portal_date_filter_is_djangos(language):
    portal = Engine.get_default()
    django = Engine(
        dirs=portal.dirs, app_dirs=portal.app_dirs, libraries=portal.libraries, builtins=[]
    )
    with translation.override(language):
        for fmt in FORMATS:
            for value in VALUES:
                assert _render(portal, value, fmt) == _render(django, value, fmt), (value, fmt)


def test_templates_use_it():
    from trivsel.schools.templatetags import dense_dates

    assert Template("")  # the default engine
    filters = Engine.get_default().template_builtins[-1].filters
    assert filters["date"] is dense_dates.date
