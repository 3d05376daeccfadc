"""The portal's draft of each part's text, in plain Danish sentences made from the facts.

One small function per part of the note (see ``structure``), ``f(facts, ctx) -> str | None``:
``facts`` is the part's section dict, ``ctx`` gives the other sections and ``as_of``. None means
the section has nothing for the period (the note then shows the part's one «no data» line).
Sections the note does not know get ``generic``. The coordinator edits the result in the browser.

The tense follows the facts as of the note's date: what is planned is told as planned («er i færd
med at forberede», «afvikles i efteråret 2023»), what was held as held. Counted nouns go through
``formatting.count`` (ngettext, small numbers in words); the partners' and events' own descriptions
are woven in where the seed note uses them.

Only aggregates and school names reach these texts — never pupils' names or observations; the
consultants' example cases are approved for publication and rendered beside the text, not in it.
"""

from __future__ import annotations

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
    genitive,
    in_words,
    kr,
    listing,
    of,
    part_of_month,
    score,
    season,
)


@dataclass
class Context:
    facts: dict[str, dict]  # every section's facts, by key
    as_of: date
    period: str = ""
    extra: dict = field(default_factory=dict)

    def schools_total(self) -> int:
        return (self.facts.get("schools") or {}).get("schools") or 0

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


def _in_period(name: str) -> str:
    """«i foråret 2023» for the period «Forår 2023»; «i perioden» for any other name."""
    season_name, _, year = (name or "").partition(" ")
    definite = {"forår": "foråret", "efterår": "efteråret"}.get(season_name.lower())
    return f"i {definite} {year}" if definite and year.isdigit() else "i perioden"


# --- Netværket Sundhed & Trivsel ---------------------------------------------------------------
def _theme_paragraph(theme: dict, ctx: Context) -> str:
    schools, all_schools = theme["schools"], ctx.schools_total() or theme["schools"]
    when = "i indeværende skoleår" if ctx.in_current_school_year() else _in_period(ctx.period)
    question = (theme.get("description") or "").strip()
    if question.lower().startswith("hvordan "):
        what = ", " + _lower_first(question.rstrip(".?"))
    else:
        what = f" {count(theme['actions'], 'prøvehandling')} med fokus på {theme['theme'].lower()}"
    who = of(schools, all_schools, "skole")
    varied = "på forskellig vis " if schools > 1 else ""
    if theme["planned"] == theme["actions"]:
        opening = f"Initieret af netværket planlægger {who} {when} {varied}at afprøve{what}."
    elif not theme["evaluated"]:
        opening = f"Initieret af netværket er {who} {when} i gang med {varied}at afprøve{what}."
    else:
        opening = f"Initieret af netværket har {who} {when} {varied}afprøvet{what}."
    return _sentences(opening, _theme_results(theme, all_schools)) or opening


def _theme_results(theme: dict, all_schools: int) -> str | None:
    evaluated, schools = theme["evaluated_schools"], theme["schools"]
    if not evaluated:
        return None
    continuing = theme["schools_continuing"]
    mean = [m for m in (theme["mean_effect_pupils"], theme["mean_effect_class"]) if m is not None]
    experience = "positive erfaringer" if mean and min(mean) >= 3.5 else "erfaringerne"
    texts = []
    if continuing:
        if continuing == schools:
            who = "Alle skolerne" if schools > 2 else "Begge skoler" if schools == 2 else "Skolen"
        elif continuing == 1:
            who = "En af skolerne"
        else:
            who = f"Flere af skolerne – {in_words(continuing)} af de {in_words(schools)} –"
        texts.append(
            f"{who} ønsker på baggrund af {experience} med prøvehandlingerne på forskellig vis "
            "at fortsætte dette fokus"
            + (
                f", {in_words(theme['adjusted'])} af dem i tilpasset form."
                if theme["adjusted"]
                else "."
            )
        )
    if theme["stopped"]:
        texts.append(f"{capitalise(count(theme['stopped'], 'prøvehandling'))} stoppes.")
    pending = schools - evaluated
    if pending:
        texts.append(
            f"{capitalise(of(evaluated, schools, 'skole'))} har evalueret; "
            f"{in_words(pending)} er ved at gøre erfaringerne op."
        )
    if mean:
        texts.append(
            "I evalueringerne vurderer skolerne i gennemsnit effekten på elevernes mentale "
            f"sundhed til {score(theme['mean_effect_pupils'])} og på trivslen i klassen til "
            f"{score(theme['mean_effect_class'])} på en skala fra 1 til 5."
        )
    return _sentences(*texts)


