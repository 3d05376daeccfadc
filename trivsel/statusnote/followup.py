"""Follow-up of the last note: what a note states as planned becomes a recorded commitment when it
is made final, and the next note opens each part with «Opfølgning på sidste statusnotat» — what
was promised and what happened, from the data (held, started, delayed, dropped).

``plans(part_id, facts, ctx)`` reads the plans a part's text states from the section's facts (the
same facts the narrative drafts from), with the ``ref`` the section gave each planned record.
``collect(period, as_of)`` finds the last final note of an earlier half-year, asks each section
(``sections.follow_up``) what became of its commitments, and lists the parts that note reported
on, so that none is silently dropped. ``sentence(item)`` says one outcome in Danish.
"""

from __future__ import annotations

from datetime import date, timedelta

from trivsel.schools import sections

from .formatting import (
    capitalise,
    count,
    day,
    day_range,
    in_words,
    kr,
    listing,
    of,
    part_of_month,
    season,
)
from .models import Commitment, NoteStatus, StatusNote

HEADING = "Opfølgning på sidste statusnotat"


def _plan(ref: str, section: str, part: str, what: str, due: str | date) -> dict:
    return {
        "ref": ref,
        "section": section,
        "part": part,
        "what": what,
        "due": due if isinstance(due, str) else due.isoformat(),
    }


def plans(part_id: str, facts: dict | None, ctx) -> list[dict]:
    """The plans the part's drafted text states, each with its section's ``ref`` and due date."""
    facts = facts or {}
    found: list[dict] = []
    if part_id == "trials":
        start = ((ctx.facts.get("schools") or {}).get("next_school_year") or {}).get("start")
        due = start or (ctx.as_of + timedelta(days=365)).isoformat()
        for theme in facts.get("themes") or []:
            if theme.get("schools_continuing"):
                found.append(
                    _plan(
                        f"trials.theme:{theme['theme']}",
                        "trials",
                        part_id,
                        f"Skolerne ønsker at fortsætte fokus på {theme['theme'].lower()}",
                        due,
                    )
                )
    elif part_id == "trials.themeday":
        for d in facts.get("theme_days") or []:
            if not d.get("held") and d.get("id"):
                when = f"{part_of_month(d['date'])} {d['date'][:4]}"
                found.append(
                    _plan(
                        f"trials.themeday:{d['id']}",
                        "trials",
                        part_id,
                        f"Temadag for skoleledelserne {when}",
                        d["date"],
                    )
                )
    elif part_id == "openschool":
        p = facts.get("planned")
        if p and p.get("id"):
            found.append(
                _plan(
                    f"openschool.programme:{p['id']}",
                    "openschool",
                    part_id,
                    "Netværket administrerer Åben Skole-midlerne til sundhed og trivsel fra "
                    f"skoleåret {p['school_year']}",
                    p["start"],
                )
            )
    elif part_id == "headspace":
        p = facts.get("planned")
        if p and p.get("id"):
            found.append(
                _plan(
                    f"headspace.target:{p['id']}",
                    "headspace",
                    part_id,
                    f"Alle klasser på {p['grade']}. årgang får Headspaces oplæg fra skoleåret "
                    f"{p['school_year']}",
                    p["start"],
                )
            )
    elif part_id == "griefgroups":
        c = facts.get("course")
        if c and c.get("id") and c.get("status") != "held":
            found.append(
                _plan(
                    f"griefgroups.course:{c['id']}",
                    "griefgroups",
                    part_id,
                    f"Sorggruppelederkursus i {season(c['start'])}",
                    c["end"],
                )
            )
            found.append(
                _plan(
                    f"griefgroups.groups:{c['id']}",
                    "griefgroups",
                    part_id,
                    "Udvalgte skoler igangsætter sorggrupper efter kurset",
                    c["end"],
                )
            )
    elif part_id in ("conference", "conference.course"):
        kind = "conference" if part_id == "conference" else "course"
        for when in ("in_period_planned", "planned"):
            for e in facts.get(when) or []:
                if e.get("kind") == kind and e.get("id"):
                    what = "Konferencen" if kind == "conference" else "Efteruddannelsen"
                    found.append(
                        _plan(
                            f"conference.event:{e['id']}",
                            "conference",
                            part_id,
                            f"{what} «{e['title']}» {day_range(e['first_day'], e['last_day'])}",
                            e["first_day"],
                        )
                    )
    return found


def last_final_note(period) -> StatusNote | None:
    """The final note of the latest half-year before ``period`` (the one the committee got)."""
    return (
        StatusNote.objects.filter(status=NoteStatus.FINAL, period__start__lt=period.start)
        .select_related("period")
        .order_by("-period__start", "-version")
        .first()
    )


