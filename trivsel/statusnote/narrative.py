"""The portal's draft of each part's text, in plain Danish sentences made from the facts.

One small function per part of the note (see ``structure``), ``f(facts, ctx) -> str | None``:
``facts`` is the part's section dict, ``ctx`` gives the other sections and ``as_of``. None means
the section has nothing for the period (the note then shows the part's one «no data» line).
Sections the note does not know get ``generic``. The coordinator edits the result in the browser.

The tense follows the facts as of the note's date: what is planned is told as planned («er i færd
med at forberede», «vil deltage»), what is going on in the present, what was held as held. Counted
nouns go through ``formatting.count`` (ngettext, small numbers in words, no sentence starting with
digits); the partners', events' and schools' own texts (descriptions, aims, an approved example
case) are woven in where the seed note uses them, in their authors' words and tense.

A note that follows up the last one (``Context.followed``) does not repeat in its text what the
follow-up already tells, and a part the last note described (``Context.reported``) is not
described again word for word: it gives this half-year's status.

Only aggregates and school names reach these texts — never pupils' names or observations; an
example case reaches them only once it was approved for publication.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import translation

from .formatting import (
    approx_kr,
    capitalise,
    count,
    day,
    day_range,
    decimal,
    from_to,
    in_words,
    kr,
    listing,
    of,
    quoted,
    score,
    season,
    typography,
)


@dataclass
class Context:
    facts: dict[str, dict]  # every section's facts, by key
    as_of: date
    period: str = ""
    extra: dict = field(default_factory=dict)

    def schools_total(self) -> int:
        return (self.facts.get("schools") or {}).get("schools") or 0

    def followed(self, ref: str) -> bool:
        """Does this note's follow-up of the last note already tell what became of ``ref``?"""
        return ref in (self.extra.get("followed") or ())

    def reported(self, part_id: str) -> bool:
        """Did the last note already describe this part (so this one gives a status)?"""
        return part_id in (self.extra.get("reported") or ())

    def ref(self, part_id: str, what: str, n: int = 0) -> str | None:
        """«figur 1» or «tabel 2»: how the text refers to the part's chart or ``n``-th table (the
        numbers ``compose`` gives them), or None when the part has none."""
        refs = (self.extra.get("refs") or {}).get(part_id) or {}
        if what == "chart":
            return refs.get("chart")
        tables = refs.get("tables") or []
        return tables[n] if n < len(tables) else None

    def in_current_school_year(self) -> bool:
        """Is ``as_of`` inside the school year the period belongs to («indeværende skoleår»)?"""
        facts = self.facts.get("schools") or {}
        start, end = facts.get("school_year_start"), facts.get("school_year_end")
        return bool(start and end) and start <= self.as_of.isoformat() <= end


def _sentences(*parts: str | None) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


def _paragraphs(*paragraphs: str | None) -> str | None:
    text = "\n\n".join(p.strip() for p in paragraphs if p and p.strip())
    return text or None


