"""Follow-up of the last note: the plans a final note states are recorded commitments with a due
date and their source, and the next note opens each part with «Opfølgning på sidste statusnotat»
— what was promised and what happened, from the data, in prose («I statusnotatet fra foråret 2023
skrev vi, at … Status er, at …»), with no fact of the story dropped. A part the last note
reported on is never silently dropped, and not told again word for word."""

from __future__ import annotations

import re
from datetime import date

import pytest

from initiatives.trials.models import ThemeDay
from trivsel.schools.demo import save_on
from trivsel.statusnote import compose, followup, services
from trivsel.statusnote.models import Commitment, NoteStatus, StatusNote
from trivsel.statusnote.narrative import Context
from trivsel.statusnote.rendering import render_note

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

SPRING_PLANS = {
    "trials.themeday": "netværket var i færd med at forberede en temadag for skoleledelserne den "
    "27. april 2023",
    "trials": "fire af de seks skoler på baggrund af deres erfaringer ønskede at fortsætte fokus "
    "på søvn og digital adfærd, og at de to øvrige skoler endnu var ved at gøre erfaringerne op",
    "openschool": "netværket fra skoleåret 2023/24 ville administrere Åben Skole-midlerne til "
    "sundhed og trivsel (250.000 kr.), og at midlerne skulle bruges på en mere praksisnær måde, "
    "der også giver medejerskab og kapacitetsopbygning blandt det pædagogiske personale",
    "headspace": "Headspace fra skoleåret 2023/24 ville indgå i Åben Skole-programmet, så alle "
    "klasser på et relevant årgangstrin får oplæg om trivsel og mental sundhedsfremme samt "
    "præsentation af det lokale Headspace i Rødovre",
    "conference": "Skoleområdet ville holde konferencen »Du og jeg, en verden i Rødovre – en "
    "konference om trivsel, fællesskaber og forandringer« 5.–7. marts 2024, og at 100 deltagere "
    "allerede var tilmeldt",
    "conference.course": "én skolepædagog fra hver af de seks skoler deltog i en særligt "
    "tilrettelagt efteruddannelse ved Bloom Institute fra 22. marts til 14. juni 2023",
}


@pytest.fixture
def spring_note(spring_2023):
    return StatusNote.objects.get(period=spring_2023, status=NoteStatus.FINAL)


def autumn_parts(spring_note, as_of=date(2023, 12, 31)):
    autumn = spring_note.period.__class__.objects.get(name="Efterår 2023")
    note = services.note_create_draft(period=autumn, as_of=as_of)
    view = compose.compose(note)
    return note, view, {p.id: p for c in view.chapters for p in c.parts}


def test_the_final_spring_note_recorded_every_plan_it_states_as_a_commitment(spring_note):
    commitments = {(c.part, c.what): c for c in Commitment.objects.filter(note=spring_note)}
    for part, what in SPRING_PLANS.items():
        assert (part, what) in commitments, what
    assert {c.what for c in commitments.values() if c.part == "griefgroups"} == {
        "der ville blive afviklet sorggruppelederkursus i efteråret 2023 for udvalgte "
        "medarbejdere fra alle skoler",
        "udvalgte skoler herefter ville igangsætte arbejdet med sorggrupper med henblik på en "
        "vurdering af behov, udbytte og driftsomkostninger",
    }
    theme_day = commitments[("trials.themeday", SPRING_PLANS["trials.themeday"])]
    assert theme_day.due == date(2023, 4, 27)
    assert theme_day.ref == f"trials.themeday:{ThemeDay.objects.get().pk}"
    # the source: every commitment belongs to the note that stated it
    assert all(c.note == spring_note for c in commitments.values())


