"""Final notes are frozen: the same text after the data changes; edits are refused; a new version
is a draft copy, and finalising it supersedes the earlier final note."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conference.models import ParticipantKind, Registration, RegistrationStatus
from initiatives.headspace.models import Talk
from trivsel.schools.models import SchoolClass
from trivsel.statusnote import services
from trivsel.statusnote.models import NoteStatus
from trivsel.statusnote.rendering import render_note

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def change_the_data():
    SchoolClass.objects.update(pupil_count=1)
    Talk.objects.all().delete()
    # ten of the conference's adults cancel: the sign-ups by organisation change
    adults = Registration.objects.filter(kind=ParticipantKind.STAFF).order_by("pk")[:10]
    Registration.objects.filter(pk__in=list(adults.values_list("pk", flat=True))).update(
        status=RegistrationStatus.CANCELLED
    )


def test_a_final_note_renders_the_same_text_after_the_data_has_changed(
    spring_2023, coordinator, finalise
):
    final = services.note_create_draft(period=spring_2023, created_by=coordinator)
    final = finalise(final)
    draft = services.note_create_draft(period=spring_2023, created_by=coordinator)
    final_before, draft_before = (
        pdf_text(render_note(final, "pdf")),
        pdf_text(render_note(draft, "pdf")),
    )

    change_the_data()

    final.refresh_from_db()
    assert pdf_text(render_note(final, "pdf")) == final_before
    # the control: a draft reads the data live, so its text does change
    assert pdf_text(render_note(draft, "pdf")) != draft_before


def test_finalising_stores_the_facts_and_who_and_when(
    spring_2023, coordinator, at_demo_date, finalise
):
    note = finalise(services.note_create_draft(period=spring_2023))
    assert note.status == NoteStatus.FINAL
    assert note.finalised_by == coordinator and note.finalised_at == at_demo_date
    assert note.snapshot["facts"]["schools"]["schools"] == 6
    assert "headspace" in note.snapshot["titles"]


def test_a_final_note_cannot_be_edited_redrafted_or_finalised_again(
    spring_2023, coordinator, finalise
):
    note = finalise(services.note_create_draft(period=spring_2023))
    with pytest.raises(ValidationError, match="kan ikke redigeres"):
        services.note_update_texts(note=note, introduction="Ny", narratives={}, closing="")
    with pytest.raises(ValidationError):
        services.note_redraft(note=note)
    with pytest.raises(ValidationError, match="allerede endeligt"):
        services.note_finalise(note=note, user=coordinator)
    note.refresh_from_db()
    assert note.introduction != "Ny"


def test_a_new_version_is_a_draft_copy_and_finalising_it_supersedes_the_old(
    spring_2023, coordinator, finalise
):
    first = services.note_create_draft(period=spring_2023)
    services.note_update_texts(
        note=first,
        introduction="Vores indledning.",
        narratives={"headspace": "Egen tekst."},
        closing="Tak.",
    )
    first = finalise(first)
    second = services.note_new_version(note=first, created_by=coordinator)
    assert (second.status, second.supersedes) == (NoteStatus.DRAFT, first)
    assert second.version == first.version + 1
    assert (
        second.introduction == "Vores indledning."
        and second.narratives["headspace"] == "Egen tekst."
    )
    with pytest.raises(ValidationError, match="allerede lavet en ny version"):
        services.note_new_version(note=first, created_by=coordinator)

    finalise(second)
    first.refresh_from_db()
    assert first.status == NoteStatus.SUPERSEDED


def test_the_coordinator_s_own_text_replaces_the_draft_and_shows_in_the_pdf(spring_2023):
    note = services.note_create_draft(period=spring_2023)
    assert "sorggruppelederkursus" in note.narratives["griefgroups"]  # the portal's draft
    note = services.note_update_texts(
        note=note,
        introduction="Kort indledning.",
        narratives={"griefgroups": "Kurset for sorggruppeledere starter til september."},
        closing="Med venlig hilsen netværket.",
    )
    text = pdf_text(render_note(note, "pdf"))
    assert "Kurset for sorggruppeledere starter til september." in text
    assert "Afsluttende bemærkninger Med venlig hilsen netværket." in text
    assert "Kort indledning." in text