def _split(description: str | None) -> list[str]:
    """An event's or partner's own description, paragraph by paragraph."""
    return [p.strip() for p in (description or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _relative(name: str, description: str) -> str:
    """«Bloom Institute, der har gode erfaringer …» from a description that starts with the
    partner's name; otherwise the name, then the description as its own sentence."""
    if description.startswith(name + " "):
        return f"{name}, der {description[len(name) + 1 :].strip().rstrip('.')}."
    return f"{name}." + (f" {_sentence(description)}" if description else "")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _place(place: str | None) -> str:
    """«Rødovre Rådhus» of «Rødovre Rådhus, byrådssalen»: where, as running text names it."""
    return (place or "").split(",")[0].strip()


def _mentions(text: str, name: str) -> bool:
    """Does ``text`` name the partner ``name`` (also without a leading acronym: «MIT Center for
    Systems Awareness» is named by «Center for Systems Awareness»)?"""
    first, _, rest = name.partition(" ")
    return name in text or (first.isupper() and bool(rest) and rest in text)


def _clauses(clauses: list[str]) -> str:
    """Main clauses joined the Danish way: «a, b, og c»."""
    clauses = [c for c in clauses if c]
    if len(clauses) <= 1:
        return "".join(clauses)
    return f"{', '.join(clauses[:-1])}, og {clauses[-1]}"


def _in_period(name: str) -> str:
    """«i foråret 2023» for the period «Forår 2023»; «i perioden» for any other name."""
    season_name, _, year = (name or "").partition(" ")
    definite = {"forår": "foråret", "efterår": "efteråret"}.get(season_name.lower())
    return f"i {definite} {year}" if definite and year.isdigit() else "i perioden"


# --- Netværket Sundhed & Trivsel ---------------------------------------------------------------
def _theme_paragraph(theme: dict, ctx: Context, first: bool) -> str | None:
    schools, all_schools = theme["schools"], ctx.schools_total() or theme["schools"]
    when = "i indeværende skoleår" if ctx.in_current_school_year() else _in_period(ctx.period)
    question = (theme.get("description") or "").strip()
    results = _theme_results(theme, all_schools)
    if ctx.followed(f"trials.theme:{theme['theme']}"):
        return results  # the follow-up told how the schools went on with the theme
    aims = theme.get("aims") or []
    single = theme["actions"] == 1
    if question.lower().startswith("hvordan ") and not single:
        what = ", " + _lower_first(question.rstrip(".?"))
        subject = None
    else:
        actions = "en prøvehandling" if single else count(theme["actions"], "prøvehandling")
        what = f" {actions} med fokus på {theme['theme'].lower()}"
        subject = aims[0] if single and aims and aims[0].lower().startswith("at ") else None
    who = of(schools, all_schools, "skole")
    varied = "på forskellig vis " if schools > 1 else ""
    lead = "Initieret af netværket" if first else "Desuden"
    if theme["planned"] == theme["actions"]:
        opening = f"{lead} planlægger {who} {when} {varied}at afprøve{what}."
    elif not theme["evaluated"]:
        if subject is not None or what.startswith(" en "):
            opening = f"{lead} er {who} {when} i gang med{what}."
        else:
            opening = f"{lead} er {who} {when} i gang med {varied}at afprøve{what}."
    else:
        opening = f"{lead} har {who} {when} {varied}afprøvet{what}."
    if subject and theme["theme"] in (ctx.extra.get("instead_themes") or ()):
        # the follow-up told which school took this theme up instead: its aim, not a new lead
        return _sentences(
            f"Målet med prøvehandlingen om {theme['theme'].lower()} er "
            f"{_lower_first(_sentence(subject))}",
            results,
        )
    aim = f"Målet er {_lower_first(_sentence(subject))}" if subject else None
    return _sentences(opening, aim, results)


def _theme_results(theme: dict, all_schools: int) -> str | None:
    evaluated, schools = theme["evaluated_schools"], theme["schools"]
    if not evaluated:
        return None
    continuing = theme["schools_continuing"]
    mean = [m for m in (theme["mean_effect_pupils"], theme["mean_effect_class"]) if m is not None]
    experience = "positive erfaringer" if mean and min(mean) >= 3.5 else "erfaringerne"
    if evaluated == schools:
        who = "Alle skolerne" if schools > 2 else "Begge skoler" if schools == 2 else "Skolen"
    else:
        who = of(evaluated, schools, "skole", start=True)
    varied = "på forskellig vis " if continuing > 1 else ""
    adjusted = (
        f", {in_words(theme['adjusted'])} af dem i tilpasset form" if theme["adjusted"] else ""
    )
    texts = []
    if continuing and continuing == evaluated:
        texts.append(
            f"{who} har evalueret deres prøvehandlinger og ønsker på baggrund af {experience} "
            f"{varied}at fortsætte dette fokus{adjusted}."
        )
    elif continuing:
        texts.append(
            f"{who} har evalueret deres prøvehandlinger, og {in_words(continuing)} af dem ønsker "
            f"på baggrund af {experience} {varied}at fortsætte dette fokus{adjusted}."
        )
    else:
        texts.append(f"{who} har evalueret deres prøvehandlinger.")
    if theme["stopped"]:
        texts.append(f"{count(theme['stopped'], 'prøvehandling', start=True)} stoppes.")
    pending = schools - evaluated
    if pending:
        texts.append(
            "Den sidste skole er ved at gøre erfaringerne op."
            if pending == 1
            else f"De {in_words(pending)} øvrige skoler er ved at gøre erfaringerne op."
        )
    judges = "Skolernes" if evaluated == schools else f"De {in_words(evaluated)} skolers"
    texts.append(effect_scores(theme["mean_effect_pupils"], theme["mean_effect_class"], judges))
    return _sentences(*texts)


def effect_scores(pupils: float | None, klass: float | None, whose: str) -> str | None:
    """«De fire skolers vurdering af effekten er i gennemsnit 4,2 på elevernes mentale sundhed og
    4,5 på trivslen i klassen på en skala fra 1 til 5.»"""
    parts = []
    if pupils is not None:
        parts.append(f"{score(pupils)} på elevernes mentale sundhed")
    if klass is not None:
        parts.append(f"{score(klass)} på trivslen i klassen")
    if not parts:
        return None
    return (
        f"{whose} vurdering af effekten er i gennemsnit {' og '.join(parts)} på en skala fra 1 "
        "til 5."
    )


def trials(facts: dict, ctx: Context) -> str | None:
    if not (facts.get("totals") or {}).get("actions"):
        return None
    themes = sorted(facts.get("themes") or [], key=lambda t: (-t["actions"], t["theme"]))
    paragraphs: list[str | None] = []
    opened = False  # «Initieret af netværket» once, then «Desuden»
    for theme in themes:
        paragraphs.append(_theme_paragraph(theme, ctx, first=not opened))
        opened = opened or not ctx.followed(f"trials.theme:{theme['theme']}")
    return _paragraphs(*paragraphs)


FOLLOW_UP_WORDS = {
    "done": "gennemført",
    "in_progress": "i gang",
    "not_started": "ikke påbegyndt",
    "dropped": "opgivet",
}


def plan_progress(counts: dict[str, int], as_of: date) -> str:
    """«Pr. 31. december 2023 er én af planerne gennemført, to er i gang, …»."""
    total = sum(counts.get(state, 0) for state in FOLLOW_UP_WORDS)
    if not total:
        return ""
    if counts.get("not_started") == total:
        return f"Pr. {day(as_of)} er ingen af planerne påbegyndt endnu."
    clauses = []
    for state, word in FOLLOW_UP_WORDS.items():
        n = counts.get(state, 0)
        if not n:
            continue
        if not clauses:
            clauses.append(f"{in_words(n)} af planerne {word}")
        else:
            clauses.append(f"{in_words(n)} er {word}")
    return f"Pr. {day(as_of)} er {_clauses(clauses)}."


def _audience(d: dict) -> str:
    return _lower_first(d.get("audience") or "Skoleledelserne")


def theme_day(facts: dict, ctx: Context) -> str | None:
    days = facts.get("theme_days") or []
    if not days:
        return None
    texts = []
    for d in days:
        place = _place(d.get("place"))
        where = f" på {place}" if place else ""
        plans = d.get("rollout_plans") or []
        if d.get("held"):
            if ctx.followed(f"trials.themeday:{d.get('id')}"):
                continue  # the follow-up told how the day went and what became of its plans
            text = (
                f"Netværket afholdt den {day(d['date'])} en temadag{where} for {_audience(d)} med "
                f"{count(d.get('presentations', 0), 'præsentation')} af prøvehandlinger til "
                "fremme af mental sundhed og trivsel."
            )
            if plans:
                states = [p.get("follow_up") for p in plans]
                text += (
                    f" På dagen lagde {of(len(plans), ctx.schools_total() or len(plans), 'skole')}"
                    " en plan for, hvilke prøvehandlinger de vil indføre på egen skole, og hvordan"
                    + (f" ({table})" if (table := ctx.ref("trials.themeday", "table")) else "")
                    + ". "
                    + plan_progress({s: states.count(s) for s in FOLLOW_UP_WORDS}, ctx.as_of)
                )
            texts.append(text)
            continue
        soon = date.fromisoformat(d["date"]) - ctx.as_of <= timedelta(days=60)
        verb = "er i færd med at forberede" if soon else "planlægger"
        text = f"Netværket {verb} en temadag den {day(d['date'])}{where} for {_audience(d)}."
        description = _split(d.get("description"))  # the day's purpose goes with the news of it
        texts.append(_paragraphs(_sentences(text, *description[:1]), *description[1:]))
    return _paragraphs(*texts)


CONSULTANT_WORK = (
    ("observation", "observationer"),
    ("vejledning", "vejledning"),
    ("sparring", "sparring"),
    ("trivselsforloeb", "facilitering af trivselsforløb i klasserne"),
)
KIND_NOUNS = {
    "observation": "observation",
    "vejledning": "vejledning",
    "sparring": "sparringssamtale",
    "trivselsforloeb": "session",
}


def _example(case: dict) -> str:
    """An approved example case as its author wrote it; one that does not introduce itself gets
    the seed note's introduction."""
    text = " ".join((case.get("text") or "").split())
    if text.startswith("Et konkret eksempel"):
        return text
    return (
        "Et konkret eksempel på, hvor konsulenterne har kunnet understøtte personalet, handler "
        f"om {_lower_first(case.get('title') or 'et forløb')}. {text}"
    )


def consultants(facts: dict, ctx: Context) -> str | None:
    activities = facts.get("activities") or {}
    courses = facts.get("courses") or {}
    pit = facts.get("pit") or {}
    if not activities.get("total") and not facts.get("example_cases"):
        return None
    n = facts.get("consultants") or 0
    who = (
        f"De {in_words(n)} trivsels- og udviklingskonsulenter"
        if n > 1
        else "Trivsels- og udviklingskonsulenten"
        if n == 1
        else "Trivsels- og udviklingskonsulenterne"
    )
    first = facts.get("first_activity")
    new = bool(first) and ctx.as_of - date.fromisoformat(first) <= timedelta(days=183)
    described = ctx.reported("consultants")  # the last note told what the consultants do
    opening = (
        f"{who} {'er kommet godt fra start i' if new else 'arbejder i'} den praksisnære "
        "funktion, der skal medvirke til at skabe initiativer, der kan fremme børn og unges "
        "sundhed, trivsel og læring i skolerne."
    )
    kinds = {k["kind"]: k["count"] for k in activities.get("by_kind") or []}
    work = [text for kind, text in CONSULTANT_WORK if kinds.get(kind)]
    if "vejledning" in work and "sparring" in work:  # one kind of support: «vejledning og sparring»
        work[work.index("vejledning")] = "vejledning og sparring"
        work.remove("sparring")
    if pit.get("meetings"):
        work.append("deltagelse i skolernes pædagogiske indsatsteams (PIT)")
    support = (
        "Konsulenterne understøtter blandt andet det pædagogiske personale på skolerne ved "
        f"{listing(work)}."
        if work
        else None
    )
    parts = [
        count(kinds[k], KIND_NOUNS.get(k, "anden aktivitet"))
        for k in kinds
        if k != "trivselsforloeb"
    ]
    if kinds.get("trivselsforloeb"):
        sessions = count(kinds["trivselsforloeb"], "session")
        parts.append(
            f"{sessions} i {count(courses['count'], 'trivselsforløb')}"
            if courses.get("count")
            else f"{sessions} i trivselsforløb"
        )
    start, end = facts.get("start"), facts.get("end")
    if new and first:
        since = f"Siden konsulenterne startede den {day(first)}, har de"
    elif start and end:
        since = f"{capitalise(from_to(start, end))} har konsulenterne"
    else:
        since = "I perioden har konsulenterne"
    total_schools = ctx.schools_total() or activities.get("schools", 0)
    everywhere = bool(total_schools) and activities.get("schools", 0) == total_schools
    classes = facts.get("classes") or 0
    chart = ctx.ref("consultants", "chart")
    numbers = (
        f"{since} gennemført {count(activities['total'], 'aktivitet')}"
        + (f" i {count(classes, 'klasse')}" if classes else "")
        + f" på {of(activities.get('schools', 0), total_schools, 'skole')}"
        + (f": {listing(parts)}" if parts else "")
        + (f" ({chart})" if chart else "")
        + "."
        if activities.get("total")
        else None
    )
    pit_schools = pit.get("schools", 0)
    pit_text = (
        f"De har desuden deltaget i {count(pit['meetings'], 'PIT-møde')}"
        + (
            " på skolerne"  # «alle seks skoler» was said in the sentence before
            if everywhere and pit_schools == total_schools
            else f" på {of(pit_schools, total_schools, 'skole')}"
        )
        + "."
        if pit.get("meetings")
        else None
    )
    tags = [t["name"] for t in facts.get("top_tags") or []][:3]
    topics = (
        f"De emner, konsulenterne oftest har arbejdet med, er {listing(tags)}."
        if described and tags
        else None
    )
    across = (
        "Det er en stor styrke ved det praksisnære arbejde, at konsulenterne kommer rundt på "
        "tværs af skoler og klasser. På den måde kan de bidrage til erfaringsudveksling på tværs "
        "i forhold til, hvordan konkrete situationer og udfordringer kan gribes an."
        if activities.get("schools", 0) > 1 and not described
        else None
    )
    # the example and what it shows first, the figures next to the chart
    return _paragraphs(
        None if described else _sentences(opening, support),
        *(_example(c) for c in facts.get("example_cases") or []),
        across,
        _sentences(numbers, pit_text, topics),
        _compared(facts, ctx),
    )


def _compared(facts: dict, ctx: Context) -> str | None:
    """The last note's figures beside this one's: «I sidste statusnotat var tallet 93 aktiviteter
    i 43 klasser fra 17. januar til 14. april 2023.»"""
    last = (ctx.extra.get("last_facts") or {}).get("consultants") or {}
    total = (last.get("activities") or {}).get("total")
    if not total or not (facts.get("activities") or {}).get("total"):
        return None
    first, end = last.get("first_activity"), last.get("end") or last.get("as_of")
    start = max(filter(None, (last.get("start"), first))) if (last.get("start") or first) else None
    when = f" {from_to(start, end)}" if start and end else " i sidste halvår"
    classes = last.get("classes") or 0
    return (
        f"I sidste statusnotat var tallet {count(total, 'aktivitet')}"
        + (f" i {count(classes, 'klasse')}" if classes else "")
        + f"{when}."
    )


# --- Trivselsfremmende aktiviteter i Åben Skole-regi ----------------------------------------------
def _offers(partners: list[dict]) -> str:
    """«Headspace Rødovre (»Oplæg om …«), Bloom Institute (»…«) og …»."""
    return listing(
        [
            p["name"] + (f" ({', '.join(quoted(o) for o in p.get('offers') or [])})")
            if p.get("offers")
            else p["name"]
            for p in partners
        ]
    )


STATUS_WORDS = (
    ("submitted", "afventer behandling"),
    ("changes", "er sendt tilbage til skolen med ønske om ændringer"),
    ("rejected", "er afslået"),
)


def money_status(p: dict, as_of: date, table: str | None = None) -> list[str]:
    """The sentences on a programme's applications and money as of ``as_of``: how many, what was
    granted, what waits or was refused (and why), what was spent and what the reports say of the
    staff's part, and what is left of the budget."""
    statuses = p.get("statuses") or {}
    applications = p.get("applications") or 0
    if not applications:
        return ["Der er endnu ikke søgt om midler."]
    granted = statuses.get("approved", 0) + statuses.get("partly", 0)
    clauses = []
    if granted:
        clauses.append(
            f"{in_words(granted)} er bevilget med i alt {kr(p['allocated'])}"
            + (f" (heraf {in_words(statuses['partly'])} delvist)" if statuses.get("partly") else "")
        )
    for status, words in STATUS_WORDS:
        if statuses.get(status):
            clauses.append(f"{in_words(statuses[status])} {words}")
    texts = [
        f"Skolerne har sendt {count(applications, 'ansøgning')}"
        + (f" ({table})" if table else "")
        + (f": {_clauses(clauses)}." if clauses else ".")
    ]
    refusals = p.get("refusals") or []
    if refusals:
        texts.append(
            ("Begrundelsen for afslaget er: " if len(refusals) == 1 else "Begrundelserne er: ")
            + listing([quoted(_sentence(r)) for r in refusals])
        )
    budget, allocated = p.get("budget"), p.get("allocated") or 0
    if budget and allocated:
        share = round(100 * float(allocated) / float(budget))
        texts.append(
            f"Pr. {day(as_of)} er der dermed bevilget {kr(allocated)}, eller {share} pct. af "
            f"budgettet på {kr(budget)}"
            + (f", og {kr(p['reported'])} er brugt og afrapporteret." if p.get("reported") else ".")
        )
    elif p.get("reported"):
        texts.append(f"Pr. {day(as_of)} er {kr(p['reported'])} brugt og afrapporteret.")
    staff = p.get("staff_participation") or []
    if staff:
        texts.append(
            "Om personalets deltagelse skriver skolen i "
            + ("den første afrapportering" if len(staff) == 1 else "afrapporteringerne")
            + ": "
            + " ".join(quoted(_sentence(t)) for t in staff[:2])
        )
    remaining = p.get("remaining")
    if remaining and budget:
        until = f" frem til skoleårets afslutning den {day(p['end'])}" if p.get("end") else ""
        texts.append(f"De resterende {kr(remaining)} kan skolerne søge{until}.")
    return texts


def openschool(facts: dict, ctx: Context) -> str | None:
    texts = []
    planned = facts.get("planned")
    trials_facts = (ctx.facts.get("trials") or {}).get("totals") or {}
    besides = None
    if planned and (trials_facts.get("running") or trials_facts.get("evaluated")):
        besides = (
            "Ud over de prøvehandlinger, som er beskrevet ovenfor, og som løbende afprøves i "
            "dette skoleår, vil der fremadrettet også arbejdes med nye aktiviteter og tilgange, "
            "der i højere grad knytter sig til den daglige pædagogiske praksis på skolerne."
        )
    if planned:
        when = (
            f"fra næste skoleår ({planned['school_year']})"
            if ctx.in_current_school_year()
            else f"fra skoleåret {planned['school_year']}"
        )
        texts.append(
            _sentences(
                besides,
                "De midler, som er afsat til sundheds- og trivselsfremmende aktiviteter i "
                "forbindelse med det årlige Åben Skole-program, administreres "
                f"{when} af netværket Sundhed & Trivsel.",
                f"Der er afsat {kr(planned['budget'])} til formålet."
                if planned.get("budget")
                else None,
                "Midlerne håndteres fortsat ind i Åben Skole-konceptet med inspiration fra og "
                "samarbejde med aktører i det omgivende samfund.",
                planned.get("decided") or None,
            )
        )
    headspace = ctx.facts.get("headspace") or {}
    for p in facts.get("programmes") or []:
        # the Headspace talk goes to every class of the chosen grade: no offer to apply for
        target = next(
            (c for c in headspace.get("coverage") or [] if c["school_year"] == p["school_year"]),
            None,
        )
        talker = (headspace.get("partner") or {}).get("name") if target else None
        partners = [x for x in p.get("partners") or [] if x["name"] != talker]
        apart = bool(talker) and len(partners) < len(p.get("partners") or [])
        lead = (
            f"Ud over Headspace-oplæggene til alle klasser på {target['grade']}. årgang kan "
            "skolerne"
            if apart
            else "Skolerne kan"
        )
        offers = f"{lead} søge midler til tilbud fra {_offers(partners)}." if partners else None
        if ctx.followed(f"openschool.programme:{p.get('id')}"):
            texts.append(offers)  # the follow-up told the money
            continue
        texts.append(
            _sentences(
                f"I skoleåret {p['school_year']} administrerer netværket {kr(p['budget'])} til "
                "sundheds- og trivselsfremmende aktiviteter i Åben Skole.",
                *money_status(p, ctx.as_of, ctx.ref("openschool", "table")),
                offers,
            )
        )
    return _paragraphs(*texts)


def coverage_text(c: dict, grade: bool = True) -> list[str]:
    """«Syv af de otte klasser på 8. årgang har fået oplægget eller har det bestilt. Fire oplæg
    er holdt, og tre er bestilt. Én klasse har endnu ikke bestilt oplægget.» (the subject first,
    for the follow-up to put after «Status er, at»; ``grade``: name the grade, else «årgangens»)."""
    if grade:
        covered = f"{of(c['covered'], c['classes'], 'klasse')} på {c['grade']}. årgang"
    elif c["covered"] == c["classes"]:
        covered = f"alle årgangens {count(c['classes'], 'klasse')}"
    else:
        covered = f"{in_words(c['covered'])} af årgangens {count(c['classes'], 'klasse')}"
    texts = [f"{covered} har fået oplægget eller har det bestilt"]
    held, booked = c.get("held", 0), c.get("booked", 0)
    if held and booked:
        texts.append(
            f"{count(held, 'oplæg', start=True)} er holdt, og {in_words(booked, True)} er bestilt"
        )
    elif held:
        texts.append(f"{count(held, 'oplæg', start=True)} er holdt")
    elif booked:
        texts.append(f"{count(booked, 'oplæg', start=True)} er bestilt")
    if c.get("missing"):
        texts.append(f"{count(c['missing'], 'klasse', start=True)} har endnu ikke bestilt oplægget")
    return texts


def headspace(facts: dict, ctx: Context) -> str | None:
    texts = []
    talks = facts.get("talks") or {}
    planned = facts.get("planned")
    partner = facts.get("partner") or {}
    for c in facts.get("coverage") or []:
        if ctx.followed(f"headspace.target:{c.get('id')}"):
            continue  # the follow-up told how far the grade has come
        first, *rest = coverage_text(c)
        texts.append(
            _sentences(
                f"I skoleåret {c['school_year']} har {first}"
                + (f" ({table})" if (table := ctx.ref("headspace", "table")) else "")
                + ".",
                *(f"{t}." for t in rest),
            )
        )
    if talks.get("feedback_count"):
        texts.append(
            f"Lærerne har givet {count(talks['feedback_count'], 'tilbagemelding')} på de afholdte "
            f"oplæg med en gennemsnitlig vurdering på {score(talks.get('feedback_mean'))} på en "
            "skala fra 1 til 5."
        )
    if planned:
        coming = "det kommende skoleår" if ctx.in_current_school_year() else "skoleåret"
        intro = (
            "Et eksempel på et praksisnært samarbejde med en ekstern aktør, der kan styrke "
            "arbejdet med mental sundhed og trivsel blandt børn, unge og de voksne omkring dem, "
            "er samarbejdet med Headspace."
            if not facts.get("coverage")
            else None
        )
        grade = (
            f"alle klasser på {planned['grade']}. årgang"
            if planned.get("grade") is not None
            else "alle klasser på et relevant årgangstrin"
        )
        text = _sentences(
            intro,
            partner.get("description") if intro else None,
            f"Der er {'derfor ' if intro else ''}indledt et samarbejde, hvor Headspace fra "
            f"{coming} ({planned['school_year']}) indgår som et element i Åben Skole-programmet. "
            f"Dermed sikres, at {grade} får oplæg om trivsel og mental sundhedsfremme samt "
            "præsentation af det lokale Headspace i Rødovre.",
        )
        booked = planned.get("booked", 0) + planned.get("held", 0)
        if planned.get("classes") and booked:
            text += (
                f" {of(booked, planned['classes'], 'klasse', start=True)} har allerede bestilt "
                "et oplæg."
            )
        texts.append(text)
    return _paragraphs(*texts)


def griefgroups(facts: dict, ctx: Context) -> str | None:
    course = facts.get("course")
    texts = []
    all_schools = ctx.schools_total()
    if course:
        confirmed = [p for p in facts.get("participants") or [] if p.get("confirmed")]
        people = sum(p["confirmed"] for p in confirmed)
        completed = [p for p in facts.get("participants") or [] if p.get("completed")]
        done = sum(p["completed"] for p in completed)
        when = season(course["start"]) if course.get("start") else ""
        sessions = count(course.get("sessions", 0), "kursusgang")
        dates = from_to(course["start"], course["end"])
        grant = (
            f"{course['provider']} har søgt og modtaget en bevilling på "
            f"{kr(course['grant_amount'])} fra {course['grant_giver']} til at dække "
            f"{course.get('grant_covers') or 'kursusafgiften'}."
            if course.get("grant_giver") and course.get("grant_amount")
            else None
        )
        status = course.get("status")
        description = _split(course.get("description"))
        if status == "held":
            if not ctx.followed(f"griefgroups.course:{course.get('id')}"):
                texts.append(
                    _sentences(
                        f"Sorggruppelederkurset blev afviklet i {when} med {sessions} {dates}.",
                        f"{count(done, 'udvalgt medarbejder', start=True)} fra "
                        f"{of(len(completed), all_schools or len(completed), 'skole')} har "
                        "gennemført kurset og kan nu lede sorggrupper"
                        + (f" ({t})" if (t := ctx.ref("griefgroups", "table")) else "")
                        + "."
                        if done
                        else None,
                    )
                )
        elif status == "running":
            texts.append(
                _sentences(
                    f"Sorggruppelederkurset er i gang med {sessions} {dates}.",
                    f"{count(people, 'udvalgt medarbejder', start=True)} fra "
                    f"{of(len(confirmed), all_schools or len(confirmed), 'skole')} deltager."
                    if people
                    else None,
                )
            )
        else:
            # the coordinator's own words on the decision, or the portal's
            decision = description or [
                "Etablering af sorggrupper på skolerne er derfor drøftet og afdækket med det "
                f"resultat, at der afvikles sorggruppelederkursus i {when}."
                if grant
                else f"Der afvikles sorggruppelederkursus i {when}."
            ]
            texts.append(
                _sentences(
                    grant,
                    *decision,
                    f"Kurset består af {sessions} i perioden "
                    f"{day_range(course['start'], course['end'])}."
                    if course.get("sessions")
                    else None,
                    f"{count(people, 'udvalgt medarbejder', start=True)} fra "
                    f"{of(len(confirmed), all_schools or len(confirmed), 'skole')} har fået plads."
                    if people
                    else None,
                )
            )
    groups = facts.get("groups") or []
    started = [g for g in groups if not g.get("planned")]
    upcoming = [g for g in groups if g.get("planned")]
    if course and course.get("status") != "held" and not started:
        then = (
            "Når kurset er afsluttet, vil udvalgte skoler igangsætte arbejdet med etablering af "
            "sorggrupper med henblik på en vurdering af behov, udbytte og driftsomkostninger i "
            "forbindelse med en eventuel skalering."
        )  # with the course it follows, as the seed has it
        if texts:
            texts[-1] = _sentences(texts[-1], then) or then
        else:
            texts.append(then)
    first_time = bool(started) and all(
        (g.get("start") or "") >= (ctx.extra.get("period_start") or "") for g in started
    )
    if started or upcoming:
        places = sum(g["places"] for g in started)
        referred = sum(g["referred"] for g in started)
        told = bool(course) and ctx.followed(f"griefgroups.groups:{course.get('id')}")
        texts.append(
            _sentences(
                (
                    f"Der er henvist {count(referred, 'elev')} til de {count(places, 'plads')} i "
                    "grupperne."
                )
                if started and told
                else f"{count(len(started), 'sorggruppe', start=True)} er startet på "
                f"{count(len({g['school'] for g in started}), 'skole')} med i alt "
                f"{count(places, 'plads')}, og der er henvist {count(referred, 'elev')}."
                if started
                else None,
                f"{count(len(upcoming), 'gruppe', start=True)} er planlagt." if upcoming else None,
            )
        )
    evaluation = facts.get("evaluation")
    if evaluation:
        evaluated = (
            f"Sorggruppelederne har lavet {'en første' if first_time else 'en'} evaluering af de "
            f"{count(evaluation['groups'], 'gruppe')} efter i alt "
            f"{count(evaluation['meetings'], 'møde')} og vurderer i gennemsnit udbyttet til "
            f"{score(evaluation['average_assessment'])} på en skala fra 1 til 5."
        )
        if started or upcoming:  # one paragraph with the groups
            texts[-1] = _sentences(texts[-1], evaluated) or evaluated
        else:
            texts.append(evaluated)
    scaling = facts.get("scaling") or {}
    if scaling.get("complete") and scaling.get("yearly_cost_total"):
        need = (sum(g["referred"] for g in started), sum(g["places"] for g in started))
        texts.append(_scaling(scaling, need, preliminary=first_time))
    return _paragraphs(*texts)


def _assumption(scaling: dict, label: str) -> str:
    for a in scaling.get("assumptions") or []:
        if a["label"].startswith(label):
            return a["value"]
    return ""


def _scaling(scaling: dict, need: tuple[int, int], preliminary: bool = False) -> str:
    """The estimate, rounded, and the assumptions it rests on as a short list (``need``: the
    pupils referred to the groups and their places)."""
    per_school = int(_assumption(scaling, "Grupper pr. skole") or 1)
    meetings = decimal(_assumption(scaling, "Møder pr. gruppe") or 0)
    hours = decimal(_assumption(scaling, "Ledertimer pr. møde") or 0)
    rate = kr(_assumption(scaling, "Timesats") or 0)
    materials = kr(_assumption(scaling, "Materialer pr. møde") or 0)
    groups = count(scaling["groups_measured"], "gruppe")
    referred, places = need
    if per_school > 1 and referred > places:
        why = (
            "der er henvist flere elever, end der er pladser, og en skole kan ikke oprette en "
            "brøkdel af en gruppe; skønnet er derfor snarere for højt end for lavt"
        )
    elif per_school > 1:
        why = "der er henvist flere elever, end der er pladser"
    else:
        why = "der er plads til de henviste elever"
    return (
        f"Skaleres sorggrupperne til {of(scaling['schools'], scaling['schools'], 'skole')}, anslås "
        f"driften {'foreløbigt ' if preliminary else ''}til "
        f"{approx_kr(scaling['yearly_cost_total'])} om året. Skønnet bygger på:\n"
        f"- {meetings} møder pr. gruppe om året, omregnet fra de "
        f"{count(scaling['meetings_measured'], 'møde')}, som de {groups} har holdt,\n"
        f"- {hours} ledertimer pr. møde à {rate} og {materials} til materialer pr. møde,\n"
        f"- {count(per_school, 'gruppe')} pr. skole: {why}."
    )


# --- Kapacitetsopbygning og kompetenceudvikling --------------------------------------------------
def _events(facts: dict, kind: str) -> list[tuple[str, dict]]:
    return [
        (when, e)
        for when in ("held", "in_period_planned", "planned")
        for e in facts.get(when) or []
        if e.get("kind") == kind
    ]


PUPILS = "Elever fra skolerne"


def organisation_tree(rows: list[dict]) -> tuple[list[str], dict, dict, dict]:
    """(roots, children, totals, kinds) of the organisations that signed up (pupils apart), the
    largest first."""
    counts = {r["name"]: r["count"] for r in rows if r["name"] != PUPILS}
    parent = {r["name"]: r.get("parent") for r in rows if r["name"] != PUPILS}
    kinds = {r["name"]: r.get("kind") for r in rows if r["name"] != PUPILS}
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for name in counts:
        p = parent.get(name)
        if p:
            children.setdefault(p, []).append(name)
            if p not in parent and p not in roots:
                roots.append(p)
        elif name not in roots:
            roots.append(name)
    totals: dict[str, int] = {}

    def total(name: str) -> int:
        if name not in totals:
            totals[name] = counts.get(name, 0) + sum(total(c) for c in children.get(name) or [])
        return totals[name]

    def ordered(names: list[str]) -> list[str]:
        return sorted(names, key=lambda n: (-total(n), n))

    for name in list(counts) + roots:
        total(name)
    # a department's units (whose staff come from their institutions) first, then the others
    children = {
        k: ordered([c for c in v if kinds.get(c) == "unit"])
        + ordered([c for c in v if kinds.get(c) != "unit"])
        for k, v in children.items()
    }
    return ordered(roots), children, totals, kinds


def _organisations(rows: list[dict]) -> tuple[str, list[str]]:
    """(«fra A og B samt fra C og D», [«Fra A deltager ansatte fra institutionerne i E (herunder
    F), G og H samt fra I (herunder J).»]): who signed up as the seed note tells it — the
    administrations, then the unions on their own, the largest first; then each administration's
    units (whose staff come from their institutions) and departments."""
    roots, children, _totals, kinds = organisation_tree(rows)

    def named(name: str) -> str:
        below = children.get(name) or []
        return f"{name} (herunder {listing(below)})" if below else name

    unions = [r for r in roots if kinds.get(r) == "union"]
    others = [r for r in roots if kinds.get(r) != "union"]
    top = " samt ".join(f"fra {listing(group)}" for group in (others, unions) if group)
    details = []
    for root in others:
        below = children.get(root) or []
        units = [named(c) for c in below if kinds.get(c) == "unit"]
        departments = [named(c) for c in below if kinds.get(c) != "unit"]
        inner = []
        if units:
            inner.append(f"ansatte fra institutionerne i {listing(units)}")
        if departments:
            inner.append(f"fra {listing(departments)}" if units else listing(departments))
        if inner:
            details.append(f"Fra {root} deltager {' samt '.join(inner)}.")
    return top, details


def conference(facts: dict, ctx: Context) -> str | None:
    texts = []
    for when, e in _events(facts, "conference"):
        held = when == "held"
        dates = day_range(e["first_day"], e["last_day"])
        place = _place(e.get("place"))
        where = f" på {place}" if place else ""
        description = _split(e.get("description"))
        by_kind = e.get("by_kind") or {}
        adults = e["registrations"] - by_kind.get("pupil", 0)
        pupils = by_kind.get("pupil", 0)
        orgs, details = _organisations(e.get("by_organisation") or [])
        table = ctx.ref("conference", "table")
        where_from = f" ({table})" if table else ""
        if ctx.followed(f"conference.event:{e.get('id')}"):
            # the follow-up told the date and the number signed up: who, and what is open
            closes = e.get("registration_closes")
            texts.append(
                _sentences(
                    f"Deltagerne kommer {orgs}{where_from}." if orgs and adults else None,
                    *(details if orgs and adults else []),
                    f"Desuden er {count(pupils, 'elev')} fra skolerne tilmeldt."
                    if pupils
                    else "Endvidere er der inviteret børn og unge fra skolerne, som kan "
                    "tilmeldes med forældrenes samtykke."
                    if e.get("pupils_invited")
                    else None,
                    f"Tilmeldingen er åben til {day(closes)}."
                    if closes and not held and closes > ctx.as_of.isoformat()
                    else None,
                )
            )
            continue
        if held:
            lead = f"Skoleområdet afholdt {dates} konferencen {quoted(e['title'])}{where}."
            texts.append(lead)
        elif description and e["title"] in description[0].replace("»", "").replace("«", ""):
            # the organiser's own words present the conference: then when and where
            texts.append(_sentences(description[0], f"Konferencen holdes {dates}{where}."))
            description = description[1:]
        else:
            texts.append(
                _sentences(
                    f"Skoleområdet arrangerer og udbyder konferencen {quoted(e['title'])}, der "
                    f"holdes {dates}{where}.",
                    description[0] if description else None,
                )
            )
            description = description[1:]
        if held:
            description = []
        for f in e.get("facilitators") or []:
            if any(_mentions(d, f["name"]) for d in description):
                continue  # the organiser's text presents them already
            texts.append(
                _sentences(
                    f"Ledende kræfter i {f['name']} "
                    + (
                        "faciliterede konferencen."
                        if held
                        else "kommer til Rødovre for at facilitere konferencen."
                    ),
                    f.get("description"),
                )
            )
        middle, last = description[:-1], description[-1:]
        texts.extend(middle)
        registered = (
            f"Konferencen {'havde' if held else 'har'} "
            f"{count(adults, 'tilmeldt deltager')}"
            + (f" {orgs}" if orgs else "")
            + f"{where_from}."
        )
        invited = (
            f"Desuden er {count(pupils, 'elev')} fra skolerne tilmeldt."
            if pupils
            else "Endvidere er der inviteret børn og unge fra skolerne."
            if e.get("pupils_invited")
            else None
        )
        texts.append(_sentences(registered, *details, invited, *last))
    return _paragraphs(*texts)


def course(facts: dict, ctx: Context) -> str | None:
    texts = []
    all_schools = ctx.schools_total()
    for _when, e in _events(facts, "course"):
        if ctx.followed(f"conference.event:{e.get('id')}"):
            continue  # the follow-up told what became of it
        first, last = e["first_day"], e["last_day"]
        status = (
            "held"
            if last <= ctx.as_of.isoformat()
            else "running"
            if first <= ctx.as_of.isoformat()
            else "planned"
        )
        per_school = e.get("participants_per_school") or []
        description = _split(e.get("description"))
        people = e["registrations"]
        dates = from_to(first, last)
        if (
            per_school
            and all(r["count"] == 1 for r in per_school)
            and (len(per_school) == all_schools)
        ):
            who = f"én skolepædagog fra hver af de {count(all_schools, 'skole')}"
        else:
            who = count(people, "skolepædagog") + (
                f" fra {of(len(per_school), all_schools or len(per_school), 'skole')}"
                if per_school
                else ""
            )
        verb = {"held": "deltog", "running": "deltager", "planned": "vil deltage"}[status]
        lead = (
            f"{capitalise(who)} {verb} i en særligt tilrettelagt efteruddannelse {dates}"
            + (f" ({t})" if (t := ctx.ref("conference.course", "table")) else "")
            + "."
            if people
            else f"Til en særligt tilrettelagt efteruddannelse {dates} er der endnu ikke "
            "tilmeldt skolepædagoger."
        )
        facilitated = {
            "held": "blev faciliteret af ",
            "running": "faciliteres af ",
            "planned": "vil blive faciliteret af ",
        }[status]
        facilitators = [
            facilitated + _relative(f["name"], (f.get("description") or "").strip())
            for f in e.get("facilitators") or []
        ]
        texts.append(
            _paragraphs(
                description[0] if description else None,
                _sentences(
                    lead,
                    *(description[1:] if status != "held" else []),
                    *(f"Efteruddannelsen {text}" for text in facilitators),
                ),
            )
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


_DOUBLE_STOP = re.compile(r"(?<=\w\.)\.(?!\.)")


def tidy(text: str) -> str:
    """Danish typography, and one full stop after an abbreviation that ends a sentence («kr.»)."""
    return _DOUBLE_STOP.sub("", typography(text))


def draft(part_id: str, facts: dict | None, ctx: Context) -> str | None:
    """The drafted text of one part, or None when its section has no data (or is absent). Always
    Danish, with Danish typography, whatever language the request runs in."""
    if facts is None:
        return None
    with translation.override("da"):
        text = NARRATIVES.get(part_id, generic)(facts, ctx)
    return tidy(text) if text is not None else None
