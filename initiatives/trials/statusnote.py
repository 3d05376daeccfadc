"""The trials app's section of the status note: the period's trial actions by theme and school,
their results as of ``as_of`` (status, decisions and effect scores only from evaluations dated by
then), and the theme day — held or being prepared on ``as_of`` — with the schools' roll-out plans
and how far each had come by then. Five queries, whatever the data.

As of means as of: an action counts once it has started, or, still planned, once it was recorded
(``created_at``); it is evaluated only from ``evaluated_at``; a planned theme day counts once it
was recorded (its history); roll-out plans exist from their theme day on, and their follow-up is
read from the history as it stood at the end of ``as_of``."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import asof, sections
from trivsel.schools.models import School

from .models import Decision, FollowUp, RolloutPlan, Status, ThemeDay, TrialAction

# how far ahead of as_of a planned theme day is still «planned» news for the note
PLANNED_HORIZON = timedelta(days=366)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def status_on(row: dict, as_of: date) -> str:
    """An action's status at the end of ``as_of``: evaluated from its evaluation date (or, without
    one, from its last day) on; before that planned until it starts, then running."""
    evaluated_on = row["evaluated_at"] or row["end"]
    if row["status"] == Status.EVALUATED and evaluated_on <= as_of:
        return Status.EVALUATED
    return Status.PLANNED if row["start"] > as_of else Status.RUNNING


def _results(actions: list[dict]) -> dict:
    evaluated = [a for a in actions if a["status"] == Status.EVALUATED]
    return {
        "actions": len(actions),
        "schools": len({a["school"] for a in actions}),
        "running": sum(1 for a in actions if a["status"] == Status.RUNNING),
        "planned": sum(1 for a in actions if a["status"] == Status.PLANNED),
        "evaluated": len(evaluated),
        "evaluated_schools": len({a["school"] for a in evaluated}),
        "continuing": sum(1 for a in actions if a["decision"] == Decision.CONTINUE),
        "adjusted": sum(1 for a in actions if a["decision"] == Decision.ADJUST),
        "stopped": sum(1 for a in actions if a["decision"] == Decision.STOP),
        # «several want to continue»: as they are, or adjusted
        "want_to_continue": sum(
            1 for a in actions if a["decision"] in (Decision.CONTINUE, Decision.ADJUST)
        ),
        "schools_continuing": len(
            {a["school"] for a in actions if a["decision"] in (Decision.CONTINUE, Decision.ADJUST)}
        ),
        "mean_effect_pupils": _mean([a["effect_pupils"] for a in evaluated]),
        "mean_effect_class": _mean([a["effect_class"] for a in evaluated]),
    }


@sections.register(key="trials", title=_("Prøvehandlinger og temadag"), order=10, query_budget=5)
def section(period, as_of: date) -> dict:
    """Trial actions that overlap ``period``; theme days in the period or planned after ``as_of``."""
    in_period = Q(start__lte=period.end, end__gte=period.start) & (
        Q(start__lte=as_of) | Q(created_at__lt=asof.cutoff(as_of))
    )
    # query 1: the period's trial actions with their school
    actions = []
    for row in (
        TrialAction.objects.filter(in_period)
        .order_by("school__name", "start", "pk")
        .values(
            "pk",
            "title",
            "school__name",
            "status",
            "decision",
            "effect_pupils",
            "effect_class",
            "evaluated_at",
            "start",
            "end",
            "aim",
        )
    ):
        status = status_on(row, as_of)
        evaluated = status == Status.EVALUATED
        actions.append(
            {
                "id": row["pk"],
                "title": row["title"],
                "school": row["school__name"],
                "status": status,
                "start": row["start"].isoformat(),
                "end": row["end"].isoformat(),
                "decision": row["decision"] if evaluated else "",
                "effect_pupils": row["effect_pupils"] if evaluated else None,
                "effect_class": row["effect_class"] if evaluated else None,
                "aim": row["aim"],
                "themes": [],
            }
        )
    by_id = {a["id"]: a for a in actions}
    # query 2: their themes (with the theme's description: the question the schools tried)
    theme_links = (
        TrialAction.themes.through.objects.filter(
            trialaction__in=TrialAction.objects.filter(in_period)
        )
        .order_by("theme__name")
        .values_list("trialaction_id", "theme__name", "theme__description")
    )
    by_theme: dict[str, list[dict]] = defaultdict(list)
    descriptions: dict[str, str] = {}
    for action_id, theme_name, description in theme_links:
        if action_id in by_id:
            by_id[action_id]["themes"].append(theme_name)
            by_theme[theme_name].append(by_id[action_id])
            descriptions[theme_name] = description

    by_school: dict[str, list[dict]] = defaultdict(list)
    for action in actions:
        by_school[action["school"]].append(action)

    # query 3: theme days held in the period by as_of, or planned after as_of and known by then
    days = list(
        ThemeDay.objects.filter(
            Q(date__gte=period.start, date__lte=min(period.end, as_of))
            | (
                Q(date__gt=as_of, date__lte=as_of + PLANNED_HORIZON)
                & ~asof.created_after(ThemeDay, as_of)
            )
        )
        .annotate(
            programme_items=Count("programme", distinct=True),
            presentations=Count("programme__trial_actions", distinct=True),
        )
        .order_by("date")
    )
    held_days = [d.pk for d in days if d.date <= as_of]
    # query 4: the roll-out plans of the days held by as_of (a plan is made on its day)
    plan_rows = list(
        RolloutPlan.objects.filter(theme_day__in=held_days)
        .annotate(actions=Count("trial_actions"))
        .order_by("school__name")
        .values(
            "pk",
            "theme_day_id",
            "school__name",
            "actions",
            "responsible",
            "deadline",
            "follow_up_status",
        )
    )
    # query 5: how far each plan had come at the end of as_of
    follow_ups = asof.states(RolloutPlan, [p["pk"] for p in plan_rows], as_of, ["follow_up_status"])
    plans: dict[int, list[dict]] = defaultdict(list)
    for plan in plan_rows:
        state = follow_ups.get(plan["pk"])
        plans[plan["theme_day_id"]].append(
            {
                "id": plan["pk"],
                "school": plan["school__name"],
                "trial_actions": plan["actions"],
                "responsible": plan["responsible"],
                "deadline": plan["deadline"].isoformat() if plan["deadline"] else None,
                "follow_up": state["follow_up_status"] if state else FollowUp.NOT_STARTED,
            }
        )

    return {
        "period": period.name,
        "totals": _results(actions),
        "themes": [
            {
                "theme": name,
                "description": descriptions[name],
                # the schools' own aims: the note tells a theme tried at one school by its aim
                "aims": sorted({a["aim"] for a in theme_actions if a["aim"]}),
                **_results(theme_actions),
            }
            for name, theme_actions in by_theme.items()
        ],
        "schools": [
            {
                "school": school,
                "actions": [
                    {
                        "title": a["title"],
                        "themes": a["themes"],
                        "status": a["status"],
                        "decision": a["decision"],
                        "effect_pupils": a["effect_pupils"],
                        "effect_class": a["effect_class"],
                    }
                    for a in school_actions
                ],
            }
            for school, school_actions in by_school.items()
        ],
        "theme_days": [
            {
                "id": day.pk,
                "title": day.title,
                "date": day.date.isoformat(),
                "place": day.place,
                "audience": day.audience,
                "description": day.description,
                "held": day.date <= as_of,
                "programme_items": day.programme_items,
                "presentations": day.presentations,
                "rollout_plans": plans.get(day.pk, []),
            }
            for day in days
        ],
    }


def _ids(refs: list[str], kind: str) -> list[str]:
    prefix = f"trials.{kind}:"
    return [ref[len(prefix) :] for ref in refs if ref.startswith(prefix)]


@sections.follows_up("trials")
def follow_up(refs: list[str], since: date, as_of: date) -> dict[str, dict]:
    """A theme day: held (with its roll-out plans, how far they had come by ``as_of`` and why a
    plan was given up; the schools that made none and whether they started a trial action since),
    still planned, or dropped. A theme the schools wanted to continue: how the schools still
    evaluating on ``since`` decided, the trial actions of the theme started since (or planned),
    and what the schools that wanted to continue without a new action of the theme started
    instead. Seven queries."""
    out: dict[str, dict] = {}
    day_ids = [int(i) for i in _ids(refs, "themeday") if i.isdigit()]
    themes = _ids(refs, "theme")
    # query 1: every trial action started after the last note and known by as_of, with its themes
    started_since = list(
        TrialAction.themes.through.objects.filter(trialaction__start__gt=since)
        .filter(
            Q(trialaction__start__lte=as_of) | Q(trialaction__created_at__lt=asof.cutoff(as_of))
        )
        .values("theme__name", "trialaction_id", "trialaction__school_id", "trialaction__start")
    )
    if day_ids:
        out.update(_theme_days_follow_up(day_ids, started_since, as_of))
    if themes:
        out.update(_themes_follow_up(themes, started_since, since, as_of))
    return out


def _theme_days_follow_up(day_ids: list[int], started_since: list[dict], as_of: date) -> dict:
    out: dict[str, dict] = {}
    # query 2: the theme days that still exist (a deleted one was dropped), with their date as
    # it stood at the end of as_of (a day moved later was not held on its old date)
    days = {
        d["pk"]: d
        for d in ThemeDay.objects.filter(pk__in=day_ids)
        .annotate(presentations=Count("programme__trial_actions", distinct=True))
        .values("pk", "date", "place", "presentations")
    }
    for pk, state in asof.states(ThemeDay, list(days), as_of, ["date"]).items():
        days[pk]["date"] = state["date"]
    # queries 3–5: their roll-out plans, and the plans' follow-up as it stood on as_of
    plans = list(
        RolloutPlan.objects.filter(theme_day__in=day_ids).values("pk", "theme_day_id", "school_id")
    )
    states = asof.states(
        RolloutPlan, [p["pk"] for p in plans], as_of, ["follow_up_status", "follow_up_note"]
    )
    # query 6: the schools
    schools = set(School.objects.values_list("pk", flat=True))
    for day_id in day_ids:
        day = days.get(day_id)
        ref = f"trials.themeday:{day_id}"
        if day is None:
            out[ref] = {"state": "dropped", "date": None, "detail": {}}
            continue
        held = day["date"] <= as_of
        mine = [p for p in plans if p["theme_day_id"] == day_id] if held else []
        progress = [
            (states.get(p["pk"]) or {}).get("follow_up_status", FollowUp.NOT_STARTED) for p in mine
        ]
        without = schools - {p["school_id"] for p in mine}
        after_day = {
            r["trialaction__school_id"]
            for r in started_since
            if r["trialaction__start"] > day["date"]
        }
        out[ref] = {
            "state": "held" if held else "planned",
            "date": day["date"].isoformat(),
            "detail": {
                "place": day["place"],
                "presentations": day["presentations"] if held else 0,
                "schools": len(schools),
                "plans": len(progress),
                **{state: progress.count(state) for state in FollowUp.values if held},
                # why a plan was given up, in the school's own words
                "dropped_notes": [
                    states[p["pk"]]["follow_up_note"]
                    for p in mine
                    if (states.get(p["pk"]) or {}).get("follow_up_status") == FollowUp.DROPPED
                    and states[p["pk"]]["follow_up_note"]
                ],
                "without_plan": len(without) if held else 0,
                "without_plan_new_action": len(without & after_day) if held else 0,
                # what those schools took up instead
                "without_plan_themes": sorted(
                    {
                        r["theme__name"]
                        for r in started_since
                        if r["trialaction__school_id"] in without
                        and day["date"] < r["trialaction__start"] <= as_of
                    }
                )
                if held
                else [],
            },
        }
    return out


def _themes_follow_up(
    themes: list[str], started_since: list[dict], since: date, as_of: date
) -> dict:
    out: dict[str, dict] = {}
    # query 7: the themes' actions the last note told of, with what was decided by as_of
    earlier = list(
        TrialAction.objects.filter(themes__name__in=themes, start__lte=since)
        .filter(Q(end__gte=since - PLANNED_HORIZON))
        .values(
            "pk",
            "themes__name",
            "school_id",
            "status",
            "decision",
            "evaluated_at",
            "start",
            "end",
            "effect_pupils",
            "effect_class",
        )
    )
    for name in themes:
        told = [r for r in earlier if r["themes__name"] == name]
        pending_then = [r for r in told if status_on(r, since) != Status.EVALUATED]
        decided_since = [r for r in pending_then if status_on(r, as_of) == Status.EVALUATED]
        continuing = {
            r["school_id"]
            for r in told
            if status_on(r, as_of) == Status.EVALUATED
            and r["decision"] in (Decision.CONTINUE, Decision.ADJUST)
        }
        mine = [r for r in started_since if r["theme__name"] == name]
        started = [r for r in mine if r["trialaction__start"] <= as_of]
        new_schools = {r["trialaction__school_id"] for r in started}
        others: dict[str, set[int]] = {}
        for r in started_since:
            school = r["trialaction__school_id"]
            if (
                r["theme__name"] != name
                and r["trialaction__start"] <= as_of
                and school in continuing - new_schools
            ):
                others.setdefault(r["theme__name"], set()).add(school)
        elsewhere = set().union(*others.values()) if others else set()
        out[f"trials.theme:{name}"] = {
            "state": "started" if started else "planned" if mine else "none",
            "date": min(r["trialaction__start"] for r in mine).isoformat() if mine else None,
            "detail": {
                "actions": len(started),
                "schools": len(new_schools),
                "planned": len(mine) - len(started),
                # the schools still evaluating when the last note was written
                "pending_then": len({r["school_id"] for r in pending_then}),
                "decided_since": len({r["school_id"] for r in decided_since}),
                "decided_dates": sorted(
                    (r["evaluated_at"] or r["end"]).isoformat() for r in decided_since
                ),
                "continue_since": sum(r["decision"] == Decision.CONTINUE for r in decided_since),
                "adjust_since": sum(r["decision"] == Decision.ADJUST for r in decided_since),
                "stop_since": sum(r["decision"] == Decision.STOP for r in decided_since),
                # how the schools that evaluated since judged the effect (1–5)
                "effect_pupils_since": _mean(
                    [r["effect_pupils"] for r in decided_since if r["effect_pupils"] is not None]
                ),
                "effect_class_since": _mean(
                    [r["effect_class"] for r in decided_since if r["effect_class"] is not None]
                ),
                "continuing_schools": len(continuing),
                # schools that wanted to continue but started another theme instead, or nothing
                "other_themes": [
                    {"theme": theme, "schools": len(ids)} for theme, ids in sorted(others.items())
                ],
                "without_new": len(continuing - new_schools - elsewhere),
            },
        }
    return out
