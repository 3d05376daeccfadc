"""The portal's draft of each part's text, in plain Danish sentences made from the facts.

One small function per part of the note (see ``structure``), ``f(facts, ctx) -> str | None``:
``facts`` is the part's section dict, ``ctx`` gives the other sections and ``as_of``. None means
the section has nothing for the period (the note then shows the part's one «no data» line).
Sections the note does not know get ``generic``. The coordinator edits the result in the browser.

Only aggregates and school names reach these texts — never pupils' names or observations; the
consultants' example cases are approved for publication and rendered beside the text, not in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .formatting import day, day_range, in_words, kr, listing, number, of, season


@dataclass
class Context:
    facts: dict[str, dict]  # every section's facts, by key
    as_of: date
    period: str = ""
    extra: dict = field(default_factory=dict)

    def schools_total(self) -> int:
        return (self.facts.get("schools") or {}).get("schools") or 0


def _sentences(*parts: str | None) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


def _paragraphs(*paragraphs: str | None) -> str | None:
    text = "\n\n".join(p for p in paragraphs if p)
    return text or None


# --- Netværket Sundhed & Trivsel ---------------------------------------------------------------
def trials(facts: dict, ctx: Context) -> str | None:
    totals = facts.get("totals") or {}
    if not totals.get("actions"):
        return None
    themes = [t["theme"].lower() for t in facts.get("themes") or []]
    schools, all_schools = totals.get("schools", 0), ctx.schools_total() or totals.get("schools", 0)
    opening = (
        f"Initieret af netværket har {of(schools, all_schools, 'skoler')} i perioden på "
        f"forskellig vis afprøvet {number(totals['actions'])} prøvehandlinger"
        + (f" med fokus på {listing(themes)}." if themes else ".")
    )
    evaluated = totals.get("evaluated", 0)
    result = None
    if evaluated:
        result = f"{number(evaluated)} af prøvehandlingerne er evalueret."
        want = totals.get("want_to_continue", 0)
        if want:
            result += (
                f" På baggrund af erfaringerne ønsker skolerne at fortsætte {number(want)} af "
                f"dem ({number(totals.get('continuing', 0))} som de er og "
                f"{number(totals.get('adjusted', 0))} i tilpasset form)."
            )
    effect = None
    if totals.get("mean_effect_pupils") is not None:
        effect = (
            "Skolerne vurderer i gennemsnit effekten på elevernes mentale sundhed til "
            f"{number(totals['mean_effect_pupils'])} og på trivslen i klassen til "
            f"{number(totals.get('mean_effect_class'))} på en skala fra 1 til 5."
        )
    return _sentences(opening, result, effect)


def theme_day(facts: dict, ctx: Context) -> str | None:
    days = facts.get("theme_days") or []
    if not days:
        return None
    texts = []
    for d in days:
        place = f" ({d['place']})" if d.get("place") else ""
        plans = d.get("rollout_plans") or []
        if d.get("held"):
            text = (
                f"Netværket holdt den {day(d['date'])}{place} temadag for skoleledelserne "
                f"med {number(d.get('presentations', 0))} præsentationer af prøvehandlinger."
            )
            if plans:
                text += (
                    f" {of(len(plans), ctx.schools_total() or len(plans), 'skoler')} har "
                    "efterfølgende lagt en plan for, hvad de vil udrulle på egen skole."
                )
        else:
            text = (
                f"Netværket forbereder en temadag for skoleledelserne den {day(d['date'])}"
                f"{place}. Temadagen byder på præsentationer af prøvehandlinger til fremme af "
                "mental sundhed og trivsel med det formål at videndele på tværs af skolernes "
                "ledelser, og på arbejdstid i de enkelte ledelsesteams."
            )
        texts.append(text)
    return _paragraphs(*texts)


def consultants(facts: dict, ctx: Context) -> str | None:
    activities = facts.get("activities") or {}
    courses = facts.get("courses") or {}
    pit = facts.get("pit") or {}
    planned = facts.get("planned") or {}
    if (
        not activities.get("total")
        and not facts.get("example_cases")
        and not planned.get("activities")
    ):
        return None
    count = facts.get("consultants")
    who = (
        f"De {in_words(count)} trivsels- og udviklingskonsulenter"
        if isinstance(count, int) and count > 1
        else "Trivsels- og udviklingskonsulenterne"
    )
    kinds = [f"{number(k['count'])} × {k['label'].lower()}" for k in activities.get("by_kind", [])]
    opening = (
        f"{who} har i perioden haft {number(activities.get('total', 0))} aktiviteter på "
        f"{number(activities.get('schools', 0))} skoler"
        + (f" ({listing(kinds)})" if kinds else "")
        + "."
    )
    course = (
        f"De har faciliteret {number(courses['count'])} trivselsforløb i klasserne på "
        f"{number(courses.get('schools', 0))} skoler."
        if courses.get("count")
        else None
    )
    pit_text = (
        f"Konsulenterne har deltaget i {number(pit['meetings'])} møder i skolernes "
        f"pædagogiske indsatsteams (PIT) på {number(pit.get('schools', 0))} skoler."
        if pit.get("meetings")
        else None
    )
    ahead = (
        f"Fremadrettet er der aftalt {number(planned['activities'])} aktiviteter"
        + (
            f", og {number(len(planned['courses']))} nye trivselsforløb starter"
            if planned.get("courses")
            else ""
        )
        + "."
        if planned.get("activities")
        else None
    )
    example = (
        "Konsulenternes arbejde er beskrevet i et konkret eksempel nedenfor."
        if facts.get("example_cases")
        else None
    )
    return _sentences(opening, course, pit_text, ahead, example)


# --- Trivselsfremmende aktiviteter i Åben Skole regi ----------------------------------------------
def openschool(facts: dict, ctx: Context) -> str | None:
    texts = []
    for p in facts.get("programmes") or []:
        texts.append(
            f"I skoleåret {p['school_year']} er der afsat {kr(p['budget'])} til sundheds- og "
            f"trivselsfremmende aktiviteter i Åben Skole. Heraf er {kr(p['allocated'])} "
            f"bevilget, {kr(p['reported'])} afrapporteret, og {kr(p['remaining'])} er endnu "
            "ikke disponeret."
        )
    planned = facts.get("planned")
    if planned:
        texts.append(
            f"De midler, der er afsat til sundheds- og trivselsfremmende aktiviteter i "
            f"forbindelse med Åben Skole, administreres fra skoleåret {planned['school_year']} "
            f"af netværket Sundhed og Trivsel ({kr(planned['budget'])})."
            + (f" {planned['decided'].strip()}" if planned.get("decided") else "")
        )
    return _paragraphs(*texts)


def headspace(facts: dict, ctx: Context) -> str | None:
    texts = []
    talks = facts.get("talks") or {}
    for c in facts.get("coverage") or []:
        texts.append(
            f"I skoleåret {c['school_year']} har {c['coverage']} på {c['grade']}. årgang fået "
            f"eller booket Headspace' oplæg om trivsel og mental sundhed "
            f"({number(c['held'])} afholdt, {number(c['booked'])} booket)."
            + ("" if c.get("all_covered") else f" {number(c['missing'])} klasser mangler.")
        )
    if talks.get("feedback_count"):
        texts.append(
            f"Lærerne har givet {number(talks['feedback_count'])} tilbagemeldinger på oplæggene "
            f"med en gennemsnitlig vurdering på {number(talks.get('feedback_mean'))}."
        )
    planned = facts.get("planned")
    if planned:
        text = (
            f"Headspace indgår fra skoleåret {planned['school_year']} som et element i Åben "
            f"Skole-programmet. Dermed sikres, at alle klasser på {planned['grade']}. årgang får "
            "oplæg om trivsel og mental sundhedsfremme samt præsentation af det lokale "
            "Headspace i Rødovre."
        )
        if planned.get("classes"):
            text += (
                f" {number(planned.get('booked', 0) + planned.get('held', 0))} af "
                f"{number(planned['classes'])} klasser har allerede booket et oplæg."
            )
        texts.append(text)
    return _paragraphs(*texts)


def griefgroups(facts: dict, ctx: Context) -> str | None:
    course = facts.get("course")
    texts = []
    if course:
        schools = [p for p in facts.get("participants") or [] if p.get("confirmed")]
        people = sum(p["confirmed"] for p in schools)
        grant = (
            f"{course['grant_giver']} har bevilget {kr(course['grant_amount'])} til "
            f"{course.get('grant_covers') or 'kurset'}. "
            if course.get("grant_giver") and course.get("grant_amount")
            else ""
        )
        when = season(course["start"]) if course.get("start") else ""
        verb = {
            "planned": f"afvikles sorggruppelederkursus i {when}",
            "running": f"er sorggruppelederkurset i gang ({when})",
            "held": f"er sorggruppelederkurset afholdt i {when}",
        }.get(course.get("status"), f"afvikles sorggruppelederkursus i {when}")
        who = (
            f" for {number(people)} udvalgte medarbejdere fra {number(len(schools))} skoler"
            if people
            else ""
        )
        texts.append(
            f"{grant}Med {course['provider']} som udbyder {verb}{who}"
            f" ({number(course.get('sessions', 0))} kursusgange). Herefter vil udvalgte skoler "
            "igangsætte sorggrupper med henblik på en vurdering af behov, udbytte og "
            "driftsomkostninger i forbindelse med en eventuel skalering."
        )
    groups = facts.get("groups") or []
    started = [g for g in groups if not g.get("planned")]
    upcoming = [g for g in groups if g.get("planned")]
    if started or upcoming:
        texts.append(
            _sentences(
                f"{number(len(started))} sorggrupper er startet på "
                f"{number(len({g['school'] for g in started}))} skoler."
                if started
                else None,
                f"{number(len(upcoming))} grupper er planlagt." if upcoming else None,
            )
        )
    evaluation = facts.get("evaluation")
    if evaluation:
        texts.append(
            f"I perioden er {number(evaluation['groups'])} grupper evalueret: "
            f"{number(evaluation['meetings'])} møder, {number(evaluation['referred'])} henviste "
            f"elever til {number(evaluation['places'])} pladser og en gennemsnitlig vurdering "
            f"fra lederne på {number(evaluation['average_assessment'])}."
        )
    scaling = facts.get("scaling") or {}
    if scaling.get("complete") and scaling.get("yearly_cost_total"):
        texts.append(
            f"Skaleres sorggrupperne til alle {number(scaling['schools'])} skoler, anslås "
            f"driften til {kr(scaling['yearly_cost_total'])} om året."
        )
    return _paragraphs(*texts)


# --- Kapacitetsopbygning og kompetenceudvikling --------------------------------------------------
def _events(facts: dict, kind: str) -> list[tuple[str, dict]]:
    return [
        (when, e)
        for when in ("held", "in_period_planned", "planned")
        for e in facts.get(when) or []
        if e.get("kind") == kind
    ]


def conference(facts: dict, ctx: Context) -> str | None:
    texts = []
    for when, e in _events(facts, "conference"):
        orgs = [o["name"] for o in e.get("by_organisation") or []]
        pupils = (e.get("by_kind") or {}).get("pupil", 0)
        days = len(e.get("days") or [])
        dates = day_range(e["first_day"], e["last_day"])
        lead = (
            f"Skoleområdet har afholdt konferencen «{e['title']}» {dates}"
            if when == "held"
            else f"Skoleområdet arrangerer konferencen «{e['title']}» {dates}"
        )
        texts.append(
            lead
            + (f" over {number(days)} dage." if days > 1 else ".")
            + f" Konferencen har {number(e['registrations'])} tilmeldte deltagere"
            + (f" fra {number(len(orgs))} organisationer og skoler" if orgs else "")
            + (f", heraf {number(pupils)} elever fra skolerne" if pupils else "")
            + "."
        )
    return _paragraphs(*texts)


def course(facts: dict, ctx: Context) -> str | None:
    texts = []
    for when, e in _events(facts, "course"):
        per_school = e.get("participants_per_school") or []
        dates = day_range(e["first_day"], e["last_day"])
        verb = "deltog" if when == "held" else "deltager"
        texts.append(
            f"På efteruddannelsen «{e['title']}» ({dates}) {verb} "
            f"{number(e['registrations'])} skolepædagoger"
            + (
                f" fra {of(len(per_school), ctx.schools_total() or len(per_school), 'skoler')}"
                if per_school
                else ""
            )
            + ". De får konkrete værktøjer til at facilitere kreative processer for børn og unge."
        )
    return _paragraphs(*texts)


def generic(facts: dict, ctx: Context) -> str | None:
    """A section the note does not know: say that it has data, the tables show it."""
    if not facts or not any(v not in (None, [], {}, 0, "", False) for v in facts.values()):
        return None
    return "Afsnittet bygger på portalens data for perioden; tallene fremgår nedenfor."


NARRATIVES: dict[str, Callable[[dict, Context], str | None]] = {
    "trials": trials,
    "trials.themeday": theme_day,
    "consultants": consultants,
    "openschool": openschool,
    "headspace": headspace,
    "griefgroups": griefgroups,
    "conference": conference,
    "conference.course": course,
}


def draft(part_id: str, facts: dict | None, ctx: Context) -> str | None:
    """The drafted text of one part, or None when its section has no data (or is absent)."""
    if facts is None:
        return None
    return NARRATIVES.get(part_id, generic)(facts, ctx)
