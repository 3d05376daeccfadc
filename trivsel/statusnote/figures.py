"""The facts of each part as small tables and, where a picture says it better, a chart.

``figures(part_id, facts, ctx) -> Figures``; aggregates and school or organisation names only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import charts
from .formatting import kr, number, short_day

CHART_ROWS = 14  # more bars than this are a table


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    label: str = ""  # «Tabel 2: …», numbered through the note by ``compose``


@dataclass
class Figures:
    tables: list[Table] = field(default_factory=list)
    chart: str | None = None
    chart_title: str = ""
    chart_items: list[tuple[str, int | float]] = field(default_factory=list)
    chart_label: str = ""  # «Figur 1: …», numbered through the note by ``compose``
    examples: list[dict] = field(default_factory=list)  # approved example cases: title, text


def _chart(part_id: str, title: str, items, fig: Figures) -> None:
    fig.chart_title, fig.chart_items = title, list(items)
    fig.chart = charts.bar_chart(f"chart-{part_id.replace('.', '-')}", title, fig.chart_items)


def introduction(facts: dict | None) -> Figures:
    fig = Figures()
    if facts and facts.get("school_year"):
        fig.tables.append(
            Table(
                f"Skoleåret {facts['school_year']} i tal",
                ["Skoleår", "Skoler", "Klasser", "Elever"],
                [
                    [
                        facts["school_year"],
                        number(facts["schools"]),
                        number(facts["classes"]),
                        number(facts["pupils"]),
                    ]
                ],
                {1, 2, 3},
            )
        )
    return fig


def trials(facts: dict) -> Figures:
    fig = Figures()
    themes = facts.get("themes") or []
    if themes:
        fig.tables.append(
            Table(
                "Prøvehandlinger pr. tema",
                ["Tema", "Prøvehandlinger", "Skoler", "Evalueret", "Ønskes fortsat"],
                [
                    [
                        t["theme"],
                        number(t["actions"]),
                        number(t["schools"]),
                        number(t["evaluated"]),
                        number(t["want_to_continue"]),
                    ]
                    for t in themes
                ],
                {1, 2, 3, 4},
            )
        )
    totals = facts.get("totals") or {}
    if totals.get("evaluated"):
        undecided = (
            totals["actions"] - totals["continuing"] - totals["adjusted"] - totals["stopped"]
        )
        _chart(
            "trials",
            "Skolernes beslutning om prøvehandlingerne",
            [
                ("Videreføres", totals["continuing"]),
                ("Videreføres i tilpasset form", totals["adjusted"]),
                ("Stoppes", totals["stopped"]),
                ("Ikke besluttet endnu", undecided),
            ],
            fig,
        )
    return fig


def theme_day(facts: dict) -> Figures:
    fig = Figures()
    for d in facts.get("theme_days") or []:
        plans = d.get("rollout_plans") or []
        if plans:
            fig.tables.append(
                Table(
                    f"Skolernes udrulningsplaner efter temadagen {short_day(d['date'])}",
                    ["Skole", "Prøvehandlinger", "Frist"],
                    [
                        [p["school"], number(p["trial_actions"]), short_day(p.get("deadline"))]
                        for p in plans
                    ],
                    {1},
                )
            )
    return fig


def consultants(facts: dict) -> Figures:
    fig = Figures()
    activities = facts.get("activities") or {}
    kinds = activities.get("by_kind") or []
    if kinds:
        _chart(
            "consultants",
            "Konsulenternes aktiviteter i perioden efter type",
            [(k["label"], k["count"]) for k in kinds],
            fig,
        )
    schools = activities.get("by_school") or []
    if schools:
        fig.tables.append(
            Table(
                "Konsulentaktiviteter pr. skole",
                ["Skole", "Aktiviteter"],
                [[s["school"], number(s["count"])] for s in schools],
                {1},
            )
        )
    fig.examples = [
        {"title": c["title"], "text": c["text"]} for c in facts.get("example_cases") or []
    ]
    return fig


def openschool(facts: dict) -> Figures:
    fig = Figures()
    for p in facts.get("programmes") or []:
        rows = p.get("by_school") or []
        if rows:
            fig.tables.append(
                Table(
                    f"Åben Skole-midler {p['school_year']} pr. skole",
                    ["Skole", "Ansøgninger", "Bevilget", "Afrapporteret", "Rest"],
                    [
                        [
                            r["name"],
                            number(r["applications"]),
                            kr(r["allocated"]),
                            kr(r["reported"]),
                            kr(r["remaining"]),
                        ]
                        for r in rows
                    ],
                    {1, 2, 3, 4},
                )
            )
    return fig


def headspace(facts: dict) -> Figures:
    fig = Figures()
    rows = [
        [
            c["school_year"],
            f"{c['grade']}.",
            number(c["classes"]),
            number(c["held"]),
            number(c["booked"]),
            number(c["missing"]),
        ]
        for c in facts.get("coverage") or []
    ]
    planned = facts.get("planned")
    if planned and planned.get("classes"):
        rows.append(
            [
                f"{planned['school_year']} (planlagt)",
                f"{planned['grade']}.",
                number(planned["classes"]),
                number(planned.get("held", 0)),
                number(planned.get("booked", 0)),
                number(planned["classes"] - planned.get("held", 0) - planned.get("booked", 0)),
            ]
        )
    if rows:
        fig.tables.append(
            Table(
                "Headspace-oplæg: dækning af årgangen",
                ["Skoleår", "Årgang", "Klasser", "Afholdt", "Booket", "Mangler"],
                rows,
                {2, 3, 4, 5},
            )
        )
    return fig


def griefgroups(facts: dict) -> Figures:
    fig = Figures()
    participants = facts.get("participants") or []
    if participants and any(p["completed"] for p in participants):
        fig.tables.append(
            Table(
                "Deltagere i sorggruppelederkurset pr. skole",
                ["Skole", "Bekræftet", "Gennemført"],
                [
                    [p["school"], number(p["confirmed"]), number(p["completed"])]
                    for p in participants
                ],
                {1, 2},
            )
        )
    elif participants:  # before anyone can have completed: no column of zeros
        fig.tables.append(
            Table(
                "Deltagere i sorggruppelederkurset pr. skole",
                ["Skole", "Bekræftet plads"],
                [[p["school"], number(p["confirmed"])] for p in participants],
                {1},
            )
        )
    return fig


def _event_rows(facts: dict, kind: str) -> list[dict]:
    return [
        e
        for when in ("held", "in_period_planned", "planned")
        for e in facts.get(when) or []
        if e.get("kind") == kind
    ]


def conference(facts: dict) -> Figures:
    fig = Figures()
    for e in _event_rows(facts, "conference"):
        orgs = sorted(e.get("by_organisation") or [], key=lambda o: (-o["count"], o["name"]))
        if orgs and not fig.chart and len(orgs) <= CHART_ROWS:
            # the chart carries every number (and says them in its alternate text)
            _chart(
                "conference",
                f"Tilmeldte til «{e['title']}» pr. organisation",
                [(o["name"], o["count"]) for o in orgs],
                fig,
            )
        elif orgs:
            fig.tables.append(
                Table(
                    f"Tilmeldte til «{e['title']}» pr. organisation",
                    ["Organisation", "Tilmeldte"],
                    [[o["name"], number(o["count"])] for o in orgs],
                    {1},
                )
            )
    return fig


def course(facts: dict) -> Figures:
    fig = Figures()
    for e in _event_rows(facts, "course"):
        rows = e.get("participants_per_school") or []
        if rows:
            fig.tables.append(
                Table(
                    f"Deltagere i «{e['title']}» pr. skole",
                    ["Skole", "Deltagere"],
                    [[r["school"], number(r["count"])] for r in rows],
                    {1},
                )
            )
    return fig


def generic(facts: dict) -> Figures:
    """Top-level numbers of a section the note does not know, as one two-column table."""
    rows = [
        [key.replace("_", " ").capitalize(), number(value)]
        for key, value in facts.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    return Figures(tables=[Table("Nøgletal", ["", "Antal"], rows, {1})] if rows else [])


FIGURES = {
    "trials": trials,
    "trials.themeday": theme_day,
    "consultants": consultants,
    "openschool": openschool,
    "headspace": headspace,
    "griefgroups": griefgroups,
    "conference": conference,
    "conference.course": course,
}


def figures(part_id: str, facts: dict | None) -> Figures:
    if not facts:
        return Figures()
    return FIGURES.get(part_id, generic)(facts)