def test_every_promise_of_the_spring_note_is_followed_up_in_prose(spring_note):
    _note, view, parts = autumn_parts(spring_note)
    assert view.follow_up_note == "Forår 2023, version 1"
    commitments = list(Commitment.objects.filter(note=spring_note))
    assert len(commitments) == 8
    for commitment in commitments:
        paragraphs = parts[commitment.part].follow_up
        told = [p for p in paragraphs if f", at {commitment.what}." in p]
        assert len(told) == 1, commitment.what
        assert re.search(r"Status er( nu)?, at ", told[0]), told[0]
        # a Danish sentence, not a headline, a colon and a status string
        assert not told[0].startswith(commitment.what)
    first = [p for part in parts.values() for p in part.follow_up[:1]]
    assert len(first) == 7
    assert first[0].startswith("I statusnotatet fra foråret 2023 skrev vi, at ")
    # the follow-ups do not all open alike: the opening varies from part to part
    openings = {p.split(", at ", 1)[0] for p in first}
    assert openings == {
        "I statusnotatet fra foråret 2023 skrev vi",
        "Sidste statusnotat fortalte",
        "Vi skrev i foråret",
        "I foråret skrev vi",
    }


def test_the_autumn_follow_up_tells_what_became_of_each_promise_from_the_data(spring_note):
    _note, _view, parts = autumn_parts(spring_note)
    (sleep,) = parts["trials"].follow_up
    # the two undecided schools, their evaluation, the three that go on, the fourth and the rest
    assert (
        "Status er, at de to øvrige skoler evaluerede deres prøvehandlinger i maj og juni 2023, "
        "og at begge også ønsker at fortsætte i tilpasset form." in sleep
    )
    # and how they judged the effect, as the spring note told it of the first four
    assert (
        "De to skolers vurdering af effekten er i gennemsnit 3,0 på elevernes mentale sundhed og "
        "3,5 på trivslen i klassen på en skala fra 1 til 5." in sleep
    )
    assert (
        "Dermed ønsker alle seks skoler at fortsætte. Tre af dem er i gang med nye "
        "prøvehandlinger om søvn og digital adfærd, én har i stedet valgt at prioritere en "
        "prøvehandling om bevægelse i dette skoleår, og to har endnu ikke startet nye "
        "prøvehandlinger med temaet." in sleep
    )
    assert "Af de seks skoler, der ønsker" not in sleep
    # the movement action is told by its aim, which goes back to the spring's example
    # and, as the follow-up told which school took it up, without a second introduction
    movement = " ".join(b.text for b in parts["trials"].blocks)
    assert movement.startswith(
        "Målet med prøvehandlingen om bevægelse er at fastholde den mere varierede skoledag"
    )
    assert "Initieret af netværket" not in movement
    (theme_day,) = parts["trials.themeday"].follow_up
    assert "Status er nu, at temadagen blev afholdt som planlagt med seks præsentationer" in (
        theme_day
    )
    assert (
        "Fem af de seks skoler lagde på dagen en plan for, hvilke prøvehandlinger de vil indføre"
        in (theme_day)
    )
    # what the sixth school took up, so it is not taken for the school that chose movement
    assert (
        "Den sjette skole lagde ingen plan, men er siden gået i gang med en ny prøvehandling om "
        "søvn og digital adfærd." in theme_day
    )
    assert (
        "Pr. 31. december 2023 er én af planerne gennemført, to er i gang, én er ikke påbegyndt, "
        "og én er opgivet." in theme_day
    )
    assert "Om den opgivne plan skriver skolen: »Vi prioriterer i dette skoleår bevægelse" in (
        theme_day
    )
    assert parts["trials.themeday"].nothing is None  # no silent «no theme day» instead
    (money,) = parts["openschool"].follow_up
    assert "Status er nu, at netværket har administreret midlerne siden 1. august 2023." in money
    assert (
        "Skolerne har sendt seks ansøgninger (tabel 1): tre er bevilget med i alt 34.500 kr. (heraf én "
        "delvist), én afventer behandling, én er sendt tilbage til skolen med ønske om ændringer, "
        "og én er afslået." in money
    )
    assert "Begrundelsen for afslaget er: »Aktiviteten ligger uden for midlernes formål" in money
    # the share of the budget granted and spent as of the date, said plainly
    assert (
        "Pr. 31. december 2023 er der dermed bevilget 34.500 kr., eller 14 pct. af budgettet på "
        "250.000 kr., og 13.500 kr. er brugt og afrapporteret." in money
    )
    assert "Om personalets deltagelse skriver skolen i den første afrapportering: »" in money
    assert (
        "De resterende 215.500 kr. kan skolerne søge frem til skoleårets afslutning den 31. juli "
        "2024." in money
    )
    (headspace,) = parts["headspace"].follow_up
    assert (
        "Status er, at valget faldt på 8. årgang, og at syv af årgangens otte klasser har fået "
        "oplægget eller har det bestilt." in headspace
    )
    assert (
        "Fire oplæg er holdt, og tre er bestilt. Én klasse har endnu ikke bestilt oplægget."
        in headspace
    )
    assert "præsenterer det lokale Headspace i Rødovre" in headspace
    course, groups = parts["griefgroups"].follow_up
    assert (
        "Status er, at kurset blev afviklet med fire kursusgange fra 12. september til 21. "
        "november 2023, og at tolv udvalgte medarbejdere fra alle seks skoler har gennemført det."
    ) in course
    # the grant the spring note told of
    assert "Kursusafgiften blev dækket af bevillingen på 60.000 kr. fra TrygFonden" in course
    # the groups started after the course, as the spring note said they would
    assert (
        "tre skoler har startet hver sin sorggruppe efter kurset, mellem 28. november og 5. "
        "december 2023." in groups
    )
    assert "før kurset sluttede" not in groups
    (conference,) = parts["conference"].follow_up
    # the sign-ups moved on since April
    assert (
        "Status er nu, at konferencen fortsat holdes som planlagt, og at 120 deltagere"
        in conference
    )
    assert "120 deltagere er tilmeldt pr. 31. december 2023, 20 flere end sidst." in conference
    assert conference.count("100") == 1  # the spring figure once
    # the facilitators the spring note named, from the event's data
    assert (
        "Ledende kræfter i MIT Center for Systems Awareness faciliterer fortsat konferencen."
        in conference
    )
    (pedagogues,) = parts["conference.course"].follow_up
    assert "Status er nu, at efteruddannelsen blev afsluttet den 14. juni 2023." in pedagogues
    assert "Alle seks deltagere var med på alle fire kursusdage." in pedagogues


