"""Reads of the consultants' app. Every list is a fixed number of queries whatever the rows;
every read of one activity's details goes through ``activity_for_reading`` (the read log)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from trivsel.schools import access
from trivsel.schools.choices import labels
from trivsel.schools.clock import today
from trivsel.schools.links import row_url
from trivsel.schools.models import GRADES_IN_BAND, Period, School, SchoolClass, SchoolYear
from trivsel.schools.readlog import ReadPurpose, log_read

from .models import Activity, ActivityKind, ActivityStatus, ChallengeTag, FollowUp

READ_PURPOSE = ReadPurpose.VIEW.value
# what ``str(consultant)`` is made of (``_person``)
CONSULTANT_NAME = ("consultant__first_name", "consultant__last_name", "consultant__username")


def activity_for_reading(user, pk, *, purpose: str = READ_PURPOSE) -> Activity:
    """The one door to an activity's details: scoped (404 outside the reader's reach) and logged."""
    activity = access.get_for_user(
        user,
        Activity.objects.select_related("school", "school_class", "consultant", "course"),
        "read",
        pk=pk,
    )
    log_read(user, activity, purpose)
    return activity


def activity_rows(user) -> QuerySet[Activity]:
    """Activities the user may read, with what a list row shows (2 queries: rows + tags)."""
    qs = access.scope(user, Activity.objects.all(), "read")
    return access.annotate_can(
        qs.select_related("school", "school_class", "consultant").prefetch_related(
            Prefetch("tags", queryset=ChallengeTag.objects.order_by("name"))
        ),
        user,
        "edit",
    )


def activity_search(
    user,
    *,
    tag: ChallengeTag | None = None,
    kind: str = "",
    band: str = "",
    school: School | None = None,
    period: Period | None = None,
) -> QuerySet[Activity]:
    """The activities the user may read, filtered, newest first (the list draws a page of them
    from ``list_rows``)."""
    qs = access.scope(user, Activity.objects.all(), "read")
    qs = access.annotate_can(
        qs.select_related("school", "school_class", "consultant"), user, "edit"
    )
    if tag is not None:
        qs = qs.filter(
            pk__in=Activity.tags.through.objects.filter(challengetag=tag).values("activity_id")
        )
    if kind:
        qs = qs.filter(kind=kind)
    if band:
        qs = qs.filter(school_class__grade__in=list(GRADES_IN_BAND[band]))
    if school is not None:
        qs = qs.filter(school=school)
    if period is not None:
        qs = qs.filter(date__range=(period.start, period.end))
    return qs.order_by("-date", "-start_time", "-pk")


def _person(row: dict, via: str = "") -> str:
    """``str(consultant)`` from a row with ``CONSULTANT_NAME`` (behind ``via``): the full name,
    else the username."""
    full = f"{row[f'{via}consultant__first_name']} {row[f'{via}consultant__last_name']}".strip()
    return full or row[f"{via}consultant__username"]


def _class_label(row: dict, via: str = "") -> str:
    grade = row[f"{via}school_class__grade"]
    return "" if grade is None else f"{grade}.{row[f'{via}school_class__letter']}"


def list_rows(activities: QuerySet[Activity]) -> list[dict]:
    """A page of ``activity_search`` as the activity list's rows: the date, kind, school, class,
    tags, consultant, and the links (two queries: the rows, their tags' names)."""
    values = list(
        activities.values(
            "pk",
            "date",
            "kind",
            "status",
            "can_edit",
            "school__name",
            "school_class__grade",
            "school_class__letter",
            *CONSULTANT_NAME,
        )
    )
    tags: dict[int, list[str]] = defaultdict(list)
    if values:
        for activity_id, name in (
            Activity.tags.through.objects.filter(activity_id__in=[v["pk"] for v in values])
            .order_by("challengetag__name")
            .values_list("activity_id", "challengetag__name")
        ):
            tags[activity_id].append(name)
    detail, edit = row_url("consultants:activity_detail"), row_url("consultants:activity_update")
    kinds = labels(ActivityKind.choices)
    rows = []
    for v in values:
        kind, day = kinds.get(v["kind"], v["kind"]), f"{v['date']:%d.%m.%Y}"
        rows.append(
            {
                "url": detail(v["pk"]),
                "date": day,
                "planned": v["status"] == ActivityStatus.PLANNED,
                "kind": kind,
                "school": v["school__name"],
                "school_class": _class_label(v) or "—",
                "tags": tags[v["pk"]],
                "consultant": _person(v),
                "edit_url": edit(v["pk"]) if v["can_edit"] else "",
                "name": f"{kind} · {v['school__name']} · {day}",  # str(activity)
            }
        )
    return rows


def course_list_rows(courses: QuerySet) -> list[dict]:
    """A page of wellbeing courses (with ``held_sessions``) as the course list's rows."""
    detail = row_url("consultants:course_detail")
    return [
        {
            "url": detail(c["pk"]),
            "topic": c["topic"],
            "school": c["school__name"],
            "school_class": _class_label(c) or "—",
            "start": f"{c['start_date']:%d.%m.%Y}",
            "held": c["held_sessions"],
            "planned": c["planned_sessions"],
            "consultant": _person(c),
        }
        for c in courses.values(
            "pk",
            "topic",
            "start_date",
            "planned_sessions",
            "held_sessions",
            "school__name",
            "school_class__grade",
            "school_class__letter",
            *CONSULTANT_NAME,
        )
    ]


def pit_list_rows(meetings: QuerySet) -> list[dict]:
    """A page of PIT meetings (with ``can_edit``) as the PIT list's rows."""
    edit = row_url("consultants:pit_update")
    return [
        {
            "date": m["date"],
            "school": m["school__name"],
            "consultant": _person(m),
            "cases": m["cases_discussed"],
            "themes": m["themes"],
            "edit_url": edit(m["pk"]) if m["can_edit"] else "",
            "name": f"PIT · {m['school__name']} · {m['date']:%d.%m.%Y}",  # str(meeting)
        }
        for m in meetings.values(
            "pk", "date", "cases_discussed", "themes", "can_edit", "school__name", *CONSULTANT_NAME
        )
    ]


def overdue_rows(follow_ups: QuerySet[FollowUp], user) -> list[dict]:
    """A page of ``overdue_follow_ups`` as the list's rows: when, what, who, where, whose, the
    activity's link and the «done» form's (for those ``user`` may edit). The page's follow-ups
    are chosen first (a subquery) and then joined to their activities: as one join PostgreSQL
    read every activity (200,000 at 100×) to sort the overdue ones."""
    activity, done = row_url("consultants:activity_detail"), row_url("consultants:followup_done")
    page = FollowUp.objects.filter(pk__in=follow_ups.values("pk")).order_by("due", "pk")
    rows = []
    for f in access.annotate_can(page, user, "edit").values(
        "pk",
        "activity_id",
        "what",
        "who",
        "due",
        "can_edit",
        "activity__school__name",
        "activity__school_class__grade",
        "activity__school_class__letter",
        *(f"activity__{name}" for name in CONSULTANT_NAME),
    ):
        klass = _class_label(f, "activity__")
        rows.append(
            {
                "due": f"{f['due']:%d.%m.%Y}",
                "url": activity(f["activity_id"]),
                "what": f["what"],
                "who": f["who"] or "—",
                "place": f["activity__school__name"] + (f" · {klass}" if klass else ""),
                "consultant": _person(f, "activity__"),
                "done_url": done(f["pk"]) if f["can_edit"] else "",
            }
        )
    return rows


def usual_schools(consultant, limit: int = 4) -> list[int]:
    """The consultant's schools, most recently visited first (one query)."""
    return list(
        Activity.objects.filter(consultant=consultant)
        .values("school")
        .annotate(last=Max("date"))
        .order_by("-last")
        .values_list("school", flat=True)[:limit]
    )


def classes_by_school(year: SchoolYear | None) -> dict[str, list[dict]]:
    """{school id: [{id, label}]} for the quick-entry form's class filter (works offline)."""
    result: dict[str, list[dict]] = defaultdict(list)
    if year is None:
        return {}
    for pk, school_id, grade, letter in (
        SchoolClass.objects.filter(school_year=year)
        .order_by("grade", "letter")
        .values_list("pk", "school_id", "grade", "letter")
    ):
        result[str(school_id)].append({"id": pk, "label": f"{grade}.{letter}"})
    return dict(result)


def week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def consultant_week(user, consultant, day: date) -> QuerySet[Activity]:
    start, end = week_bounds(day)
    return (
        activity_rows(user)
        .filter(consultant=consultant, date__range=(start, end))
        .order_by("date", "start_time", "pk")
    )


def activities_per_school_and_kind(user, period: Period | None) -> dict:
    """A table school × kind with counts in the period (one aggregate query + the schools)."""
    qs = access.scope(user, Activity.objects.held(), "read")
    if period is not None:
        qs = qs.filter(date__range=(period.start, period.end))
    counts = (
        qs.order_by()
        .values("school")
        .annotate(
            **{kind: Count("pk", filter=Q(kind=kind)) for kind in ActivityKind.values},
            total=Count("pk"),
        )
    )
    by_school = {row["school"]: row for row in counts}
    schools = access.scope(user, School.objects.order_by("name"), "names")
    rows = []
    totals = dict.fromkeys(ActivityKind.values, 0)
    for school in schools:
        row = by_school.get(school.pk, {})
        cells = [row.get(kind, 0) for kind in ActivityKind.values]
        for kind, n in zip(ActivityKind.values, cells, strict=True):
            totals[kind] += n
        rows.append({"school": school, "cells": cells, "total": row.get("total", 0)})
    return {
        "kinds": ActivityKind.choices,
        "rows": rows,
        "totals": [totals[k] for k in ActivityKind.values],
        "total": sum(totals.values()),
    }


def overdue_follow_ups(user) -> QuerySet[FollowUp]:
    return (
        access.scope(user, FollowUp.objects.all(), "read")
        .filter(done=False, due__lt=today())
        .select_related("activity__school", "activity__school_class", "activity__consultant")
        .order_by("due", "pk")
    )
