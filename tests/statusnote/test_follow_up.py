"""Follow-up of the last note: the plans a final note states are recorded commitments with a due
date and their source, and the next note opens each part with «Opfølgning på sidste statusnotat»
— what was promised and what happened, from the data. A part the last note reported on is never
silently dropped."""

from __future__ import annotations

from datetime import date

import pytest

from initiatives.trials.models import ThemeDay
from trivsel.schools.demo import save_on
from trivsel.statusnote import compose, followup, services
from trivsel.statusnote.models import Commitment, NoteStatus, StatusNote
from trivsel.statusnote.rendering import render_note

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

SPRING_PLANS = {
    "trials.themeday": "Temadag for skoleledelserne i slutningen af april 2023",
    "trials": "Skolerne ønsker at fortsætte fokus på søvn og digital adfærd",
    "openschool": "Netværket administrerer Åben Skole-midlerne til sundhed og trivsel fra "
    "skoleåret 2023/24",
    "headspace": "Alle klasser på 8. årgang får Headspaces oplæg fra skoleåret 2023/24",
    "conference": "Konferencen «Du og jeg, en verden i Rødovre – en konference om trivsel, "
    "fællesskaber og forandringer» 5.–7. marts 2024",
    "conference.course": "Efteruddannelsen «Efteruddannelse for skolepædagoger: kreative "
    "processer» 7. februar–10. april 2024",
}


@pytest.fixture
def spring_note(spring_2023):
    return StatusNote.objects.get(period=spring_2023, status=NoteStatus.FINAL)


def test_the_final_spring_note_recorded_every_plan_it_states_as_a_commitment(spring_note):
    commitments = {(c.part, c.what): c for c in Commitment.objects.filter(note=spring_note)}
    for part, what in SPRING_PLANS.items():
        assert (part, what) in commitments, what
    assert {c.what for c in commitments.values() if c.part == "griefgroups"} == {
        "Sorggruppelederkursus i efteråret 2023",
        "Udvalgte skoler igangsætter sorggrupper efter kurset",
    }
    theme_day = commitments[("trials.themeday", SPRING_PLANS["trials.themeday"])]
    assert theme_day.due == date(2023, 4, 27)
    assert theme_day.ref == f"trials.themeday:{ThemeDay.objects.get().pk}"
    # the source: every commitment belongs to the note that stated it
    assert all(c.note == spring_note for c in commitments.values())


def test_the_autumn_note_follows_up_every_plan_of_the_spring_note(spring_note):
    autumn = spring_note.period.__class__.objects.get(name="Efterår 2023")
    note = services.note_create_draft(period=autumn, as_of=date(2023, 12, 31))
    view = compose.compose(note)
    parts = {p.id: p for c in view.chapters for p in c.parts}
    assert view.follow_up_note == "Forår 2023, version 1"
    lines = [line for p in parts.values() for line in p.follow_up]
    for commitment in Commitment.objects.filter(note=spring_note):
        assert any(line.startswith(commitment.what + ":") for line in lines), commitment.what
    # what happened, from the data
    (theme_day,) = parts["trials.themeday"].follow_up
    assert "holdt den 27. april 2023" in theme_day
    assert (
        "Fem skoler lagde på dagen en udrulningsplan; pr. 31. december 2023 er en gennemført, "
        "to i gang, en ikke påbegyndt og en opgivet." in theme_day
    )
    assert parts["trials.themeday"].nothing is None  # no silent «no theme day» instead
    (sleep,) = parts["trials"].follow_up
    assert "fortsat med tre prøvehandlinger på tre skoler siden sidste notat" in sleep
    course, groups = parts["griefgroups"].follow_up
    assert "afviklet 12. september–21. november 2023" in course
    assert "12 udvalgte medarbejdere fra seks skoler har gennemført kurset" in course
    assert "tre sorggrupper er startet på tre skoler" in groups
    (headspace,) = parts["headspace"].follow_up
    assert "i gang: syv af de otte klasser har fået eller booket oplægget" in headspace
    (money,) = parts["openschool"].follow_up
    assert "i gang fra 1. august 2023" in money and "34.500 kr. bevilget til tre skoler" in money
    (conference,) = parts["conference"].follow_up
    assert "planlagt til 5. marts 2024" in conference and "100 tilmeldte deltagere" in conference


def test_the_follow_up_is_in_the_pdf_and_says_as_of_its_own_date(spring_note):
    autumn = spring_note.period.__class__.objects.get(name="Efterår 2023")
    note = services.note_create_draft(period=autumn, as_of=date(2023, 9, 30))
    text = pdf_text(render_note(note, "pdf"))
    assert text.count("Opfølgning på sidste statusnotat") >= 6
    # on 30 September the grief course is running and no group has started yet
    assert "Sorggruppelederkursus i efteråret 2023: i gang siden 12. september 2023." in text
    assert "Udvalgte skoler igangsætter sorggrupper efter kurset: endnu ingen" in text
    assert "pr. 30. september 2023 er en gennemført, en i gang og tre ikke påbegyndt" in text


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
    assert followup.sentence(moved, date(2023, 12, 31)).endswith("udskudt til 1. februar 2024.")
    day.delete()
    gone = next(
        i for i in followup.collect(autumn, date(2023, 12, 31))["items"] if i["ref"] == item["ref"]
    )
    assert gone["state"] == "dropped"
    assert "aflyst" in followup.sentence(gone, date(2023, 12, 31))


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