def collect(period, as_of: date) -> dict | None:
    """The follow-up a note as of ``as_of`` opens its parts with (JSON-able, frozen with it)."""
    last = last_final_note(period)
    if last is None:
        return None
    commitments = list(Commitment.objects.filter(note=last).order_by("due", "pk"))
    by_section: dict[str, list[str]] = {}
    for c in commitments:
        by_section.setdefault(c.section, []).append(c.ref)
    outcomes: dict[str, dict] = {}
    for key, refs in by_section.items():
        outcomes.update(sections.follow_up(key, refs, last.as_of, as_of))
    texts = last.narratives or {}
    return {
        "note": f"{last.period.name}, version {last.version}",
        "as_of": last.as_of.isoformat(),
        "items": [
            {
                "ref": c.ref,
                "section": c.section,
                "part": c.part,
                "what": c.what,
                "due": c.due.isoformat(),
                **(outcomes.get(c.ref) or {"state": "unknown", "date": None, "detail": {}}),
            }
            for c in commitments
        ],
        # every part the last note had a text for: never silently dropped
        "reported": sorted(part for part, text in texts.items() if (text or "").strip()),
    }


FOLLOW_UP_STATES = {
    "done": "gennemført",
    "in_progress": "i gang",
    "not_started": "ikke påbegyndt",
    "dropped": "opgivet",
}


def sentence(item: dict, as_of: date) -> str:
    """«Temadag for skoleledelserne i slutningen af april 2023: holdt den 27. april 2023; …»."""
    state, detail = item.get("state"), item.get("detail") or {}
    due = date.fromisoformat(item["due"])
    when = item.get("date")
    ref = item["ref"]
    if state == "dropped":
        outcome = "er aflyst eller ikke længere registreret i portalen."
    elif state == "unknown":
        outcome = "portalen har ingen data om, hvad der er sket."
    elif ref.startswith("trials.themeday:"):
        if state == "held":
            outcome = f"holdt den {day(when)}."
            if detail.get("plans"):
                progress = [
                    f"{in_words(detail[s])} {word}"
                    for s, word in FOLLOW_UP_STATES.items()
                    if detail.get(s)
                ]
                outcome += (
                    f" {capitalise(count(detail['plans'], 'skole'))} lagde på dagen en "
                    f"udrulningsplan; pr. {day(as_of)} er {listing(progress)}."
                )
        else:
            outcome = _planned(when, due)
    elif ref.startswith("trials.theme:"):
        if state == "started":
            outcome = (
                f"fortsat med {count(detail['actions'], 'prøvehandling')} på "
                f"{count(detail['schools'], 'skole')} siden sidste notat"
                + (
                    f", og {in_words(detail['planned'])} er planlagt."
                    if detail.get("planned")
                    else "."
                )
            )
        elif state == "planned":
            outcome = f"{capitalise(count(detail['planned'], 'prøvehandling'))} er planlagt."
        else:
            outcome = "der er ikke registreret nye prøvehandlinger med temaet siden sidste notat."
    elif ref.startswith("openschool.programme:"):
        if state == "started":
            outcome = (
                f"i gang fra {day(when)}: {count(detail['applications'], 'ansøgning')}, "
                f"{kr(detail['allocated'])} bevilget til {count(detail['schools'], 'skole')}"
                + (
                    f" og {kr(detail['reported'])} afrapporteret."
                    if detail.get("reported")
                    else "."
                )
            )
        else:
            outcome = _planned(when, due)
    elif ref.startswith("headspace.target:"):
        if state == "started":
            covered = detail["held"] + detail["booked"]
            outcome = (
                f"i gang: {of(covered, detail['classes'], 'klasse')} har fået eller booket "
                f"oplægget ({in_words(detail['held'])} holdt, {in_words(detail['booked'])} "
                "booket)"
                + (
                    f", {count(detail['missing'], 'klasse')} mangler."
                    if detail.get("missing")
                    else "."
                )
            )
        else:
            outcome = _planned(when, due)
    elif ref.startswith("griefgroups.course:"):
        if state == "held":
            outcome = (
                f"afviklet {day_range(when, detail['end'])}; "
                f"{count(detail['completed'], 'udvalgt medarbejder')} fra "
                f"{count(detail['schools'], 'skole')} har gennemført kurset."
            )
        elif state == "started":
            outcome = f"i gang siden {day(when)}."
        else:
            outcome = _planned(when, due)
    elif ref.startswith("griefgroups.groups:"):
        if state == "started":
            outcome = (
                f"{count(detail['groups'], 'sorggruppe')} er startet på "
                f"{count(detail['schools'], 'skole')}."
            )
        else:
            outcome = "endnu ingen sorggrupper er startet." + (
                " Det er senere end planlagt." if as_of > due + timedelta(days=90) else ""
            )
    elif ref.startswith("conference.event:"):
        if state == "held":
            outcome = f"holdt {day_range(when, detail['last'])}."
        else:
            outcome = _planned(when, due) + (
                f" {capitalise(count(detail['registrations'], 'tilmeldt deltager'))}"
                f" pr. {day(as_of)}."
            )
    else:
        outcome = {"held": "holdt.", "started": "i gang.", "done": "gennemført."}.get(
            state, "planlagt."
        )
    return f"{item['what']}: {outcome}"


def _planned(when: str | None, due: date) -> str:
    if when and date.fromisoformat(when) > due:
        return f"udskudt til {day(when)}."
    return f"planlagt til {day(when)}." if when else "planlagt."


def for_part(follow_up: dict | None, part_id: str, as_of: date) -> list[str]:
    """The follow-up sentences of one part of the note."""
    if not follow_up:
        return []
    return [sentence(i, as_of) for i in follow_up.get("items") or [] if i["part"] == part_id]
