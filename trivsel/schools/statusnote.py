"""The shared model's contribution to the status note: the school year the period ends in —
how many schools, classes and pupils, per grade band — for the note's introduction."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from . import asof, sections
from .models import GRADES_IN_BAND, GradeBand, SchoolClass, SchoolYear


def school_year_of(period, as_of: date) -> SchoolYear | None:
    """The school year the period ends in (Forår 2023 -> 2022/23, Efterår 2023 -> 2023/24), among
    those set up by ``as_of``."""
    if period is None:
        return None
    years = asof.known(SchoolYear.objects.filter(start__lte=period.end), as_of)
    return years.order_by("-start").first()


@sections.register(key="schools", title=_("Skoler og klasser"), order=0, query_budget=3)
def section(period, as_of: date) -> dict:
    # query 1: the period's school year
    year = school_year_of(period, as_of)
    facts: dict = {
        "school_year": year.name if year else None,
        "school_year_start": year.start.isoformat() if year else None,
        "school_year_end": year.end.isoformat() if year else None,
        "schools": 0,
        "classes": 0,
        "pupils": 0,
        "bands": [],
        "next_school_year": None,
    }
    if year is not None:
        band_filters = {band: Q(grade__in=list(grades)) for band, grades in GRADES_IN_BAND.items()}
        aggregates = {"schools": Count("school", distinct=True), "classes": Count("pk")}
        aggregates["pupils"] = Sum("pupil_count")
        for band, condition in band_filters.items():
            aggregates[f"{band}_classes"] = Count("pk", filter=condition)
            aggregates[f"{band}_pupils"] = Sum("pupil_count", filter=condition)
        # query 2: all counts of the year in one aggregate
        counts = SchoolClass.objects.filter(school_year=year).aggregate(**aggregates)
        facts.update(
            schools=counts["schools"],
            classes=counts["classes"],
            pupils=counts["pupils"] or 0,
            bands=[
                {
                    "band": str(band.value),
                    "label": str(band.label),
                    "classes": counts[f"{band}_classes"],
                    "pupils": counts[f"{band}_pupils"] or 0,
                }
                for band in GradeBand
            ],
        )
    # query 3: what is planned — the next school year, if it was set up by as_of
    upcoming = (
        asof.known(SchoolYear.objects.filter(start__gt=as_of), as_of).order_by("start").first()
    )
    if upcoming is not None:
        facts["next_school_year"] = {"name": upcoming.name, "start": upcoming.start.isoformat()}
    return facts
