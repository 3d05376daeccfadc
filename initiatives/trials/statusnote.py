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
            {"theme": name, "description": descriptions[name], **_results(theme_actions)}
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
    """A theme day: held (with its roll-out plans and how far they had come by ``as_of``), still
    planned, or dropped. A theme the schools wanted to continue: trial actions of the theme started
    since the last note, or planned. Five queries."""
    out: dict[str, dict] = {}
    day_ids = [int(i) for i in _ids(refs, "themeday") if i.isdigit()]
    if day_ids:
        # query 1: the theme days that still exist (a deleted one was dropped), with their date
        # as it stood at the end of as_of (a day moved later was not held on its old date)
        days = {d["pk"]: d for d in ThemeDay.objects.filter(pk__in=day_ids).values("pk", "date")}
        for pk, state in asof.states(ThemeDay, list(days), as_of, ["date"]).items():
            days[pk]["date"] = state["date"]
        # queries 3–4: their roll-out plans and the plans' follow-up as it stood on as_of
        plans = list(RolloutPlan.objects.filter(theme_day__in=day_ids).values("pk", "theme_day_id"))
        states = asof.states(RolloutPlan, [p["pk"] for p in plans], as_of, ["follow_up_status"])
        for day_id in day_ids:
            day = days.get(day_id)
            ref = f"trials.themeday:{day_id}"
            if day is None:
                out[ref] = {"state": "dropped", "date": None, "detail": {}}
                continue
            held = day["date"] <= as_of
            progress = [
                (states.get(p["pk"]) or {}).get("follow_up_status", FollowUp.NOT_STARTED)
                for p in plans
                if p["theme_day_id"] == day_id
            ]
            out[ref] = {
                "state": "held" if held else "planned",
                "date": day["date"].isoformat(),
                "detail": {
                    "plans": len(progress) if held else 0,
                    **{state: progress.count(state) for state in FollowUp.values if held},
                },
            }
    themes = _ids(refs, "theme")
    if themes:
        # query 5: the themes' trial actions since the last note
        rows = list(
            TrialAction.themes.through.objects.filter(
                theme__name__in=themes, trialaction__start__gt=since
            )
            .filter(
                Q(trialaction__start__lte=as_of) | Q(trialaction__created_at__lt=asof.cutoff(as_of))
            )
            .values("theme__name", "trialaction__school_id", "trialaction__start")
        )
        for name in themes:
            mine = [r for r in rows if r["theme__name"] == name]
            started = [r for r in mine if r["trialaction__start"] <= as_of]
            out[f"trials.theme:{name}"] = {
                "state": "started" if started else "planned" if mine else "none",
                "date": min(r["trialaction__start"] for r in mine).isoformat() if mine else None,
                "detail": {
                    "actions": len(started),
                    "schools": len({r["trialaction__school_id"] for r in started}),
                    "planned": len(mine) - len(started),
                },
            }
    return out
