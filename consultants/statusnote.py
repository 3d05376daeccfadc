"""The consultants' section of the status note («Praksisnær understøttelse»): activities by kind and
school in the period, wellbeing courses, PIT participation, the most frequent challenge tags and
the APPROVED example cases — never a raw observation — and what is booked after ``as_of``.

A note that follows up an earlier one counts from the day after that note's as-of date
(``since``), so no activity falls between two notes; otherwise from the period's first day.

As of means as of: activities, courses and PIT meetings by their dates up to ``as_of``; what is
booked after it only if it was booked by then (an activity's ``created_at``, a course's or
meeting's history); an example case once it was approved (``approved_at``).

Fixed number of queries (9) whatever the data: every figure is one aggregate."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Min, Q, Sum
from django.utils.translation import gettext_lazy as _

from trivsel.schools import asof
from trivsel.schools.sections import register

from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    ExampleCase,
    ExampleCaseStatus,
    PitMeeting,
    WellbeingCourse,
)

QUERY_BUDGET = 9
TOP_TAGS = 5


def _kind_labels() -> dict[str, str]:
    return {value: str(label) for value, label in ActivityKind.choices}


@register(
    key="consultants",
    title=_("Praksisnær understøttelse"),
    order=40,
    query_budget=QUERY_BUDGET,
    counts_since=True,
)
def section(period, as_of: date, since: date | None = None) -> dict:
    labels = _kind_labels()
    end = min(period.end, as_of)
    start = min(since, period.start) if since else period.start
    until = asof.cutoff(as_of)
    held = Activity.objects.filter(status=ActivityStatus.HELD, date__gte=start, date__lte=end)

    # 1: held activities per school, kind and consultant (the consultant split only counts them)
    per_school_kind = list(
        held.order_by()
        .values("school__name", "kind", "consultant_id")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by("school__name", "kind")
    )
    by_kind: dict[str, int] = {}
    by_school: dict[str, dict] = {}
    consultant_ids: set[int] = set()
    minutes = 0
    for row in per_school_kind:
        consultant_ids.add(row["consultant_id"])
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        school = by_school.setdefault(
            row["school__name"], {"school": row["school__name"], "count": 0, "by_kind": {}}
        )
        school["count"] += row["n"]
        school["by_kind"][row["kind"]] = row["n"]
        minutes += row["minutes"] or 0

    # 2: the most frequent challenge tags of the period's held activities
    tags = list(
        Activity.tags.through.objects.filter(activity__in=held)
        .values("challengetag__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "challengetag__name")[:TOP_TAGS]
    )

    # 3: wellbeing courses that ran in the period (a held session in it, or started in it)
    courses = list(
        WellbeingCourse.objects.filter(
            Q(start_date__gte=start, start_date__lte=end)
            | Q(sessions__in=held.filter(kind=ActivityKind.COURSE_SESSION))
        )
        .distinct()
        .annotate(
            held_sessions=Count(
                "sessions",
                filter=Q(
                    sessions__status=ActivityStatus.HELD,
                    sessions__date__gte=start,
                    sessions__date__lte=end,
                ),
                distinct=True,
            )
        )
        .values("pk", "topic", "school_id", "planned_sessions", "held_sessions")
        .order_by("start_date", "pk")
    )

    # 4: PIT participation
    pit = PitMeeting.objects.filter(date__gte=start, date__lte=end).aggregate(
        meetings=Count("pk"), schools=Count("school", distinct=True), cases=Sum("cases_discussed")
    )

    # 5: approved example cases of the period (the only texts that reach the note)
    cases = list(
        ExampleCase.objects.filter(
            period=period, status=ExampleCaseStatus.APPROVED, approved_at__lt=until
        )
        .order_by("title", "pk")
        .values("title", "text")
    )

    # 6: since when the consultants have worked, and how many classes they met in the period
    reach = Activity.objects.filter(status=ActivityStatus.HELD, date__lte=end).aggregate(
        first=Min("date"),
        classes=Count("school_class", distinct=True, filter=Q(date__gte=start)),
    )

    # 7–9: booked after as_of, by then
    planned_activities = list(
        Activity.objects.filter(date__gt=as_of, created_at__lt=until)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), schools=Count("school", distinct=True))
        .order_by("kind")
    )
    planned_courses = list(
        asof.known(WellbeingCourse.objects.filter(start_date__gt=as_of), as_of)
        .order_by("start_date", "pk")
        .values("topic", "start_date", "planned_sessions")
    )
    planned_pit = asof.known(PitMeeting.objects.filter(date__gt=as_of), as_of).aggregate(
        meetings=Count("pk"), schools=Count("school", distinct=True)
    )

    return {
        "period": period.name,
        "as_of": as_of.isoformat(),
        "start": start.isoformat(),  # counted from
        "end": end.isoformat(),  # counted to
        "consultants": len(consultant_ids),
        "first_activity": reach["first"].isoformat() if reach["first"] else None,
        "classes": reach["classes"],
        "activities": {
            "total": sum(by_kind.values()),
            "hours": round(minutes / 60, 1),
            "schools": len(by_school),
            "by_kind": [
                {"kind": kind, "label": labels[kind], "count": by_kind[kind]}
                for kind in ActivityKind.values
                if kind in by_kind
            ],
            "by_school": list(by_school.values()),
        },
        "courses": {
            "count": len(courses),
            "schools": len({c["school_id"] for c in courses}),
            "sessions_held": sum(c["held_sessions"] for c in courses),
            "sessions_planned": sum(c["planned_sessions"] for c in courses),
            "topics": sorted({c["topic"] for c in courses}),
        },
        "pit": {
            "meetings": pit["meetings"],
            "schools": pit["schools"],
            "cases": pit["cases"] or 0,
        },
        "top_tags": [{"name": t["challengetag__name"], "count": t["n"]} for t in tags],
        "example_cases": [{"title": c["title"], "text": c["text"]} for c in cases],
        "planned": {
            "activities": sum(a["n"] for a in planned_activities),
            "by_kind": [
                {"kind": a["kind"], "label": labels.get(a["kind"], a["kind"]), "count": a["n"]}
                for a in planned_activities
            ],
            "courses": [
                {
                    "topic": c["topic"],
                    "start": c["start_date"].isoformat(),
                    "sessions": c["planned_sessions"],
                }
                for c in planned_courses
            ],
            "pit_meetings": planned_pit["meetings"],
            "pit_schools": planned_pit["schools"],
        },
    }
