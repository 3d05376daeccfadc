"""The note's data loader runs a fixed number of queries; the command writes the same documents."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_a_final_note_is_built_without_any_query(spring_2023, coordinator):
    note = services.note_finalise(
        note=services.note_create_draft(period=spring_2023), user=coordinator
    )
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


def test_the_command_uses_the_final_note_when_there_is_one(spring_2023, coordinator, tmp_path):
    final = services.note_finalise(
        note=services.note_create_draft(period=spring_2023), user=coordinator
    )
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