def test_the_autumn_text_does_not_repeat_what_the_follow_up_or_the_spring_note_said(
    spring_note,
):
    _note, _view, parts = autumn_parts(spring_note)
    spring = {
        " ".join(paragraph.split())
        for text in (spring_note.narratives or {}).values()
        for paragraph in (text or "").split("\n\n")
        if len(paragraph) > 80
    }
    for part in parts.values():
        for block in part.blocks:
            assert " ".join(block.text.split()) not in spring, (part.id, block.text)
    grief = " ".join(b.text or " ".join(b.items) for b in parts["griefgroups"].blocks)
    # the estimate's assumptions are a short list, not a calculation in a sentence
    (assumptions,) = [b.items for b in parts["griefgroups"].blocks if b.kind == "ul"]
    assert len(assumptions) == 3
    assert assumptions[-1].startswith("to grupper pr. skole: der er henvist flere elever")
    assert grief.count("20 elever") == 1 and "20 henviste" not in grief  # said once
    assert "17 pladser" in grief
    assert "Tolv" not in grief and "ca. 615.000 kr." in grief
    assert "foreløbigt" in grief and "første evaluering" in grief
    assert "flere elever, end der er pladser" in grief
    consultants = " ".join(b.text for b in parts["consultants"].blocks)
    # counted from the day after the spring note's date: nothing falls between the two notes
    assert consultants.startswith(
        "Fra 15. april til 31. december 2023 har konsulenterne gennemført"
    )
    # beside the spring note's figures
    assert (
        "I sidste statusnotat var tallet 93 aktiviteter i 43 klasser fra 17. januar til 14. april "
        "2023." in consultants
    )
    headspace = " ".join(b.text for b in parts["headspace"].blocks)
    assert "syv af de otte" not in headspace  # the follow-up said it
    assert "Lærerne har givet fire tilbagemeldinger på de afholdte oplæg" in headspace


