"""The grief-group section of the status note: the leader course (planned, running or held on
``as_of``; who funds it), participants per school, groups started, the half-year's evaluation and
the scaling estimate. At most 9 queries, whatever the amount of data."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from trivsel.schools import sections

from . import selectors
from .models import Course, Evaluation, GriefGroup, GroupMeeting, Nomination, NominationStatus


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@sections.register(key="griefgroups", title=_("Sorggrupper"), order=40, query_budget=9)
def section(period, as_of: date) -> dict:
    # query 1: the course of the period — one running in it, else the next one planned
    course = (
        Course.objects.filter(end_date__gte=period.start)
        .select_related("provider", "grant_giver")
        .annotate(session_count=Count("sessions"))
        .order_by("start_date")
        .first()
    )
    facts: dict = {"course": None, "participants": [], "groups": [], "evaluation": None}
    if course is not None:
        facts["course"] = {
            "title": course.title,
            "provider": course.provider.name,
            "status": course.status_on(as_of),  # planned | running | held
            "start": _iso(course.start_date),
            "end": _iso(course.end_date),
            "sessions": course.session_count,
            "seats": course.seats,
            "grant_giver": course.grant_giver.name if course.grant_giver else None,
            "grant_amount": int(course.grant_amount) if course.grant_amount is not None else None,
            "grant_covers": course.grant_covers,
        }
        # query 2: participants per school
        facts["participants"] = [
            {
                "school": r["staff__school__name"],
                "confirmed": r["confirmed"],
                "completed": r["completed"],
            }
            for r in Nomination.objects.filter(course=course)
            .values("staff__school__name")
            .annotate(
                confirmed=Count("pk", filter=Q(status=NominationStatus.CONFIRMED)),
                completed=Count("pk", filter=Q(completed=True)),
            )
            .order_by("staff__school__name")
        ]

    # query 3: the groups started by the end of the period (and those planned after as_of)
    in_period = (
        GroupMeeting.objects.filter(
            group=OuterRef("pk"), date__gte=period.start, date__lte=period.end
        )
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    for g in (
        GriefGroup.objects.filter(start_date__lte=max(period.end, as_of))
        .annotate(meeting_n=Coalesce(Subquery(in_period), 0, output_field=IntegerField()))
        .values(
            "school__name",
            "name",
            "start_date",
            "places",
            "referred_count",
            "waiting_count",
            "meeting_n",
        )
        .order_by("start_date", "school__name")
    ):
        facts["groups"].append(
            {
                "school": g["school__name"],
                "name": g["name"],
                "start": _iso(g["start_date"]),
                "planned": g["start_date"] > as_of,
                "places": g["places"],
                "referred": g["referred_count"],
                "waiting": g["waiting_count"],
                "meetings_in_period": g["meeting_n"],
            }
        )

    # query 4: the period's evaluations with meetings, hours and cost
    evaluated = selectors.evaluations_with_figures(Evaluation.objects.filter(period=period))
    if evaluated:
        costs = [f.total_cost for f in evaluated if f.total_cost is not None]
        facts["evaluation"] = {
            "groups": len(evaluated),
            "referred": sum(f.evaluation.referred_count for f in evaluated),
            "places": sum(f.evaluation.places for f in evaluated),
            "average_assessment": round(
                sum(f.evaluation.leader_assessment for f in evaluated) / len(evaluated), 1
            ),
            "feedback": {
                "positive": sum(f.evaluation.feedback_positive for f in evaluated),
                "neutral": sum(f.evaluation.feedback_neutral for f in evaluated),
                "negative": sum(f.evaluation.feedback_negative for f in evaluated),
            },
            "meetings": sum(f.meetings for f in evaluated),
            "pupils_present_total": sum(f.pupils_present_total for f in evaluated),
            "leader_hours": float(sum(f.leader_hours for f in evaluated)),
            "running_cost_dkk": int(sum(costs)) if costs else None,
        }
    # queries 5–8: the scaling estimate from what was measured by the end of the period
    facts["scaling"] = selectors.scaling_estimate(min(period.end, as_of)).as_dict()
    return facts
