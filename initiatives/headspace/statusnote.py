"""The status note's Headspace section: talks booked and held in the period, coverage of the
target grade («N af M klasser»), the teachers' feedback, and the plan for the coming school year
with the partner's own description of what Headspace and its youth counsellors bring.

As of means as of: a talk counts once it was booked (``created_at``), as held once its time has
passed and it was held, as cancelled from its cancellation in the history on; feedback from
``feedback_at``; a target grade (the plan) once it was recorded, with its plan as it stood at the
end of ``as_of``. At most six queries: the talks' aggregate, the target grades, their plans' state,
and one coverage count per school year (at most two touch a half-year, plus the coming one).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trivsel.schools import asof, sections
from trivsel.schools.models import SchoolClass

from .models import Talk, TalkStatus, TargetGrade

TITLE = "Headspace-oplæg"


def _talk_states(as_of: date) -> dict[str, Q]:
    """Conditions on Talk for its state at the end of ``as_of``."""
    until = asof.cutoff(as_of)
    history = Talk.history.model._default_manager
    cancelled = Q(status=TalkStatus.CANCELLED) & (
        Exists(
            history.filter(id=OuterRef("pk"), status=TalkStatus.CANCELLED, history_date__lt=until)
        )
        | ~Exists(history.filter(id=OuterRef("pk")))  # bulk-inserted: as it is
    )
    active = Q(created_at__lt=until) & ~cancelled
    held = active & Q(status=TalkStatus.HELD, starts_at__lt=until)
    return {
        "active": active,
        "held": held,
        "booked": active & ~Q(status=TalkStatus.HELD, starts_at__lt=until),
        "cancelled": Q(created_at__lt=until) & cancelled,
    }


def _coverage(year_id: int, grade: int, states: dict[str, Q]) -> dict:
    """One query: the classes of the grade, and how many had a talk held or booked."""
    talks = Talk.objects.filter(school_class=OuterRef("pk"))
    row = (
        SchoolClass.objects.filter(school_year=year_id, grade=grade)
        .annotate(
            has_held=Exists(talks.filter(states["held"])),
            has_booked=Exists(talks.filter(states["booked"])),
        )
        .aggregate(
            total=Count("pk"),
            held=Count("pk", filter=Q(has_held=True)),
            booked=Count("pk", filter=Q(has_held=False, has_booked=True)),
        )
    )
    covered = row["held"] + row["booked"]
    return {
        "classes": row["total"],
        "covered": covered,
        "held": row["held"],
        "booked": row["booked"],
        "missing": row["total"] - covered,
        "all_covered": row["total"] > 0 and covered == row["total"],
        "coverage": _("%(n)d af %(m)d klasser") % {"n": covered, "m": row["total"]},
    }


@sections.register(key="headspace", title=gettext_lazy("Headspace-oplæg"), order=40, query_budget=9)
def section(period, as_of: date) -> dict:
    states = _talk_states(as_of)
    until = asof.cutoff(as_of)
    # query 1: the period's talks as they stood at the end of as_of
    talks = Talk.objects.filter(
        starts_at__date__gte=period.start, starts_at__date__lte=period.end
    ).aggregate(
        booked=Count("pk", filter=states["booked"]),
        held=Count("pk", filter=states["held"]),
        cancelled=Count("pk", filter=states["cancelled"]),
        feedback_count=Count("pk", filter=states["held"] & Q(feedback_at__lt=until)),
        feedback_mean=Avg("feedback_score", filter=states["held"] & Q(feedback_at__lt=until)),
    )
    # query 2: the target grades of the period's school years and the coming one, known by as_of
    targets = list(
        asof.known(
            TargetGrade.objects.filter(
                Q(school_year__start__lte=period.end, school_year__end__gte=period.start)
                | Q(school_year__start__gt=as_of)
            ),
            as_of,
        )
        .order_by("school_year__start")
        .values(
            "pk",
            "school_year_id",
            "school_year__name",
            "school_year__start",
            "school_year__end",
            "grade",
            "plan_notes",
            "offer__partner__name",
            "offer__partner__description",
            "offer__description",
        )
    )
    upcoming = next((t for t in targets if t["school_year__start"] > as_of), None)
    in_period = [
        t
        for t in targets
        if t["school_year__start"] <= period.end and t["school_year__end"] >= period.start
    ]
    # query 3: their grade and plan as they stood at the end of as_of
    plans = asof.states(TargetGrade, [t["pk"] for t in targets], as_of, ["grade", "plan_notes"])
    for t in targets:
        t.update(plans.get(t["pk"]) or {})
    # queries 4–6: coverage per school year
    years = []
    for t in in_period:
        if t["grade"] is None:  # agreed, no grade chosen yet: nothing to cover
            continue
        cov = _coverage(t["school_year_id"], t["grade"], states)
        years.append(
            {
                "id": t["pk"],
                "school_year": t["school_year__name"],
                "grade": t["grade"],
                "plan": t["plan_notes"],
            }
            | cov
        )
    ahead = (
        _coverage(upcoming["school_year_id"], upcoming["grade"], states)
        if upcoming and upcoming["grade"] is not None
        else {"classes": 0, "booked": 0, "held": 0, "coverage": ""}
    )
    mean = talks["feedback_mean"]
    return {
        "title": TITLE,
        "talks": {**talks, "feedback_mean": round(float(mean), 1) if mean is not None else None},
        "coverage": years,
        "partner": {
            "name": targets[-1]["offer__partner__name"],
            "description": targets[-1]["offer__partner__description"],
            # what the talk is, as the Åben Skole offer describes it
            "offer": targets[-1]["offer__description"],
        }
        if targets and targets[-1]["offer__partner__name"]
        else None,
        "planned": {
            "id": upcoming["pk"],
            "school_year": upcoming["school_year__name"],
            "start": upcoming["school_year__start"].isoformat(),
            "grade": upcoming["grade"],  # None: the grade is not chosen yet
            "plan": upcoming["plan_notes"],
            "classes": ahead["classes"],
            # the year starts after as_of: as the note speaks, nothing of it can have been held yet
            "booked": ahead["booked"] + ahead["held"],
            "held": 0,
            "coverage": ahead["coverage"],
        }
        if upcoming
        else None,
    }


@sections.follows_up("headspace")
def follow_up(refs: list[str], since: date, as_of: date) -> dict[str, dict]:
    """A grade that was to get Headspace's talk from a school year: started (which grade was
    chosen — perhaps only after the last note — and how many of its classes have had or booked the
    talk by ``as_of``), still to come, or dropped. Three queries, and one per target grade (a note
    promises one or two)."""
    ids = [int(r.split(":", 1)[1]) for r in refs if r.startswith("headspace.target:")]
    if not ids:
        return {}
    targets = {
        t["pk"]: t
        for t in TargetGrade.objects.filter(pk__in=ids).values(
            "pk", "school_year_id", "school_year__start", "grade", "offer__description"
        )
    }
    # the grade as it stood when the last note was written and on as_of
    then = asof.states(TargetGrade, list(targets), since, ["grade"])
    now = asof.states(TargetGrade, list(targets), as_of, ["grade"])
    states = _talk_states(as_of)
    out = {}
    for pk in ids:
        t = targets.get(pk)
        if t is None:
            out[f"headspace.target:{pk}"] = {"state": "dropped", "date": None, "detail": {}}
            continue
        grade = (now.get(pk) or t)["grade"]
        started = t["school_year__start"] <= as_of
        cov = (
            _coverage(t["school_year_id"], grade, states)
            if grade is not None
            else {"classes": 0, "held": 0, "booked": 0, "missing": 0}
        )
        out[f"headspace.target:{pk}"] = {
            "state": "started" if started else "planned",
            "date": t["school_year__start"].isoformat(),
            "detail": {k: cov[k] for k in ("classes", "held", "booked", "missing")}
            | {
                "grade": grade,
                "grade_then": (then.get(pk) or {"grade": grade})["grade"],
                "offer": t["offer__description"],
            },
        }
    return out
