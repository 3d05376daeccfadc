"""Bulk writes to school years and classes send no signals; the services that make them bump
every cached family (``caching.bump_all_on_commit``) — the trials pages watch both models."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from tests.factories import SchoolYearFactory
from tests.schools.test_class_import import GOOD_CSV, csv_file
from trivsel.schools import caching
from trivsel.schools.services.school_years import school_year_make_current


def _versions() -> dict[str, str]:
    return {name: family.version() for name, family in caching.FAMILIES.items()}


def test_making_a_school_year_current_bumps_every_cached_family(
    db, school_year, django_capture_on_commit_callbacks
):
    assert "trials" in caching.FAMILIES
    next_year = SchoolYearFactory(
        name="2031/32", start=date(2031, 8, 1), end=date(2032, 7, 31), is_current=False
    )
    before = _versions()
    with django_capture_on_commit_callbacks(execute=True):
        school_year_make_current(school_year=next_year)
    after = _versions()
    assert all(after[name] != before[name] for name in before), (before, after)


def test_a_class_import_bumps_every_cached_family(
    client_for, coordinator, school_a, school_b, school_year, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    before = _versions()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("schools:class_import"),
            {"school_year": school_year.pk, "file": csv_file(GOOD_CSV)},
        )
    after = _versions()
    assert all(after[name] != before[name] for name in before), (before, after)
