"""The status note's Headspace section: talks booked and held in the period, coverage of the
target grade («N af M klasser»), the teachers' feedback, and the plan for the coming school year.

``section(period, as_of)`` returns JSON-able facts with a fixed query count (the talks'
aggregate, and per school year touching the period — at most two — the coverage's two queries; one
for the coming year's target and two for how many of its classes are booked already).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from trivsel.schools import sections
from trivsel.schools.models import SchoolYear

from .models import Talk, TalkStatus, TargetGrade
from .selectors import coverage

TITLE = "Headspace-oplæg"


def _aware(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


@sections.register(key="headspace", title=gettext_lazy("Headspace-oplæg"), order=40, query_budget=9)
def section(period, as_of: date) -> dict:
    in_period = Talk.objects.filter(
        starts_at__gte=_aware(period.start), starts_at__lte=_aware(period.end, end=True)
    )
    talks = in_period.aggregate(
        booked=Count("pk", filter=Q(status=TalkStatus.BOOKED)),
        held=Count("pk", filter=Q(status=TalkStatus.HELD)),
        cancelled=Count("pk", filter=Q(status=TalkStatus.CANCELLED)),
        feedback_count=Count("pk", filter=Q(feedback_score__isnull=False)),
        feedback_mean=Avg("feedback_score"),
    )
    years = []
    for year in SchoolYear.objects.filter(start__lte=period.end, end__gte=period.start).order_by(
        "start"
    ):
        cov = coverage(None, year)
        if cov.target is None:
            continue
        years.append(
            {
                "school_year": year.name,
                "grade": cov.target.grade,
                "classes": cov.total,
                "covered": cov.covered,
                "held": cov.held,
                "booked": cov.booked,
                "missing": cov.missing,
                "all_covered": cov.all_covered,
                "coverage": cov.label,
                "plan": cov.target.plan_notes,
            }
        )
    upcoming = (
        TargetGrade.objects.select_related("school_year")
        .filter(school_year__start__gt=as_of)
        .order_by("school_year__start")
        .first()
    )
    # the coming year's classes of its target grade: how many are booked already (2 queries)
    ahead = coverage(None, upcoming.school_year) if upcoming else None
    mean = talks["feedback_mean"]
    return {
        "title": TITLE,
        "talks": {**talks, "feedback_mean": round(float(mean), 1) if mean is not None else None},
        "coverage": years,
        "planned": {
            "school_year": upcoming.school_year.name,
            "grade": upcoming.grade,
            "plan": upcoming.plan_notes,
            "classes": ahead.total,
            # the year starts after as_of: as the note speaks, nothing of it can have been held yet
            "booked": ahead.booked + ahead.held,
            "held": 0,
            "coverage": ahead.label,
        }
        if upcoming
        else None,
    }