def trials(facts: dict, ctx: Context) -> str | None:
    if not (facts.get("totals") or {}).get("actions"):
        return None
    themes = sorted(facts.get("themes") or [], key=lambda t: (-t["actions"], t["theme"]))
    return _paragraphs(*(_theme_paragraph(t, ctx) for t in themes))


FOLLOW_UP_WORDS = {
    "done": ("gennemført", "gennemført"),
    "in_progress": ("i gang", "i gang"),
    "not_started": ("ikke påbegyndt", "ikke påbegyndt"),
    "dropped": ("opgivet", "opgivet"),
}


def theme_day(facts: dict, ctx: Context) -> str | None:
    days = facts.get("theme_days") or []
    if not days:
        return None
    texts = []
    for d in days:
        audience = _lower_first(d.get("audience") or "Skoleledelserne")
        plans = d.get("rollout_plans") or []
        if d.get("held"):
            text = (
                f"Netværket holdt den {day(d['date'])} temadag for {audience} med "
                f"{count(d.get('presentations', 0), 'præsentation')} af prøvehandlinger til "
                "fremme af mental sundhed og trivsel."
            )
            if plans:
                states = [p.get("follow_up") for p in plans]
                progress = [
                    f"{in_words(states.count(state))} {FOLLOW_UP_WORDS[state][0]}"
                    for state in ("done", "in_progress", "not_started", "dropped")
                    if states.count(state)
                ]
                text += (
                    f" På dagen lagde {of(len(plans), ctx.schools_total() or len(plans), 'skole')}"
                    " en plan for, hvilke prøvehandlinger de udruller på egen skole, og hvordan."
                    f" Pr. {day(ctx.as_of)} er planerne: {listing(progress)}."
                )
            texts.append(text)
            continue
        soon = date.fromisoformat(d["date"]) - ctx.as_of <= timedelta(days=60)
        verb = "er i færd med at forberede" if soon else "planlægger"
        when = part_of_month(d["date"])
        if date.fromisoformat(d["date"]).year != ctx.as_of.year:
            when += f" {date.fromisoformat(d['date']).year}"
        place = f", {d['place']}" if d.get("place") else ""
        text = f"Netværket {verb} en temadag {when} for {audience} ({day(d['date'])}{place})."
        texts.append(_paragraphs(text, *_split(d.get("description"))))
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
    "trivselsforloeb": "forløbsgang",
}


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
    parts = [count(kinds[k], KIND_NOUNS.get(k, "anden aktivitet")) for k in kinds]
    since = (
        f"Fra {day(first)} til {day(min(ctx.as_of, ctx.extra.get('period_end', ctx.as_of)))}"
        if new and first
        else "I perioden"
    )
    numbers = (
        f"{since} har de haft {count(activities['total'], 'aktivitet')} på "
        f"{of(activities.get('schools', 0), ctx.schools_total() or activities.get('schools', 0), 'skole')}"
        + (f": {listing(parts)}" if parts else "")
        + (
            f" i {count(courses['count'], 'trivselsforløb')}"
            if courses.get("count") and kinds.get("trivselsforloeb")
            else ""
        )
        + "."
        if activities.get("total")
        else None
    )
    pit_text = (
        f"De har deltaget i {count(pit['meetings'], 'møde')} i skolernes pædagogiske "
        f"indsatsteams på {count(pit.get('schools', 0), 'skole')}."
        if pit.get("meetings")
        else None
    )
    across = (
        "Det er en stor styrke ved det praksisnære arbejde, at konsulenterne kommer rundt på "
        f"tværs af skoler og klasser – i perioden på {count(activities['schools'], 'skole')} og "
        f"i {count(facts.get('classes') or 0, 'klasse')}. På den måde kan de bidrage til "
        "erfaringsudveksling på tværs i forhold til, hvordan konkrete situationer og udfordringer "
        "kan gribes an."
        if activities.get("schools", 0) > 1
        else None
    )
    example = (
        "Et konkret eksempel på, hvor konsulenterne har kunnet understøtte personalet, er "
        "beskrevet nedenfor."
        if facts.get("example_cases")
        else None
    )
    return _paragraphs(
        _sentences(opening, support),
        _sentences(numbers, pit_text),
        _sentences(across, example),
    )


