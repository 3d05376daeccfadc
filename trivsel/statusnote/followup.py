"""Follow-up of the last note: what a note states as planned becomes a recorded commitment when it
is made final, and the next note opens each part with «Opfølgning på sidste statusnotat» — what
was promised and what happened, from the data (held, started, delayed, dropped), as prose: «I
statusnotatet fra foråret 2023 skrev vi, at … Status er, at …».

``plans(part_id, facts, ctx)`` reads the plans a part's text states from the section's facts (the
same facts the narrative drafts from), with the ``ref`` the section gave each planned record; its
``what`` is the promise as a clause for «skrev vi, at …», in the past of reported speech.
``collect(period, as_of)`` finds the last final note of an earlier half-year, asks each section
(``sections.follow_up``) what became of its commitments, and lists the parts that note reported
on, so that none is silently dropped. ``paragraphs(follow_up, part_id, ctx)`` tells one part's
follow-up; ``status(item, ctx)`` says one outcome.
"""

from __future__ import annotations

from datetime import date, timedelta

from trivsel.schools import sections

from . import structure
from .formatting import (
    capitalise,
    count,
    day,
    day_range,
    from_to,
    in_words,
    kr,
    listing,
    month_names,
    of,
    quoted,
    season,
    typography,
)
from .models import Commitment, NoteStatus, StatusNote
from .narrative import coverage_text, effect_scores, money_status, plan_progress, tidy

HEADING = "Opfølgning på sidste statusnotat"


def _plan(ref: str, section: str, part: str, what: str, due: str | date) -> dict:
    return {
        "ref": ref,
        "section": section,
        "part": part,
        "what": typography(what),
        "due": due if isinstance(due, str) else due.isoformat(),
    }


def _course_people(e: dict, all_schools: int) -> str:
    per_school = e.get("participants_per_school") or []
    if per_school and all(r["count"] == 1 for r in per_school) and len(per_school) == all_schools:
        return f"én skolepædagog fra hver af de {count(all_schools, 'skole')}"
    return count(e.get("registrations", 0), "skolepædagog")


