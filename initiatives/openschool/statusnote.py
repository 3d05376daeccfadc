"""The status note's Åben Skole section: money by school and partner (allocated, reported,
remaining) for the programmes of the period, and what is decided for the next school year.

``section(period, as_of)`` returns JSON-able facts; its query count does not grow with the data
(one query for the programmes, two per programme — at most two programmes touch a half-year —
and one for the next year's programme).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trivsel.schools import sections

from .models import Programme
from .selectors import money_overview

TITLE = "Åben Skole-midler"


def _kr(value: Decimal) -> float:
    return float(value)


def _rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "name": str(r["name"]),
            "applications": r["applications"],
            "allocated": _kr(r["approved"]),
            "reported": _kr(r["reported"]),
            "remaining": _kr(r["remaining"]),
        }
        for r in rows
    ]


@sections.register(
    key="openschool", title=gettext_lazy("Åben Skole-midler"), order=30, query_budget=6
)
def section(period, as_of: date) -> dict:
    programmes = Programme.objects.select_related("school_year").filter(
        school_year__start__lte=period.end, school_year__end__gte=period.start
    )
    years = []
    for programme in programmes:
        o = money_overview(programme)
        years.append(
            {
                "school_year": programme.school_year.name,
                "budget": _kr(o["budget"]),
                "allocated": _kr(o["approved"]),
                "reported": _kr(o["reported"]),
                "remaining": _kr(o["remaining"]),
                "by_school": _rows(o["by_school"]),
                "by_partner": _rows(o["by_partner"]),
                "decided": programme.decided_notes,
                "next_year": programme.next_year_notes,
            }
        )
    upcoming = (
        Programme.objects.select_related("school_year")
        .filter(school_year__start__gt=as_of)
        .order_by("school_year__start")
        .first()
    )
    return {
        "title": TITLE,
        "programmes": years,
        "planned": {
            "school_year": upcoming.school_year.name,
            "budget": _kr(upcoming.budget),
            "decided": upcoming.decided_notes,
        }
        if upcoming
        else None,
        "empty": not years and upcoming is None,
        "empty_text": _("Ingen Åben Skole-programmer i perioden."),
    }