# --- Trivselsfremmende aktiviteter i Åben Skole regi ----------------------------------------------
def _partners(partners: list[dict]) -> str:
    return listing([p["name"] for p in partners])


def openschool(facts: dict, ctx: Context) -> str | None:
    texts = []
    planned = facts.get("planned")
    trials_facts = (ctx.facts.get("trials") or {}).get("totals") or {}
    if planned and (trials_facts.get("running") or trials_facts.get("evaluated")):
        texts.append(
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
        partners = planned.get("partners") or []
        texts.append(
            _sentences(
                "De midler, som er afsat til sundheds- og trivselsfremmende aktiviteter i "
                "forbindelse med det årlige Åben Skole-program, administreres "
                f"{when} af netværket Sundhed og Trivsel"
                + (
                    f" – {kr(planned['budget'])} i det første år." if planned.get("budget") else "."
                ),
                "Midlerne håndteres fortsat ind i Åben Skole-konceptet med inspiration fra og "
                "samarbejde med aktører i det omgivende samfund"
                + (f", i første omgang {_partners(partners)}." if partners else "."),
                planned.get("decided") or None,
            )
        )
    for p in facts.get("programmes") or []:
        allocated = [r for r in p.get("by_school") or [] if r["allocated"]]
        text = (
            f"I skoleåret {p['school_year']} administrerer netværket {kr(p['budget'])} til "
            "sundheds- og trivselsfremmende aktiviteter i Åben Skole."
        )
        if p.get("applications"):
            text += (
                f" Skolerne har sendt {count(p['applications'], 'ansøgning')}, og "
                f"{kr(p['allocated'])} er bevilget til {count(len(allocated), 'skole')}"
                + (f"; {kr(p['reported'])} er brugt og afrapporteret" if p["reported"] else "")
                + f". {kr(p['remaining'])} er endnu ikke disponeret."
            )
        else:
            text += " Der er endnu ikke søgt om midler."
        if p.get("partners"):
            text += f" Aktørerne i programmet er {_partners(p['partners'])}."
        texts.append(text)
    return _paragraphs(*texts)


def headspace(facts: dict, ctx: Context) -> str | None:
    texts = []
    talks = facts.get("talks") or {}
    planned = facts.get("planned")
    partner = facts.get("partner") or {}
    for c in facts.get("coverage") or []:
        text = (
            f"I skoleåret {c['school_year']} har {of(c['covered'], c['classes'], 'klasse')} på "
            f"{c['grade']}. årgang fået eller booket {genitive('Headspace')} oplæg om trivsel og "
            f"mental sundhed: {count(c['held'], 'oplæg')} er holdt, og "
            f"{count(c['booked'], 'oplæg')} er booket."
        )
        if not c.get("all_covered") and c.get("missing"):
            text += f" {capitalise(count(c['missing'], 'klasse'))} mangler endnu."
        texts.append(text)
    if talks.get("feedback_count"):
        texts.append(
            f"Lærerne har givet {count(talks['feedback_count'], 'tilbagemelding')} på oplæggene "
            f"med en gennemsnitlig vurdering på {score(talks.get('feedback_mean'))} på en "
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
        text = _sentences(
            intro,
            partner.get("description") if intro else None,
            f"Der er {'derfor ' if intro else ''}indledt et samarbejde, hvor Headspace fra "
            f"{coming} ({planned['school_year']}) indgår som et element i Åben Skole-programmet. "
            f"Dermed sikres, at alle klasser på {planned['grade']}. årgang får oplæg om trivsel "
            "og mental sundhedsfremme samt præsentation af det lokale Headspace i Rødovre.",
        )
        booked = planned.get("booked", 0) + planned.get("held", 0)
        if planned.get("classes") and booked:
            text += (
                f" {capitalise(of(booked, planned['classes'], 'klasse'))} har allerede booket "
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
        grant = (
            f"{course['provider']} har søgt og modtaget en bevilling på "
            f"{kr(course['grant_amount'])} fra {course['grant_giver']} til at dække "
            f"{course.get('grant_covers') or 'kursusafgiften'}."
            if course.get("grant_giver") and course.get("grant_amount")
            else None
        )
        status = course.get("status")
        if status == "held":
            lead = (
                f"Sorggruppelederkurset blev afviklet i {when} med {sessions} fra "
                f"{day(course['start'])} til {day(course['end'])}."
            )
            who = (
                f" {capitalise(count(done, 'udvalgt medarbejder'))} fra "
                f"{of(len(completed), all_schools or len(completed), 'skole')} har gennemført "
                "kurset og kan nu lede sorggrupper."
                if done
                else ""
            )
        elif status == "running":
            lead = (
                f"Sorggruppelederkurset er i gang ({sessions} fra {day(course['start'])} til "
                f"{day(course['end'])})."
            )
            who = (
                f" {capitalise(count(people, 'udvalgt medarbejder'))} fra "
                f"{of(len(confirmed), all_schools or len(confirmed), 'skole')} deltager."
                if people
                else ""
            )
        else:
            lead = (
                "Etablering af sorggrupper på skolerne er derfor drøftet og afdækket med det "
                f"resultat, at der afvikles sorggruppelederkursus i {when} med {sessions} fra "
                f"{day(course['start'])} til {day(course['end'])}."
                if grant
                else f"Der afvikles sorggruppelederkursus i {when} med {sessions}."
            )
            who = (
                f" {capitalise(count(people, 'udvalgt medarbejder'))} fra "
                f"{of(len(confirmed), all_schools or len(confirmed), 'skole')} har fået plads."
                if people
                else ""
            )
        texts.append(
            _sentences(
                grant if status != "held" else None,
                lead + who,
                course.get("description") if status != "held" else None,
            )
        )
    groups = facts.get("groups") or []
    started = [g for g in groups if not g.get("planned")]
    upcoming = [g for g in groups if g.get("planned")]
    if course and course.get("status") != "held" and not started:
        texts.append(
            "Herefter vil udvalgte skoler igangsætte arbejdet med etablering af sorggrupper med "
            "henblik på en vurdering af behov, udbytte og driftsomkostninger i forbindelse med en "
            "eventuel skalering."
        )
    if started or upcoming:
        texts.append(
            _sentences(
                f"{capitalise(count(len(started), 'sorggruppe'))} er startet på "
                f"{count(len({g['school'] for g in started}), 'skole')} med "
                f"{count(sum(g['places'] for g in started), 'plads')} og "
                f"{count(sum(g['referred'] for g in started), 'henvist elev')}."
                if started
                else None,
                f"{capitalise(count(len(upcoming), 'gruppe'))} er planlagt." if upcoming else None,
            )
        )
    evaluation = facts.get("evaluation")
    if evaluation:
        texts.append(
            f"I perioden er {count(evaluation['groups'], 'gruppe')} evalueret efter "
            f"{count(evaluation['meetings'], 'møde')}: {count(evaluation['referred'], 'henvist elev')}"
            f" til {count(evaluation['places'], 'plads')}, og lederne vurderer i gennemsnit "
            f"udbyttet til {score(evaluation['average_assessment'])} på en skala fra 1 til 5."
        )
    scaling = facts.get("scaling") or {}
    if scaling.get("complete") and scaling.get("yearly_cost_total"):
        texts.append(_scaling(scaling))
    return _paragraphs(*texts)


def _assumption(scaling: dict, label: str) -> str:
    for a in scaling.get("assumptions") or []:
        if a["label"].startswith(label):
            return a["value"]
    return ""


def _scaling(scaling: dict) -> str:
    """The estimate, rounded, with the assumptions it rests on named."""
    per_school = int(_assumption(scaling, "Grupper pr. skole") or 1)
    meetings = decimal(_assumption(scaling, "Møder pr. gruppe") or 0)
    hours = decimal(_assumption(scaling, "Ledertimer pr. møde") or 0)
    rate = kr(_assumption(scaling, "Timesats") or 0)
    materials = kr(_assumption(scaling, "Materialer pr. møde") or 0)
    return (
        f"Skaleres sorggrupperne til {of(scaling['schools'], scaling['schools'], 'skole')}, anslås "
        f"driften til {approx_kr(scaling['yearly_cost_total'])} om året. Skønnet bygger på, hvad "
        f"{count(scaling['groups_measured'], 'gruppe')} har målt over "
        f"{count(scaling['meetings_measured'], 'møde')}: {meetings} møder pr. gruppe om året, "
        f"{hours} ledertimer pr. møde à {rate} og {materials} til materialer pr. møde, og på "
        f"{count(per_school, 'gruppe')} pr. skole ud fra antallet af henviste elever."
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


def _organisations(rows: list[dict]) -> str:
    """«fra A (herunder B med C og D), E og F samt fra G» from the organisations' tree, the
    largest first (pupils are counted apart)."""
    counts = {r["name"]: r["count"] for r in rows if r["name"] != PUPILS}
    parent = {r["name"]: r.get("parent") for r in rows if r["name"] != PUPILS}
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

    def total(name: str) -> int:
        return counts.get(name, 0) + sum(total(c) for c in children.get(name) or [])

    def ordered(names: list[str]) -> list[str]:
        return sorted(names, key=lambda n: (-total(n), n))

    def tree(name: str, depth: int) -> str:
        below = ordered(children.get(name) or [])
        if not below:
            return name
        inner = listing([tree(c, depth + 1) for c in below])
        return f"{name} med {inner}" if depth else f"{name} (herunder {inner})"

    texts = [tree(r, 0) for r in ordered(roots)]
    if len(texts) <= 2:
        return "fra " + listing(texts)
    return f"fra {', '.join(texts[:-1])} samt fra {texts[-1]}"


def conference(facts: dict, ctx: Context) -> str | None:
    texts = []
    for when, e in _events(facts, "conference"):
        held = when == "held"
        dates = day_range(e["first_day"], e["last_day"])
        days = len(e.get("days") or [])
        description = _split(e.get("description"))
        lead = (
            f"Skoleområdet holdt {dates} konferencen «{e['title']}»."
            if held
            else f"Skoleområdet arrangerer og udbyder konferencen «{e['title']}», der afholdes "
            f"{dates}"
            # the event's own description tells the days; without one the note does
            + (f" over {count(days, 'uddannelsesdag')}." if days > 1 and not description else ".")
        )
        texts.append(_sentences(lead, description[0] if description else None))
        for f in e.get("facilitators") or []:
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
        middle, last = description[1:-1], description[-1:] if len(description) > 1 else []
        texts.extend(middle)
        by_kind = e.get("by_kind") or {}
        adults = e["registrations"] - by_kind.get("pupil", 0)
        orgs = _organisations(e.get("by_organisation") or [])
        registered = (
            f"Konferencen {'havde' if held else 'har'} {count(adults, 'tilmeldt deltager')}"
            + (f" {orgs}" if orgs else "")
            + "."
        )
        pupils = by_kind.get("pupil", 0)
        invited = (
            f"Desuden er {count(pupils, 'elev')} fra skolerne tilmeldt."
            if pupils
            else "Endvidere er der inviteret børn og unge fra skolerne."
            if e.get("pupils_invited")
            else None
        )
        texts.append(_sentences(registered, invited, *last))
    return _paragraphs(*texts)


def course(facts: dict, ctx: Context) -> str | None:
    texts = []
    for when, e in _events(facts, "course"):
        held = when == "held"
        per_school = e.get("participants_per_school") or []
        dates = day_range(e["first_day"], e["last_day"])
        description = _split(e.get("description"))
        people = e["registrations"]
        schools = of(len(per_school), ctx.schools_total() or len(per_school), "skole")
        lead = (
            f"På en særligt tilrettelagt efteruddannelse, «{e['title']}» ({dates}), "
            + ("deltog" if held else "deltager")
            + f" {count(people, 'skolepædagog')}"
            + (f" fra {schools}" if per_school else "")
            + "."
            if people
            else f"Til en særligt tilrettelagt efteruddannelse, «{e['title']}» ({dates}), er "
            "der endnu ikke tilmeldt skolepædagoger."
        )
        facilitators = [
            ("blev faciliteret af " if held else "faciliteres af ")
            + _relative(f["name"], (f.get("description") or "").strip())
            for f in e.get("facilitators") or []
        ]
        texts.append(
            _paragraphs(
                description[0] if description else None,
                _sentences(
                    lead,
                    *description[1:],
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


def draft(part_id: str, facts: dict | None, ctx: Context) -> str | None:
    """The drafted text of one part, or None when its section has no data (or is absent). Always
    Danish, whatever language the request runs in."""
    if facts is None:
        return None
    with translation.override("da"):
        return NARRATIVES.get(part_id, generic)(facts, ctx)
