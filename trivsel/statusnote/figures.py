"""The facts of each part as small tables and, where a picture says it better, a chart.

``figures(part_id, facts) -> Figures``; aggregates and school or organisation names only.

A figure must earn its place: what the text already says in a sentence is not repeated as a table.
So a table with one row, a table whose every number is zero, and a table in which every row has
the same numbers (one participant from each school) are left out, and so are columns of zeros
(``earns_its_place``); a chart needs at least two bars.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import charts
from .formatting import day, day_range, kr, number, quoted, short_day
from .narrative import organisation_tree

CHART_ROWS = 14  # more bars than this are a table


@dataclass
class Row:
    cells: list[str]
    level: int = 0  # indentation: a unit under its department


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    label: str = ""  # «Tabel 2: …», numbered through the note by ``compose``
    levels: list[int] = field(default_factory=list)  # per row; empty: all 0
    values: list[list[float]] = field(default_factory=list)  # the numeric cells' numbers

    @property
    def body(self) -> list[Row]:
        levels = self.levels or [0] * len(self.rows)
        return [Row(cells, level) for cells, level in zip(self.rows, levels, strict=True)]


@dataclass
class Figures:
    tables: list[Table] = field(default_factory=list)
    chart: str | None = None
    chart_title: str = ""
    chart_items: list[tuple[str, int | float]] = field(default_factory=list)
    chart_label: str = ""  # «Figur 1: …», numbered through the note by ``compose``


def earns_its_place(table: Table) -> Table | None:
    """The table without its columns of zeros, or None when it says nothing a sentence does not:
    one row, every number zero, or every row with the same numbers."""
    if len(table.rows) <= 1 or not table.values:
        return None
    numeric = sorted(table.numeric)
    zero = [i for i, col in enumerate(numeric) if all(not row[i] for row in table.values)]
    if len(zero) == len(numeric):
        return None
    if len({tuple(row) for row in table.values}) == 1:
        return None
    if zero:
        keep = [c for c in range(len(table.headers)) if c not in {numeric[i] for i in zero}]
        table.headers = [table.headers[c] for c in keep]
        table.rows = [[row[c] for c in keep] for row in table.rows]
        table.numeric = {keep.index(c) for c in table.numeric if c in keep}
        table.values = [[v for i, v in enumerate(row) if i not in zero] for row in table.values]
    return table


def _add(fig: Figures, table: Table) -> None:
    kept = earns_its_place(table)
    if kept is not None:
        fig.tables.append(kept)


def _chart(part_id: str, title: str, items, fig: Figures) -> None:
    items = [(label, value) for label, value in items if value]
    if len(items) < 2:
        return
    fig.chart_title, fig.chart_items = title, list(items)
    fig.chart = charts.bar_chart(f"chart-{part_id.replace('.', '-')}", title, fig.chart_items)


def introduction(facts: dict | None) -> Figures:
    """Nothing: the school year's numbers are no part of the seed note's introduction."""
    return Figures()


def trials(facts: dict) -> Figures:
    """The themes, when there are more than the text can tell in a sentence or two."""
    fig = Figures()
    themes = facts.get("themes") or []
    if len(themes) > 2:
        _add(
            fig,
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
                values=[
                    [t["actions"], t["schools"], t["evaluated"], t["want_to_continue"]]
                    for t in themes
                ],
            ),
        )
    return fig


FOLLOW_UP_LABELS = {
    "done": "Gennemført",
    "in_progress": "I gang",
    "not_started": "Ikke påbegyndt",
    "dropped": "Opgivet",
}


def theme_day(facts: dict) -> Figures:
    fig = Figures()
    for d in facts.get("theme_days") or []:
        plans = d.get("rollout_plans") or []
        if plans:
            _add(
                fig,
                Table(
                    f"Skolernes udrulningsplaner efter temadagen {short_day(d['date'])}",
                    ["Skole", "Prøvehandlinger", "Frist", "Status"],
                    [
                        [
                            p["school"],
                            number(p["trial_actions"]),
                            short_day(p.get("deadline")),
                            FOLLOW_UP_LABELS.get(p.get("follow_up"), ""),
                        ]
                        for p in plans
                    ],
                    {1},
                    values=[[p["trial_actions"]] for p in plans],
                ),
            )
    return fig


KIND_LABELS = {
    "observation": "Observationer",
    "vejledning": "Vejledninger",
    "sparring": "Sparringssamtaler",
    "trivselsforloeb": "Sessioner i trivselsforløb",
    "andet": "Andre aktiviteter",
}


def consultants(facts: dict) -> Figures:
    """The activities by kind (the text says how many in all, and where)."""
    fig = Figures()
    kinds = (facts.get("activities") or {}).get("by_kind") or []
    counted = [d for d in (facts.get("start"), facts.get("first_activity")) if d]
    when = f", {day_range(max(counted), facts['end'])}" if counted and facts.get("end") else ""
    _chart(
        "consultants",
        f"Konsulenternes aktiviteter efter type{when}",
        [(KIND_LABELS.get(k["kind"], k["label"]), k["count"]) for k in kinds],
        fig,
    )
    return fig


DECISIONS = {
    "submitted": "Afventer",
    "changes": "Sendt retur",
    "approved": "Bevilget",
    "partly": "Delvist bevilget",
    "rejected": "Afslået",
}


def openschool(facts: dict) -> Figures:
    fig = Figures()
    for p in facts.get("programmes") or []:
        rows = p.get("by_school") or []
        if not rows:
            continue
        _add(
            fig,
            Table(
                f"Ansøgninger om Åben Skole-midler {p['school_year']} pr. skole",
                ["Skole", "Ansøgt", "Bevilget", "Afgørelse"],
                [
                    [
                        r["name"],
                        kr(r.get("applied", 0)),
                        kr(r["allocated"]),
                        ", ".join(DECISIONS.get(s, s) for s in r.get("statuses") or []),
                    ]
                    for r in rows
                ],
                {1, 2},
                values=[[r.get("applied", 0), r["allocated"]] for r in rows],
            ),
        )
    return fig


def headspace(facts: dict) -> Figures:
    """Coverage of the grade, year by year (one year is a sentence; a planned year has nothing
    to count yet)."""
    fig = Figures()
    years = facts.get("coverage") or []
    _add(
        fig,
        Table(
            "Headspace-oplæg: dækning af årgangen",
            ["Skoleår", "Årgang", "Klasser", "Holdt", "Bestilt", "Mangler"],
            [
                [
                    c["school_year"],
                    f"{c['grade']}.",
                    number(c["classes"]),
                    number(c["held"]),
                    number(c["booked"]),
                    number(c["missing"]),
                ]
                for c in years
            ],
            {2, 3, 4, 5},
            values=[[c["classes"], c["held"], c["booked"], c["missing"]] for c in years],
        ),
    )
    return fig


def griefgroups(facts: dict) -> Figures:
    fig = Figures()
    participants = facts.get("participants") or []
    completed = any(p["completed"] for p in participants)
    _add(
        fig,
        Table(
            "Deltagere i sorggruppelederkurset pr. skole",
            ["Skole", "Bekræftet", "Gennemført"] if completed else ["Skole", "Bekræftet plads"],
            [
                [p["school"], number(p["confirmed"])]
                + ([number(p["completed"])] if completed else [])
                for p in participants
            ],
            {1, 2} if completed else {1},
            values=[
                [p["confirmed"]] + ([p["completed"]] if completed else []) for p in participants
            ],
        ),
    )
    return fig


def _event_rows(facts: dict, kind: str) -> list[dict]:
    return [
        e
        for when in ("held", "in_period_planned", "planned")
        for e in facts.get(when) or []
        if e.get("kind") == kind
    ]


def _others(name: str, level: int) -> str:
    """The row of an organisation's own sign-ups beside its units': «Forvaltningen i øvrigt»
    under a top-level administration, «Skoleområdet i øvrigt» under any other."""
    if level == 0 and name.lower().endswith("forvaltningen"):
        return "Forvaltningen i øvrigt"
    return f"{name} i øvrigt"


def _organisation_rows(e: dict) -> tuple[list[str], list[int], list[int]]:
    """(names, levels, counts) of the table's rows: each organisation with its total, followed by
    its units and, when it has sign-ups of its own too, a row for those, so every total is the sum
    of the rows under it; then the pupils and the total."""
    roots, children, totals, kinds = organisation_tree(e.get("by_organisation") or [])
    # the administrations first, then the unions, as the text names them
    roots = [r for r in roots if kinds.get(r) != "union"] + [
        r for r in roots if kinds.get(r) == "union"
    ]
    names: list[str] = []
    levels: list[int] = []
    counts: list[int] = []
    stack: list[tuple[str, int, int | None]] = [(root, 0, None) for root in reversed(roots)]
    while stack:  # depth first: each department followed by its units
        name, level, own = stack.pop()
        names.append(name)
        levels.append(level)
        counts.append(own if own is not None else totals[name])
        if own is not None:
            continue
        below = children.get(name) or []
        rest = totals[name] - sum(totals[c] for c in below)
        if below and rest:
            stack.append((_others(name, level), level + 1, rest))
        stack.extend((child, level + 1, None) for child in reversed(below))
    pupils = (e.get("by_kind") or {}).get("pupil", 0)
    if pupils:
        names.append("Elever fra skolerne")
        levels.append(0)
        counts.append(pupils)
    if names:
        names.append("I alt")
        levels.append(0)
        counts.append(e["registrations"])
    return names, levels, counts


def conference(facts: dict, earlier: dict | None = None) -> Figures:
    """Sign-ups by organisation, nested as the text tells them: a unit under its department, with
    the department's total; beside them the figures of the last note (``earlier``: its facts)."""
    fig = Figures()
    as_of, then = facts.get("as_of"), (earlier or {}).get("as_of")
    before = {e.get("id"): e for e in _event_rows(earlier or {}, "conference")}
    for e in _event_rows(facts, "conference"):
        names, levels, counts = _organisation_rows(e)
        headers = ["Organisation", "Tilmeldte"]
        rows = [[n, number(c)] for n, c in zip(names, counts, strict=True)]
        values = [[c] for c in counts]
        last = before.get(e.get("id"))
        if last and then and as_of:
            was = dict(zip(*_organisation_rows(last)[::2], strict=True))
            headers = ["Organisation", f"Pr. {day(then)}", f"Pr. {day(as_of)}"]
            rows = [
                [n, number(was.get(n, 0)), number(c)] for n, c in zip(names, counts, strict=True)
            ]
            values = [[was.get(n, 0), c] for n, c in zip(names, counts, strict=True)]
        when = f", {day(as_of)}" if as_of and not last else ""
        _add(
            fig,
            Table(
                f"Tilmeldte til {quoted(e['title'])} efter organisation{when}",
                headers,
                rows,
                set(range(1, len(headers))),
                levels=levels,
                values=values,
            ),
        )
    return fig