def plans(part_id: str, facts: dict | None, ctx) -> list[dict]:
    """The plans the part's drafted text states, each with its section's ``ref``, its due date and
    the promise as a clause («fire af de seks skoler ønskede at fortsætte …»)."""
    facts = facts or {}
    all_schools = ctx.schools_total()
    found: list[dict] = []
    if part_id == "trials":
        start = ((ctx.facts.get("schools") or {}).get("next_school_year") or {}).get("start")
        due = start or (ctx.as_of + timedelta(days=365)).isoformat()
        for theme in facts.get("themes") or []:
            continuing = theme.get("schools_continuing")
            if not continuing:
                continue
            schools = theme["schools"]
            pending = schools - theme.get("evaluated_schools", 0)
            what = (
                f"{of(continuing, all_schools or schools, 'skole')} på baggrund af deres "
                f"erfaringer ønskede at fortsætte fokus på {theme['theme'].lower()}"
            )
            if pending:
                what += (
                    ", og at den sidste skole endnu var ved at gøre erfaringerne op"
                    if pending == 1
                    else f", og at de {in_words(pending)} øvrige skoler endnu var ved at gøre "
                    "erfaringerne op"
                )
            found.append(_plan(f"trials.theme:{theme['theme']}", "trials", part_id, what, due))
    elif part_id == "trials.themeday":
        for d in facts.get("theme_days") or []:
            if not d.get("held") and d.get("id"):
                found.append(
                    _plan(
                        f"trials.themeday:{d['id']}",
                        "trials",
                        part_id,
                        "netværket var i færd med at forberede en temadag for skoleledelserne "
                        f"den {day(d['date'])}",
                        d["date"],
                    )
                )
    elif part_id == "openschool":
        p = facts.get("planned")
        if p and p.get("id"):
            what = (
                f"netværket fra skoleåret {p['school_year']} ville administrere Åben "
                "Skole-midlerne til sundhed og trivsel"
                + (f" ({kr(p['budget'])})" if p.get("budget") else "")
            )
            if p.get("decided"):  # the programme's decision on how the money is to be used
                what += (
                    ", og at midlerne skulle bruges på en mere praksisnær måde, der også giver "
                    "medejerskab og kapacitetsopbygning blandt det pædagogiske personale"
                )
            found.append(
                _plan(f"openschool.programme:{p['id']}", "openschool", part_id, what, p["start"])
            )
    elif part_id == "headspace":
        p = facts.get("planned")
        if p and p.get("id"):
            grade = (
                f"alle klasser på {p['grade']}. årgang"
                if p.get("grade") is not None
                else "alle klasser på et relevant årgangstrin"
            )
            found.append(
                _plan(
                    f"headspace.target:{p['id']}",
                    "headspace",
                    part_id,
                    f"Headspace fra skoleåret {p['school_year']} ville indgå i Åben "
                    f"Skole-programmet, så {grade} får oplæg om trivsel og mental "
                    "sundhedsfremme samt præsentation af det lokale Headspace i Rødovre",
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
                    f"der ville blive afviklet sorggruppelederkursus i {season(c['start'])} for "
                    "udvalgte medarbejdere fra alle skoler",
                    c["end"],
                )
            )
            found.append(
                _plan(
                    f"griefgroups.groups:{c['id']}",
                    "griefgroups",
                    part_id,
                    "udvalgte skoler herefter ville igangsætte arbejdet med sorggrupper med "
                    "henblik på en vurdering af behov, udbytte og driftsomkostninger",
                    c["end"],
                )
            )
    elif part_id in ("conference", "conference.course"):
        kind = "conference" if part_id == "conference" else "course"
        for when in ("in_period_planned", "planned"):
            for e in facts.get(when) or []:
                if e.get("kind") != kind or not e.get("id"):
                    continue
                if kind == "conference":
                    pupils = (e.get("by_kind") or {}).get("pupil", 0)
                    adults = e.get("registrations", 0) - pupils
                    what = (
                        f"Skoleområdet ville holde konferencen {quoted(e['title'])} "
                        f"{day_range(e['first_day'], e['last_day'])}"
                        + (
                            f", og at {count(adults, 'deltager')} allerede var tilmeldt"
                            if adults
                            else ""
                        )
                    )
                else:
                    facilitators = [f["name"] for f in e.get("facilitators") or []]
                    by = f" ved {listing(facilitators)}" if facilitators else ""
                    running = e["first_day"] <= ctx.as_of.isoformat()
                    what = (
                        f"{_course_people(e, all_schools)} "
                        f"{'deltog' if running else 'skulle deltage'} i en særligt "
                        f"tilrettelagt efteruddannelse{by} "
                        f"{from_to(e['first_day'], e['last_day'])}"
                    )
                found.append(
                    _plan(
                        f"conference.event:{e['id']}", "conference", part_id, what, e["first_day"]
                    )
                )
    return found


COMPARED = ("consultants", "conference")  # sections whose figures the next note compares


