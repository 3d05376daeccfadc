"""The trials app's section of the status note: the period's trial actions by theme and school,
their results (mean effect scores, how many evaluated and continuing), and the theme day — held or
planned as seen on ``as_of`` — with the schools' roll-out plans. Four queries, whatever the data."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import sections

from .models import Decision, RolloutPlan, Status, ThemeDay, TrialAction

# how far ahead of as_of a planned theme day is still «planned» news for the note
PLANNED_HORIZON = timedelta(days=366)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _results(actions: list[dict]) -> dict:
    evaluated = [a for a in actions if a["status"] == Status.EVALUATED]
    return {
        "actions": len(actions),
        "schools": len({a["school"] for a in actions}),
        "evaluated": len(evaluated),
        "continuing": sum(1 for a in actions if a["decision"] == Decision.CONTINUE),
        "adjusted": sum(1 for a in actions if a["decision"] == Decision.ADJUST),
        "stopped": sum(1 for a in actions if a["decision"] == Decision.STOP),
        # «several want to continue»: as they are, or adjusted
        "want_to_continue": sum(
            1 for a in actions if a["decision"] in (Decision.CONTINUE, Decision.ADJUST)
        ),
        "mean_effect_pupils": _mean([a["effect_pupils"] for a in evaluated]),
        "mean_effect_class": _mean([a["effect_class"] for a in evaluated]),
    }


@sections.register(key="trials", title=_("Prøvehandlinger og temadag"), order=10, query_budget=4)
def section(period, as_of: date) -> dict:
    """Trial actions that overlap ``period``; theme days in the period or planned after ``as_of``."""
    in_period = Q(start__lte=period.end, end__gte=period.start)
    # query 1: the period's trial actions with their school
    actions = [
        {
            "id": row["pk"],
            "title": row["title"],
            "school": row["school__name"],
            "status": row["status"],
            "decision": row["decision"],
            "effect_pupils": row["effect_pupils"],
            "effect_class": row["effect_class"],
            "themes": [],
        }
        for row in TrialAction.objects.filter(in_period)
        .order_by("school__name", "start", "pk")
        .values(
            "pk", "title", "school__name", "status", "decision", "effect_pupils", "effect_class"
        )
    ]
    by_id = {a["id"]: a for a in actions}
    # query 2: their themes
    theme_links = (
        TrialAction.themes.through.objects.filter(
            trialaction__in=TrialAction.objects.filter(in_period)
        )
        .order_by("theme__name")
        .values_list("trialaction_id", "theme__name")
    )
    by_theme: dict[str, list[dict]] = defaultdict(list)
    for action_id, theme_name in theme_links:
        if action_id in by_id:
            by_id[action_id]["themes"].append(theme_name)
            by_theme[theme_name].append(by_id[action_id])

    by_school: dict[str, list[dict]] = defaultdict(list)
    for action in actions:
        by_school[action["school"]].append(action)

    # query 3: theme days held in the period or planned after as_of
    days = list(
        ThemeDay.objects.filter(
            Q(date__range=(period.start, period.end))
            | Q(date__gt=as_of, date__lte=as_of + PLANNED_HORIZON)
        )
        .annotate(
            programme_items=Count("programme", distinct=True),
            presentations=Count("programme__trial_actions", distinct=True),
        )
        .order_by("date")
    )
    # query 4: their roll-out plans
    plans: dict[int, list[dict]] = defaultdict(list)
    for plan in (
        RolloutPlan.objects.filter(theme_day__in=[d.pk for d in days])
        .annotate(actions=Count("trial_actions"))
        .order_by("school__name")
        .values(
            "theme_day_id",
            "school__name",
            "actions",
            "responsible",
            "deadline",
            "follow_up_status",
        )
    ):
        plans[plan["theme_day_id"]].append(
            {
                "school": plan["school__name"],
                "trial_actions": plan["actions"],
                "responsible": plan["responsible"],
                "deadline": plan["deadline"].isoformat() if plan["deadline"] else None,
                "follow_up": plan["follow_up_status"],
            }
        )

    return {
        "period": period.name,
        "totals": _results(actions),
        "themes": [
            {"theme": name, **_results(theme_actions)} for name, theme_actions in by_theme.items()
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
                "title": day.title,
                "date": day.date.isoformat(),
                "place": day.place,
                "held": day.date <= as_of,
                "programme_items": day.programme_items,
                "presentations": day.presentations,
                "rollout_plans": plans.get(day.pk, []),
            }
            for day in days
        ],
    }
