"""The note's data loader runs a fixed number of queries; the command writes the same documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from trivsel.schools import sections
from trivsel.schools.models import Period
from trivsel.statusnote import compose, services
from trivsel.statusnote.models import NoteDocument, StatusNote

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def queries_to_build(note) -> int:
    with CaptureQueriesContext(connection) as queries:
        compose.compose(note)
    return len(queries)


def test_the_note_is_built_with_the_same_number_of_queries_at_1x_and_2x(demo):
    note = services.note_create_draft(period=Period.objects.get(name="Forår 2023"))
    note = StatusNote.objects.select_related("period").get(pk=note.pk)
    at_1x = queries_to_build(note)
    # every query is a section's own (within its declared budget); the note adds none
    assert at_1x <= sum(s.query_budget for s in sections.all())

    call_command("seed_demo", "--quiet", "--scale", "2")
    assert queries_to_build(note) == at_1x


def test_a_final_note_is_built_without_any_query(spring_2023, finalise):
    note = finalise(services.note_create_draft(period=spring_2023))
    note = StatusNote.objects.select_related("period").get(pk=note.pk)
    assert queries_to_build(note) == 0


def test_the_command_writes_the_pdf_and_keeps_the_document(spring_2023, tmp_path):
    target = tmp_path / "notat.pdf"
    call_command("statusnote", "--period", "Forår 2023", "--output", str(target))
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert "Kapacitetsopbygning og kompetenceudvikling" in pdf_text(data)
    document = NoteDocument.objects.get()
    assert document.note.period == spring_2023 and document.format == "pdf"


def test_the_demo_s_spring_note_is_the_final_one_as_of_14_april(spring_2023, tmp_path):
    """Without --as-of the command gives the half-year's final note: the demo's spring note was
    made final as of 14 April 2023, the seed's moment; a new draft defaults to that date too."""
    target = tmp_path / "notat.pdf"
    call_command("statusnote", "--period", "Forår 2023", "--output", str(target))
    document = NoteDocument.objects.get()
    assert document.from_final and document.note.as_of == date(2023, 4, 14)
    text = pdf_text(target.read_bytes())
    assert "UDKAST" not in text and "opgjort pr." not in text  # no internal words in the head
    assert "Børne- og Skoleudvalget" in text and "Mødedato 25. april 2023" in text
    assert "Sagsnr. 23/04812" in text and "Dato 18. april 2023" in text
    assert "Opgjort pr. 14. april 2023" in text
    assert services.note_create_draft(period=spring_2023).as_of == date(2023, 4, 14)


def test_the_command_makes_a_draft_as_of_a_date_and_marks_every_page(spring_2023, tmp_path):
    target = tmp_path / "udkast.pdf"
    call_command(
        "statusnote", "--period", "Forår 2023", "--as-of", "2023-04-14", "--output", str(target)
    )
    document = NoteDocument.objects.get()
    assert not document.from_final and document.note.as_of == date(2023, 4, 14)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert all("UDKAST" in page.extract_text() for page in reader.pages)
    # the draft keeps the half-year's front matter, dated the day it is drafted, and says the
    # day it speaks for beside it
    text = pdf_text(target.read_bytes())
    drafted = compose.day(timezone.localtime(document.note.created_at).date())
    assert "Sagsnr. 23/04812" in text and f"Dato {drafted}" in text
    assert "Opgjort pr. 14. april 2023" in text
    assert "Udkast" not in text.replace("UDKAST", "")  # no word in the date field


def test_the_command_uses_the_final_note_when_there_is_one(spring_2023, finalise, tmp_path):
    final = finalise(services.note_create_draft(period=spring_2023))
    call_command(
        "statusnote",
        "--period",
        "forår 2023",
        "--output",
        str(tmp_path / "n.docx"),
        "--format",
        "docx",
    )
    document = NoteDocument.objects.get()
    assert document.note == final and document.from_final
    assert (tmp_path / "n.docx").read_bytes()[:2] == b"PK"  # a zip: the .docx


def test_the_command_refuses_an_unknown_period_clearly(demo, tmp_path):
    with pytest.raises(CommandError, match="Ukendt halvår: «Vinter 2023».*Forår 2023"):
        call_command("statusnote", "--period", "Vinter 2023", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="--as-of"):
        call_command(
            "statusnote",
            "--period",
            "Forår 2023",
            "--output",
            str(tmp_path / "x.pdf"),
            "--as-of",
            "30/6",
        )
    assert not (tmp_path / "x.pdf").exists()
    assert not NoteDocument.objects.exists()