def counts_from(follow_up: dict | None) -> date | None:
    """The day after the last note's as-of date: what the next note counts from."""
    if not follow_up or not follow_up.get("as_of"):
        return None
    return date.fromisoformat(follow_up["as_of"]) + timedelta(days=1)


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
    earlier = (last.snapshot or {}).get("facts") or {}
    return {
        "note": f"{last.period.name}, version {last.version}",
        "period": last.period.name,
        "as_of": last.as_of.isoformat(),
        # the figures the last note gave, for this one to compare with
        "last_facts": {key: earlier[key] for key in COMPARED if key in earlier},
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


def _source(follow_up: dict) -> str:
    """«I statusnotatet fra foråret 2023»."""
    name = follow_up.get("period") or (follow_up.get("note") or "").split(",")[0]
    season_name, _, year = name.partition(" ")
    definite = {"forår": "foråret", "efterår": "efteråret"}.get(season_name.lower())
    when = f"fra {definite} {year}" if definite and year else f"for {name}" if name else ""
    return f"I statusnotatet {when}".rstrip()


def _openings(follow_up: dict) -> list[tuple[str, str]]:
    """(how we say what the last note wrote, how we say the status): varied from part to part,
    so the follow-ups do not all read alike."""
    source = _source(follow_up)
    season_name = source.removeprefix("I statusnotatet fra ").split(" ")[0]
    when = f"i {season_name}" if season_name in ("foråret", "efteråret") else "sidst"
    return [
        (f"{source} skrev vi, at", "Status er"),
        ("Sidste statusnotat fortalte, at", "Status er nu"),
        (f"Vi skrev {when}, at", "Status er nu"),
        (f"{capitalise(when)} skrev vi, at", "Status er"),
    ]


def paragraphs(follow_up: dict | None, part_id: str, ctx) -> list[str]:
    """One paragraph per promise of the last note in this part: what we wrote, and the status."""
    if not follow_up:
        return []
    items = follow_up.get("items") or []
    followed = [p for p in structure.part_ids() if any(i["part"] == p for i in items)]
    openings = _openings(follow_up)
    wrote, now = openings[(followed.index(part_id) if part_id in followed else 0) % len(openings)]
    out = []
    for n, item in enumerate(i for i in items if i["part"] == part_id):
        what = item["what"].rstrip(".")
        if what[:1].isupper() and not what.startswith(("Headspace", "Skoleområdet")):
            promise = f"{_source(follow_up)} omtalte vi: {what}."  # an older, headline-style one
        elif n == 0:
            promise = f"{wrote} {what}."
        else:
            promise = f"Vi skrev også, at {what}."
        told = status(item, ctx)
        if told.startswith(STATUS):  # «Status er, at …» in this part's words
            told = now + told[len("Status er") :]
        out.append(tidy(f"{promise} {told}"))
    return out


STATUS = "Status er, at"


def _status(first: str, *more: str | None) -> str:
    """«Status er, at <first>.» and then the further sentences."""
    sentences = [f"Status er, at {first}."] + [m for m in more if m]
    return " ".join(sentences)


def _moved_or_planned(what: str, when: str | None, due: date, last: str | None = None) -> str:
    if when and date.fromisoformat(when) > due:
        return _status(f"{what} er udskudt til {day(when)}")
    if when:
        dates = day_range(when, last) if last else f"den {day(when)}"
        return _status(f"{what} fortsat er planlagt til {dates}")
    return _status(f"{what} fortsat er planlagt")


def status(item: dict, ctx) -> str:
    """What became of one commitment, from the data, as of the note's date."""
    state, detail = item.get("state"), item.get("detail") or {}
    due = date.fromisoformat(item["due"])
    when = item.get("date")
    ref = item["ref"]
    as_of = ctx.as_of
    if state == "dropped":
        return _status("det er aflyst eller ikke længere registreret i portalen")
    if state == "unknown":
        return "Portalen har ingen data om, hvad der er sket siden."
    if ref.startswith("trials.themeday:"):
        return _theme_day(state, when, due, detail, as_of, ctx.ref("trials.themeday", "table"))
    if ref.startswith("trials.theme:"):
        return _theme(ref.split(":", 1)[1], state, detail, ctx)
    if ref.startswith("openschool.programme:"):
        if state != "started":
            return _moved_or_planned("ordningen", when, due)
        return " ".join(
            [_status(f"netværket har administreret midlerne siden {day(when)}")]
            + money_status(detail, as_of, ctx.ref("openschool", "table"))
        )
    if ref.startswith("headspace.target:"):
        return _headspace(state, when, due, detail)
    if ref.startswith("griefgroups.course:"):
        if state == "held":
            schools = ctx.schools_total() or detail.get("schools", 0)
            course = (ctx.facts.get("griefgroups") or {}).get("course") or {}
            grant = (
                f"Kursusafgiften blev dækket af bevillingen på {kr(course['grant_amount'])} fra "
                f"{course['grant_giver']}, som {course['provider']} fik."
                if course.get("grant_giver") and course.get("grant_amount")
                else None
            )
            return _status(
                f"kurset blev afviklet med {count(detail.get('sessions', 0), 'kursusgang')} "
                f"{from_to(when, detail['end'])}, og at "
                f"{count(detail['completed'], 'udvalgt medarbejder')} fra "
                f"{of(detail['schools'], schools, 'skole')} har gennemført det",
                grant,
            )
        if state == "started":
            return _status(f"kurset er i gang og slutter den {day(detail['end'])}")
        return _moved_or_planned("kurset", when, due)
    if ref.startswith("griefgroups.groups:"):
        if state == "started":
            starts = sorted(detail.get("starts") or [])
            when = (
                f"mellem {day_range(starts[0], starts[-1]).replace('–', ' og ', 1)}"
                if len(set(starts)) > 1
                else f"den {day(starts[0])}"
                if starts
                else ""
            )
            early = sum(1 for d in starts if d <= item["due"])
            after = (
                "efter kurset, " if starts and not early else ""
            )  # the course ended on the due day
            started = (
                f"{count(detail['schools'], 'skole')} har startet hver sin sorggruppe"
                if detail["groups"] == detail["schools"]
                else f"{count(detail['groups'], 'sorggruppe')} er startet på "
                f"{count(detail['schools'], 'skole')}"
            )
            return _status(
                f"{started} {after}{when}".rstrip(),
                f"{count(early, 'sorggruppe', start=True)} startede, før kurset sluttede."
                if early
                else None,
            )
        late = " Det er senere end planlagt." if as_of > due + timedelta(days=90) else ""
        return _status("der endnu ikke er startet sorggrupper") + late
    if ref.startswith("conference.event:"):
        return _event(state, when, due, detail, ctx, ref)
    return _status(
        {"held": "det er holdt", "started": "det er i gang"}.get(state, "det er planlagt")
    )


def _theme_day(
    state: str, when: str | None, due: date, detail: dict, as_of: date, table: str | None = None
) -> str:
    if state != "held":
        return _moved_or_planned("temadagen", when, due)
    presentations = detail.get("presentations", 0)
    as_planned = when == due.isoformat()
    texts = [
        (
            "temadagen blev afholdt som planlagt"
            if as_planned
            else f"temadagen blev afholdt den {day(when)}"
        )
        + (
            f" med {count(presentations, 'præsentation')} af skolernes prøvehandlinger"
            if presentations
            else ""
        )
    ]
    plans, schools = detail.get("plans", 0), detail.get("schools", 0)
    more: list[str | None] = []
    if plans:
        more.append(
            f"{of(plans, schools or plans, 'skole', start=True)} lagde på dagen en plan for, "
            "hvilke prøvehandlinger de vil indføre på egen skole"
            + (f" ({table})" if table else "")
            + "."
        )
        without, started = detail.get("without_plan", 0), detail.get("without_plan_new_action", 0)
        if without:
            who = (
                "Den sjette skole"
                if without == 1 and schools == 6
                else "Den sidste skole"
                if without == 1
                else f"De sidste {in_words(without)} skoler"
            )
            if started == without:
                themes = [t.lower() for t in detail.get("without_plan_themes") or []]
                about = f" om {listing(themes)}" if themes else ""
                more.append(
                    f"{who} lagde ingen plan, men er siden gået i gang med "
                    + ("en ny prøvehandling" if without == 1 else "nye prøvehandlinger")
                    + f"{about}."
                )
            else:
                more.append(f"{who} lagde ingen plan.")
        more.append(plan_progress(detail, as_of))
        notes = detail.get("dropped_notes") or []
        if notes:
            more.append(
                (
                    "Om den opgivne plan skriver skolen: "
                    if len(notes) == 1
                    else "Om de opgivne planer skriver skolerne: "
                )
                + " ".join(quoted(n.strip()) for n in notes)
            )
    return _status(texts[0], *more)


def _theme(name: str, state: str, detail: dict, ctx) -> str:
    """«Status er, at de to sidste skoler evaluerede deres prøvehandlinger i maj og juni 2023, og
    at begge også ønsker at fortsætte i tilpasset form. Af de seks skoler, der
    ønsker at fortsætte, er tre i gang med nye prøvehandlinger om … Én har i stedet …»."""
    theme = name.lower()
    first: str | None = None
    decided, pending = detail.get("decided_since", 0), detail.get("pending_then", 0)
    if decided:
        if decided == pending:
            who = f"de {in_words(decided)} øvrige skoler" if decided > 1 else "den sidste skole"
        else:
            who = f"{in_words(decided)} af de {in_words(pending)} øvrige skoler"
        dates = month_names(detail.get("decided_dates") or [])
        adjust = detail.get("adjust_since", 0)
        continuing = detail.get("continue_since", 0) + adjust
        if continuing == decided:
            how = "også ønsker at fortsætte" + (
                " i tilpasset form"
                if adjust == decided
                else f", {in_words(adjust)} af dem i tilpasset form"
                if adjust
                else ""
            )
            if decided == 1:
                first = f"{who} evaluerede sin prøvehandling {dates} og {how}"
            else:
                both = "begge" if decided == 2 else "alle"
                first = f"{who} evaluerede deres prøvehandlinger {dates}, og at {both} {how}"
        else:
            stop = detail.get("stop_since", 0)
            first = (
                f"{who} evaluerede deres prøvehandlinger {dates}, og at {in_words(continuing)} "
                "ønsker at fortsætte" + (f", mens {in_words(stop)} stopper" if stop else "")
            )
    total, new = detail.get("continuing_schools", 0), detail.get("schools", 0)
    more: list[str] = []
    scores = effect_scores(
        detail.get("effect_pupils_since"),
        detail.get("effect_class_since"),
        f"De {in_words(decided)} skolers" if decided > 1 else "Skolens",
    )
    if decided and scores:
        more.append(scores)
    whole = ctx.schools_total() or total
    if total:
        more.append(
            f"Dermed ønsker {of(total, whole, 'skole')} at fortsætte."
            if total > 1
            else "Dermed ønsker én skole at fortsætte."
        )
    clauses = []
    if new:
        clauses.append(
            f"{in_words(new)} af dem er i gang med nye prøvehandlinger om {theme}"
            if new > 1
            else f"{'én af dem' if total > 1 else 'den'} er i gang med en ny prøvehandling om "
            f"{theme}"
        )
    for other in detail.get("other_themes") or []:
        n = other["schools"]
        actions = "en prøvehandling" if n == 1 else "prøvehandlinger"
        clauses.append(
            f"{in_words(n)} har i stedet valgt at prioritere {actions} om "
            f"{other['theme'].lower()} i dette skoleår"
        )
    without = detail.get("without_new", 0)
    if without and clauses:
        actions = "en ny prøvehandling" if without == 1 else "nye prøvehandlinger"
        clauses.append(f"{in_words(without)} har endnu ikke startet {actions} med temaet")
    elif total and not clauses:
        clauses.append(f"ingen af dem har endnu startet nye prøvehandlinger om {theme}")
    if clauses:
        more.append(capitalise(_rest(clauses)) + ".")
    if detail.get("planned"):
        more.append(f"{count(detail['planned'], 'prøvehandling', start=True)} er planlagt.")
    if first is not None:
        return _status(first, *more)
    if total:  # nothing was pending: who goes on, and how, is the status
        return _status(
            f"{of(total, whole, 'skole')} ønsker at fortsætte fokus på {theme}", *more[1:]
        )
    if more:
        return _status(f"der ikke er startet nye prøvehandlinger om {theme}", *more)
    return _status(f"der ikke er registreret nye prøvehandlinger om {theme} siden")


def _rest(clauses: list[str]) -> str:
    """Main clauses joined the Danish way: «a, b, og c»."""
    if len(clauses) <= 1:
        return "".join(clauses)
    return f"{', '.join(clauses[:-1])}, og {clauses[-1]}"


def _headspace(state: str, when: str | None, due: date, detail: dict) -> str:
    if state != "started":
        return _moved_or_planned("samarbejdet", when, due)
    grade = detail.get("grade")
    if grade is None:
        return _status("der endnu ikke er valgt et årgangstrin")
    covered = detail["held"] + detail["booked"]
    cover = {
        "classes": detail["classes"],
        "covered": covered,
        "held": detail["held"],
        "booked": detail["booked"],
        "missing": detail["missing"],
        "grade": grade,
    }
    chosen = detail.get("grade_then") is None
    first, *rest = coverage_text(cover, grade=not chosen)
    lead = f"valget faldt på {grade}. årgang, og at {first}" if chosen else first
    offer = detail.get("offer")
    return _status(lead, *(f"{t}." for t in rest), offer)


def _event(state: str, when: str | None, due: date, detail: dict, ctx, ref: str) -> str:
    course = detail.get("kind") == "course"
    what = "efteruddannelsen" if course else "konferencen"
    if state == "held":
        first = (
            f"{what} blev afsluttet den {day(detail['last'])}"
            if course
            else f"{what} blev afholdt {day_range(when, detail['last'])}"
        )
        more = []
        booked, came = detail.get("booked_days", 0), detail.get("checked_in_days", 0)
        people, days = detail.get("participants", 0), detail.get("days", 0)
        if booked and came == booked and people:
            everyone = "Alle" if people > 2 else "Begge" if people == 2 else "Deltageren"
            more.append(
                f"{everyone} {in_words(people) + ' ' if people > 2 else ''}deltagere var med på "
                f"alle {count(days, 'kursusdag' if course else 'dag')}."
                if people > 1
                else f"Deltageren var med på alle {count(days, 'kursusdag' if course else 'dag')}."
            )
        elif booked and came:
            more.append(
                f"Deltagerne var til stede på {came} af {count(booked, 'kursusdag' if course else 'dag')}."
            )
        return _status(first, *more)
    if when and date.fromisoformat(when) > due:
        first = f"{what} er udskudt til {day_range(when, detail.get('last') or when)}"
    else:
        first = f"{what} fortsat holdes som planlagt"
    adults, pupils = detail.get("adults", 0), detail.get("pupils", 0)
    then = detail.get("registrations_then", 0)
    signed = (
        f"{count(adults, 'deltager')}"
        + (f" og {count(pupils, 'elev')}" if pupils else "")
        + f" er tilmeldt pr. {day(ctx.as_of)}"
        + (
            f", {number_or_word(adults - then)} {'flere' if adults > then else 'færre'} end sidst"
            if then and then != adults
            else ""
        )
    )
    return _status(f"{first}, og at {signed}", _facilitators(ref, ctx))


def _conference(facts: dict | None, pk: int) -> dict | None:
    return next(
        (
            e
            for when in ("held", "in_period_planned", "planned")
            for e in (facts or {}).get(when) or []
            if e.get("id") == pk and e.get("kind") == "conference"
        ),
        None,
    )


def _facilitators(ref: str, ctx) -> str | None:
    """«Ledende kræfter i MIT Center for Systems Awareness faciliterer fortsat konferencen.»: the
    event's facilitators as its data has them, beside those the last note named."""
    pk = int(ref.split(":", 1)[1])
    event = _conference(ctx.facts.get("conference"), pk)
    earlier = _conference((ctx.extra.get("last_facts") or {}).get("conference"), pk)
    now = sorted(f["name"] for f in (event or {}).get("facilitators") or [])
    if not now:
        return None
    then = sorted(f["name"] for f in (earlier or {}).get("facilitators") or [])
    if then == now:
        return f"Ledende kræfter i {listing(now)} faciliterer fortsat konferencen."
    return f"Konferencen faciliteres af ledende kræfter i {listing(now)}."


def number_or_word(n: int) -> str:
    return in_words(n)