def test_the_follow_up_is_in_the_pdf_and_says_as_of_its_own_date(spring_note):
    autumn = spring_note.period.__class__.objects.get(name="Efterår 2023")
    note = services.note_create_draft(period=autumn, as_of=date(2023, 9, 30))
    text = pdf_text(render_note(note, "pdf"))
    assert text.count("Opfølgning på sidste statusnotat") >= 6
    # on 30 September the grief course is running and no group has started yet
    assert "Status er, at kurset er i gang og slutter den 21. november 2023." in text
    assert "Status er, at der endnu ikke er startet sorggrupper." in text
    assert "Pr. 30. september 2023 er én af planerne gennemført, én er i gang, og tre er" in text


def test_a_moved_or_dropped_plan_is_told_as_delayed_or_dropped(spring_note):
    day = ThemeDay.objects.get()
    autumn = spring_note.period.__class__.objects.get(name="Efterår 2023")
    items = followup.collect(autumn, date(2023, 12, 31))["items"]
    item = next(i for i in items if i["part"] == "trials.themeday")
    assert item["state"] == "held"
    # moved a week before the day (a dated change in its history)
    day.date = date(2024, 2, 1)
    save_on(day, date(2023, 4, 20))
    moved = next(
        i for i in followup.collect(autumn, date(2023, 12, 31))["items"] if i["ref"] == item["ref"]
    )
    ctx = Context({}, date(2023, 12, 31))
    assert followup.status(moved, ctx) == "Status er, at temadagen er udskudt til 1. februar 2024."
    day.delete()
    gone = next(
        i for i in followup.collect(autumn, date(2023, 12, 31))["items"] if i["ref"] == item["ref"]
    )
    assert gone["state"] == "dropped"
    assert "aflyst" in followup.status(gone, ctx)


def test_a_part_the_last_note_reported_on_is_never_silently_dropped(spring_note):
    autumn = spring_note.period.__class__.objects.get(name="Efterår 2023")
    # the spring note had no commitment for the consultants' part but reported on it
    Commitment.objects.filter(note=spring_note).delete()
    note = services.note_create_draft(period=autumn, as_of=date(2023, 12, 31))
    view = compose.compose(note)
    parts = {p.id: p for c in view.chapters for p in c.parts}
    assert parts["trials.themeday"].nothing == compose.REPORTED_BEFORE
    assert parts["trials.themeday"].nothing.startswith("Sidste statusnotat omtalte dette område")


def test_without_an_earlier_final_note_there_is_no_follow_up(spring_2023, spring_note):
    assert followup.collect(spring_2023, date(2023, 4, 14)) is None


def test_the_autumn_note_compares_with_the_spring_figures_and_its_introduction_is_in_time(
    spring_note,
):
    _note, view, parts = autumn_parts(spring_note)
    # the conference table: the spring note's figures beside the autumn ones, adding up
    (table,) = parts["conference"].figures.tables
    assert table.headers == ["Organisation", "Pr. 14. april 2023", "Pr. 31. december 2023"]
    assert table.rows[0] == ["Børne- og Kulturforvaltningen", "80", "95"]
    assert table.rows[-1] == ["I alt", "100", "120"]
    assert ["Forvaltningen i øvrigt", "5", "6"] in table.rows
    # the chart says the days it counts
    assert parts["consultants"].figures.chart_label == (
        "Figur 1: Konsulenternes aktiviteter efter type, 15. april–31. december 2023"
    )
    # the network administers the Åben Skole money now: the introduction says so
    intro = " ".join(b.text or " ".join(b.items) for b in view.intro)
    assert "Åben Skole-relaterede aktiviteter nu er knyttet tættere" in intro
    assert "fremadrettet" not in intro
    assert "fremadrettet knyttes tættere" in spring_note.introduction
