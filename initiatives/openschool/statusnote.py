"""The status note's Åben Skole section: money by school and partner (allocated, reported,
remaining) for the programmes of the period, the partners of their offers (the actors of the
surrounding community, with their own descriptions), and what is decided for the next school year.

As of means as of: a programme and its offers count once they were recorded, with the budget and
decisions they had at the end of ``as_of`` (their history); an application once it was made
(``created_at``), money as allocated once it was decided (``decided_at``) and as reported once the
report was made (its ``created_at``), with the decision as it stood then (the history). Five
queries whatever the number of applications.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trivsel.schools import asof, sections

from .models import ALLOCATED, Application, Offer, Programme, Status

TITLE = "Åben Skole-midler"
ZERO = Decimal(0)


def _kr(value: Decimal) -> float:
    return float(value)


def _money(programme_ids: list[int], as_of: date) -> tuple[dict, dict, dict]:
    """Applications made by ``as_of`` per programme, by school and by partner: how many, how much
    applied for, allocated (decided by then, with the decision as it stood then) and reported; and
    per programme how the applications stood (``decisions``: counts by status, the reasons for
    refusals, what the reports made by then say of the staff's part). Two queries."""
    until = asof.cutoff(as_of)
    rows = list(
        Application.objects.filter(programme__in=programme_ids, created_at__lt=until).values(
            "pk",
            "programme_id",
            "school__name",
            "offer__partner__name",
            "amount",
            "status",
            "approved_amount",
            "decided_at",
            "decision_reason",
            "report__spent_amount",
            "report__created_at",
            "report__staff_participation",
        )
    )
    fields = ["status", "approved_amount", "decided_at", "decision_reason"]
    states = asof.states(Application, [r["pk"] for r in rows], as_of, fields)
    by_school: dict[int, dict[str, dict]] = {}
    by_partner: dict[int, dict[str, dict]] = {}
    decisions: dict[int, dict] = {}
    for row in rows:
        state = states.get(row["pk"]) or row  # bulk-inserted rows have no history: as now
        if state["status"] == Status.DRAFT:
            continue  # a draft is no application yet
        decided = state["decided_at"] is not None and state["decided_at"] < until
        status = state["status"] if decided or state["status"] == Status.SUBMITTED else None
        status = status or Status.SUBMITTED  # decided after as_of: still waiting then
        allocated = (state["approved_amount"] or ZERO) if decided else ZERO
        if status not in ALLOCATED:
            allocated = ZERO
        made = row["report__created_at"] is not None and row["report__created_at"] < until
        reported = (row["report__spent_amount"] or ZERO) if made and allocated else ZERO
        summary = decisions.setdefault(
            row["programme_id"], {"statuses": {}, "refusals": [], "staff_participation": []}
        )
        summary["statuses"][status] = summary["statuses"].get(status, 0) + 1
        if status == Status.REJECTED and state["decision_reason"]:
            summary["refusals"].append(state["decision_reason"])
        if made and row["report__staff_participation"]:
            summary["staff_participation"].append(row["report__staff_participation"])
        for table, key in ((by_school, "school__name"), (by_partner, "offer__partner__name")):
            name = str(row[key] or _("Egen aktivitet"))
            totals = table.setdefault(row["programme_id"], {}).setdefault(
                name,
                {
                    "name": name,
                    "applications": 0,
                    "applied": ZERO,
                    "allocated": ZERO,
                    "reported": ZERO,
                    "statuses": [],
                },
            )
            totals["applications"] += 1
            totals["applied"] += row["amount"] or ZERO
            totals["allocated"] += allocated
            totals["reported"] += reported
            totals["statuses"].append(status)

    def rows_of(table: dict) -> dict[int, list[dict]]:
        return {
            programme: [
                {
                    "name": t["name"],
                    "applications": t["applications"],
                    "applied": _kr(t["applied"]),
                    "allocated": _kr(t["allocated"]),
                    "reported": _kr(t["reported"]),
                    "remaining": _kr(t["allocated"] - t["reported"]),
                    "statuses": t["statuses"],
                }
                for _name, t in sorted(names.items())
            ]
            for programme, names in table.items()
        }

    return rows_of(by_school), rows_of(by_partner), decisions


@sections.register(
    key="openschool", title=gettext_lazy("Åben Skole-midler"), order=30, query_budget=6
)
def section(period, as_of: date) -> dict:
    # query 1: the programmes of the period and the first one after as_of, known by as_of
    programmes = list(
        asof.known(
            Programme.objects.filter(
                Q(school_year__start__lte=period.end, school_year__end__gte=period.start)
                | Q(school_year__start__gt=as_of)
            ),
            as_of,
        )
        .order_by("school_year__start")
        .values(
            "pk",
            "school_year__name",
            "school_year__start",
            "school_year__end",
            "budget",
            "decided_notes",
            "next_year_notes",
        )
    )
    upcoming = next((p for p in programmes if p["school_year__start"] > as_of), None)
    in_period = [
        p
        for p in programmes
        if p["school_year__start"] <= period.end and p["school_year__end"] >= period.start
    ]
    shown = [p["pk"] for p in in_period] + ([upcoming["pk"]] if upcoming else [])
    # query 2: their budget and decisions as they stood at the end of as_of
    states = asof.states(Programme, shown, as_of, ["budget", "decided_notes", "next_year_notes"])
    # query 3: the partners of their offers, known by as_of
    partners: dict[int, list[dict]] = {}
    for offer in (
        asof.known(Offer.objects.filter(programme__in=shown), as_of)
        .order_by("programme_id", "pk")
        .values("programme_id", "title", "partner__name", "partner__description")
    ):
        names = partners.setdefault(offer["programme_id"], [])
        if all(p["name"] != offer["partner__name"] for p in names):
            names.append(
                {
                    "name": offer["partner__name"],
                    "description": offer["partner__description"],
                    "offer": offer["title"],
                    "offers": [offer["title"]],
                }
            )
        else:
            next(p for p in names if p["name"] == offer["partner__name"])["offers"].append(
                offer["title"]
            )
    # queries 4–5: the money of the period's programmes by school and by partner
    ids = [p["pk"] for p in in_period]
    by_school, by_partner, decisions = _money(ids, as_of) if ids else ({}, {}, {})

    current = {p["pk"]: p for p in programmes}

    def state(pk: int, field: str):
        # a programme without history (bulk-inserted) is as it is now
        return (states.get(pk) or current[pk])[field]

    years = []
    for p in in_period:
        budget = state(p["pk"], "budget")
        schools = by_school.get(p["pk"], [])
        allocated = sum(r["allocated"] for r in schools)
        reported = sum(r["reported"] for r in schools)
        years.append(
            {
                "id": p["pk"],
                "school_year": p["school_year__name"],
                "start": p["school_year__start"].isoformat(),
                "end": p["school_year__end"].isoformat(),
                "budget": _kr(budget),
                "allocated": allocated,
                "reported": reported,
                "remaining": _kr(budget) - allocated,
                "applications": sum(r["applications"] for r in schools),
                "by_school": schools,
                "by_partner": by_partner.get(p["pk"], []),
                "partners": partners.get(p["pk"], []),
                "decided": state(p["pk"], "decided_notes"),
                "next_year": state(p["pk"], "next_year_notes"),
                **(decisions.get(p["pk"]) or {"statuses": {}, "refusals": []}),
                "staff_participation": (decisions.get(p["pk"]) or {}).get(
                    "staff_participation", []
                ),
            }
        )
    return {
        "title": TITLE,
        "programmes": years,
        "planned": {
            "id": upcoming["pk"],
            "school_year": upcoming["school_year__name"],
            "start": upcoming["school_year__start"].isoformat(),
            "budget": _kr(state(upcoming["pk"], "budget")),
            "decided": state(upcoming["pk"], "decided_notes"),
            "partners": partners.get(upcoming["pk"], []),
        }
        if upcoming
        else None,
        "empty": not years and upcoming is None,
        "empty_text": _("Ingen Åben Skole-programmer i perioden."),
    }


@sections.follows_up("openschool")
def follow_up(refs: list[str], since: date, as_of: date) -> dict[str, dict]:
    """A programme the network was to administer: started with its school year (what has been
    applied for and allocated by ``as_of``), still to come, or dropped. Four queries."""
    ids = [int(r.split(":", 1)[1]) for r in refs if r.startswith("openschool.programme:")]
    if not ids:
        return {}
    programmes = {
        p["pk"]: p
        for p in Programme.objects.filter(pk__in=ids).values(
            "pk", "school_year__start", "school_year__end", "budget"
        )
    }
    # the budget as it stood at the end of as_of
    for pk, state in asof.states(Programme, list(programmes), as_of, ["budget"]).items():
        programmes[pk]["budget"] = state["budget"]
    by_school, _by_partner, decisions = _money(list(programmes), as_of)
    out = {}
    for pk in ids:
        p = programmes.get(pk)
        if p is None:
            out[f"openschool.programme:{pk}"] = {"state": "dropped", "date": None, "detail": {}}
            continue
        schools = by_school.get(pk, [])
        started = p["school_year__start"] <= as_of
        allocated = sum(r["allocated"] for r in schools)
        summary = decisions.get(pk) or {}
        out[f"openschool.programme:{pk}"] = {
            "state": "started" if started else "planned",
            "date": p["school_year__start"].isoformat(),
            "detail": {
                "applications": sum(r["applications"] for r in schools),
                "allocated": allocated,
                "reported": sum(r["reported"] for r in schools),
                "schools": sum(1 for r in schools if r["allocated"]),
                "budget": _kr(p["budget"]),
                "remaining": _kr(p["budget"]) - allocated,
                "end": p["school_year__end"].isoformat(),
                "statuses": summary.get("statuses", {}),
                "refusals": summary.get("refusals", []),
                "staff_participation": summary.get("staff_participation", []),
            },
        }
    return out
