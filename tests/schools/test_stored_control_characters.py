"""No export fails on any stored text: control characters typed before input was cleaned (or
written by a script) are left out of xlsx and Word files, which refuse them."""

import io
from types import SimpleNamespace

from docx import Document
from openpyxl import load_workbook

from conference.models import Registration
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import PeriodFactory
from trivsel.schools.exports import export_response, xml_text
from trivsel.security import subjects
from trivsel.statusnote import services as note_services
from trivsel.statusnote.compose import Block, compose
from trivsel.statusnote.docx_export import build_docx

ALL_CONTROL = "".join(chr(i) for i in range(0x20))  # \x00–\x1f
STORABLE = ALL_CONTROL[1:]  # PostgreSQL refuses NUL in text


def test_the_xml_text_keeps_tab_and_line_breaks_only():
    assert xml_text(f"a{ALL_CONTROL}b") == "a\t\n\rb"


def test_the_list_export_writes_every_control_character_as_a_readable_cell():
    rows = [SimpleNamespace(name=f"Kontrol{ALL_CONTROL}tegn", note=f"={ALL_CONTROL}")]
    columns = [(f"Navn{ALL_CONTROL}", "name"), ("Note", "note")]
    response = export_response(rows, columns, filename="kontrol", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["Navn\t\n\r", "Note"]
    assert [c.value for c in sheet[2]] == ["Kontrol\t\n\rtegn", "=\t\n\r"]
    assert sheet["B2"].data_type == "s"  # still text, never a formula
    csv = export_response(rows, columns, filename="kontrol", fmt="csv")
    assert b"Kontrol" in b"".join(csv.streaming_content)


def test_the_data_subject_export_survives_stored_control_characters(db):
    day = EventDayFactory(event=EventFactory())
    Registration.objects.create(
        event=day.event, name=f"Kontrol{STORABLE}Navn", email="kontrol@rk.dk"
    )
    data = subjects.collect(subjects.Person(email="kontrol@rk.dk"))
    book = load_workbook(io.BytesIO(subjects.as_xlsx(data)))
    cells = [c.value for row in book["Konferencetilmeldinger"].iter_rows() for c in row]
    assert any(str(c).startswith("Kontrol") and str(c).endswith("Navn") for c in cells)
    other = load_workbook(io.BytesIO(subjects.as_xlsx({"Ark": [{f"x{ALL_CONTROL}": "y"}]})))
    assert other["Ark"]["A1"].value.startswith("x")


def test_the_status_note_in_word_survives_stored_control_characters(db, coordinator):
    note = note_services.note_create_draft(period=PeriodFactory(), created_by=coordinator)
    view = compose(note)
    view.intro = [
        Block("p", f"Indledning{ALL_CONTROL}slut"),
        Block("ul", items=[f"Punkt{ALL_CONTROL}"]),
    ]
    word = Document(io.BytesIO(build_docx(view)))
    text = " ".join(p.text for p in word.paragraphs)
    assert "Indledning\t" in text and "slut" in text and "Punkt" in text