def course(facts: dict) -> Figures:
    fig = Figures()
    for e in _event_rows(facts, "course"):
        rows = e.get("participants_per_school") or []
        _add(
            fig,
            Table(
                f"Deltagere i {quoted(e['title'])} pr. skole",
                ["Skole", "Deltagere"],
                [[r["school"], number(r["count"])] for r in rows],
                {1},
                values=[[r["count"]] for r in rows],
            ),
        )
    return fig


def generic(facts: dict) -> Figures:
    """Top-level numbers of a section the note does not know, as one two-column table."""
    items = [
        (key, value)
        for key, value in facts.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    if not items or not any(value for _, value in items):
        return Figures()
    return Figures(
        tables=[
            Table(
                "Nøgletal",
                ["", "Antal"],
                [[key.replace("_", " ").capitalize(), number(value)] for key, value in items],
                {1},
                values=[[value] for _, value in items],
            )
        ]
    )


COMPARING = {"conference"}  # parts whose figures show the last note's beside them
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


def figures(part_id: str, facts: dict | None, earlier: dict | None = None) -> Figures:
    """The part's figures; ``earlier``: the last note's facts of the section, for the parts that
    compare with them."""
    if not facts:
        return Figures()
    if part_id in COMPARING:
        return FIGURES[part_id](facts, earlier)
    return FIGURES.get(part_id, generic)(facts)
