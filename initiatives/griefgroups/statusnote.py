"""The grief-group section of the status note: the leader course (planned, running or held on
``as_of``; who funds it), participants per school, groups started, the half-year's evaluation and
the scaling estimate with its assumptions. At most 9 queries, whatever the amount of data.

As of means as of: the course counts once it was recorded, with its dates and grant as they stood
at the end of ``as_of`` (its history); a nomination once it was made (``created_at``) with the
status it had then; a participant as having completed only from ``completed_on``; a group once it
has started (or, planned, once it was recorded); an evaluation once it was recorded."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from trivsel.schools import asof, sections

from . import selectors
from .models import Course, Evaluation, GriefGroup, GroupMeeting, Nomination, NominationStatus

COURSE_FIELDS = ["start_date", "end_date", "grant_amount", "grant_covers", "seats", "description"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def status_on(start: date, end: date, day: date) -> str:
    """«planned» before the first day, «running» during, «held» after the last."""
    if day < start:
        return "planned"
    return "held" if day > end else "running"


@sections.register(key="griefgroups", title=_("Sorggrupper"), order=40, query_budget=9)
def section(period, as_of: date) -> dict:
    until = asof.cutoff(as_of)
    # query 1: the course of the period — one running in it, else the next one planned — known
    course = (
        asof.known(Course.objects.filter(end_date__gte=period.start), as_of)
        .select_related("provider", "grant_giver")
        .annotate(session_count=Count("sessions"))
        .order_by("start_date")
        .first()
    )
    facts: dict = {"course": None, "participants": [], "groups": [], "evaluation": None}
    if course is not None:
        # query 2: the course as it stood at the end of as_of
        state = asof.states(Course, [course.pk], as_of, COURSE_FIELDS).get(course.pk) or {
            name: getattr(course, name) for name in COURSE_FIELDS
        }
        amount = state["grant_amount"]
        facts["course"] = {
            "id": course.pk,
            "title": course.title,
            "provider": course.provider.name,
            "provider_description": course.provider.description,
            "description": state["description"],
            "status": status_on(state["start_date"], state["end_date"], as_of),
            "start": _iso(state["start_date"]),
            "end": _iso(state["end_date"]),
            "sessions": course.session_count,
            "seats": state["seats"],
            "grant_giver": course.grant_giver.name if course.grant_giver else None,
            "grant_amount": int(amount) if amount is not None else None,
            "grant_covers": state["grant_covers"],
        }
        # query 3: the nominations made by as_of
        nominations = list(
            Nomination.objects.filter(course=course, created_at__lt=until).values(
                "pk", "staff__school__name", "status", "completed", "completed_on"
            )
        )
        # query 4: their status as it stood then (bulk-inserted rows have no history: as now)
        statuses = asof.states(Nomination, [n["pk"] for n in nominations], as_of, ["status"])
        by_school: dict[str, dict] = {}
        for n in nominations:
            status = (statuses.get(n["pk"]) or n)["status"]
            row = by_school.setdefault(
                n["staff__school__name"],
                {"school": n["staff__school__name"], "confirmed": 0, "completed": 0},
            )
            row["confirmed"] += status == NominationStatus.CONFIRMED
            row["completed"] += bool(
                n["completed"] and n["completed_on"] and n["completed_on"] <= as_of
            )
        facts["participants"] = [by_school[name] for name in sorted(by_school)]

    # query 5: the groups started by the end of the period (planned ones only if known by as_of)
    in_period = (
        GroupMeeting.objects.filter(
            group=OuterRef("pk"), date__gte=period.start, date__lte=min(period.end, as_of)
        )
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    groups = GriefGroup.objects.filter(start_date__lte=as_of) | asof.known(
        GriefGroup.objects.filter(start_date__gt=as_of, start_date__lte=period.end), as_of
    )
    for g in (
        groups.annotate(meeting_n=Coalesce(Subquery(in_period), 0, output_field=IntegerField()))
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

    # query 6: every evaluation recorded by as_of of a half-year and group started by then
    measured_until = min(period.end, as_of)
    measured = selectors.evaluations_with_figures(
        asof.known(
            Evaluation.objects.filter(
                period__start__lte=measured_until, group__start_date__lte=measured_until
            ),
            as_of,
        )
    )
    evaluated = [f for f in measured if f.evaluation.period_id == period.pk]
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
    # queries 7–9: the scaling estimate from what was measured by then
    facts["scaling"] = selectors.scaling_estimate(measured_until, evaluated=measured).as_dict()
    return facts


@sections.follows_up("griefgroups")
def follow_up(refs: list[str], since: date, as_of: date) -> dict[str, dict]:
    """The leader course: held, running, planned (perhaps moved) or dropped, with how many
    completed it by ``as_of``; the groups the schools were to start after it: how many have.
    Four queries."""
    ids = {
        int(r.split(":", 1)[1])
        for r in refs
        if r.startswith(("griefgroups.course:", "griefgroups.groups:"))
    }
    if not ids:
        return {}
    current = {
        c["pk"]: c
        for c in Course.objects.filter(pk__in=ids)
        .annotate(session_count=Count("sessions"))
        .values("pk", "start_date", "end_date", "session_count")
    }
    # the course's dates as they stood then: a course moved later is «planned» on its old date
    dates = asof.states(Course, list(current), as_of, ["start_date", "end_date"])
    completed = list(
        Nomination.objects.filter(
            course__in=list(current), completed=True, completed_on__lte=as_of
        ).values("course_id", "staff__school_id")
    )
    first_start = min((c["start_date"] for c in current.values()), default=as_of)
    groups = list(
        GriefGroup.objects.filter(start_date__gte=first_start, start_date__lte=as_of).values(
            "school_id", "start_date"
        )
    )
    out = {}
    for pk in ids:
        course = dates.get(pk) or current.get(pk)
        for kind in ("course", "groups"):
            ref = f"griefgroups.{kind}:{pk}"
            if ref not in refs:
                continue
            if course is None:
                out[ref] = {"state": "dropped", "date": None, "detail": {}}
                continue
            status = status_on(course["start_date"], course["end_date"], as_of)
            if kind == "course":
                done = [n for n in completed if n["course_id"] == pk]
                out[ref] = {
                    "state": {"held": "held", "running": "started"}.get(status, "planned"),
                    "date": course["start_date"].isoformat(),
                    "detail": {
                        "end": course["end_date"].isoformat(),
                        "sessions": (current.get(pk) or {}).get("session_count", 0),
                        "completed": len(done),
                        "schools": len({n["staff__school_id"] for n in done}),
                    },
                }
            else:
                mine = [g for g in groups if g["start_date"] >= course["start_date"]]
                out[ref] = {
                    "state": "started" if mine else "none",
                    "date": min(g["start_date"] for g in mine).isoformat() if mine else None,
                    "detail": {
                        "groups": len(mine),
                        "schools": len({g["school_id"] for g in mine}),
                        "starts": sorted(g["start_date"].isoformat() for g in mine),
                    },
                }
    return out
