"""The proof of the issue: from ``seed_demo``, the coordinator's «Generér PDF» gives the spring 2023
note with the seed note's headings and the demo's key facts; the .docx holds the same headings."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from trivsel.schools import sections
from trivsel.statusnote import services
from trivsel.statusnote.models import DocumentStatus, NoteDocument
from trivsel.statusnote.rendering import fill_document

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Statusnotat Sundhed og Trivsel",
    "Forår 2023",
    "Netværket Sundhed & Trivsel",
    "Temadag",
    "Praksisnær understøttelse",
    "Trivselsfremmende aktiviteter i Åben Skole regi",
    "Headspace",
    "Sorggrupper",
    "Kapacitetsopbygning og kompetenceudvikling",
    "Konference",
    "Efteruddannelse af skolepædagoger",
]


def registered() -> set[str]:
    return {s.key for s in sections.all()}


def generate_pdf(client, note, django_capture_on_commit_callbacks) -> NoteDocument:
    """What the coordinator's button does: POST, the task runs on commit (eagerly in tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("statusnote:document_create", args=[note.pk]),
            {"format": "pdf"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    return NoteDocument.objects.get(note=note)


def test_the_coordinator_s_pdf_of_spring_2023_holds_the_seed_headings_and_the_demo_facts(
    spring_2023, coordinator, client_for, django_capture_on_commit_callbacks
):
    note = services.note_create_draft(period=spring_2023, created_by=coordinator)
    document = generate_pdf(client_for(coordinator), note, django_capture_on_commit_callbacks)
    assert document.status == DocumentStatus.DONE and document.file
    assert document.created_by == coordinator and document.finished_at is not None
    with document.file.open("rb") as f:
        data = f.read()
    text = pdf_text(data)
    for heading in HEADINGS:
        assert heading in text, heading
    facts = services.compose.collect(spring_2023, spring_2023.end)["facts"]

    # the intro: the three bullet points of the seed
    assert "netværk og konsulenter arbejder med praksisnære tiltag" in text
    assert "De to trivsels- og udviklingskonsulenter" in text
    assert "kapacitetsopbygning og kompetenceudvikling" in text
    # Headspace: the plan for every class of the grade in the coming school year, and the booked
    planned = facts["headspace"]["planned"]
    assert f"alle klasser på {planned['grade']}. årgang" in text
    assert f"{planned['booked'] + planned['held']} af {planned['classes']} klasser" in text
    # grief groups: the leader course planned for the autumn, paid by the grant
    assert "sorggruppelederkursus i efteråret 2023" in text
    assert "TrygFonden" in text
    # Åben Skole: the network administers the money from the next school year
    assert "fra skoleåret 2023/24 af netværket Sundhed og Trivsel" in text
    if "conference" in registered():
        events = facts["conference"]["planned"] + facts["conference"]["held"]
        conference = next(e for e in events if e["kind"] == "conference")
        course = next(e for e in events if e["kind"] == "course")
        assert "Du og jeg, en verden i Rødovre" in text
        assert f"{conference['registrations']} tilmeldte deltagere" in text
        assert f"deltager {course['registrations']} skolepædagoger fra alle 6 skoler" in text
    if "trials" in registered():
        totals = facts["trials"]["totals"]
        assert "Søvn" in text
        assert "alle 6 skoler" in text
        assert f"fortsætte {totals['want_to_continue']} af dem" in text
        assert "april 2023" in text  # the theme day in late April
    if "consultants" in registered():
        for case in facts["consultants"]["example_cases"]:
            assert case["title"] in text
    # no pupils' names: pupils only ever appear as counts
    assert "Elever" in text


def test_the_pdf_is_tagged_danish_and_titled(spring_2023):
    note = services.note_create_draft(period=spring_2023)
    document = fill_document(services.document_request(note=note, fmt="pdf", enqueue=False).pk)
    with document.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root  # tagged (PDF/UA-1)
    assert reader.metadata.title == "Statusnotat Sundhed og Trivsel — Forår 2023"
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in name for name in fonts)  # embedded subsets of the machine's font


def test_the_word_document_opens_and_has_the_headings(spring_2023, coordinator):
    note = services.note_create_draft(period=spring_2023, created_by=coordinator)
    document = fill_document(
        services.document_request(note=note, fmt="docx", created_by=coordinator, enqueue=False).pk
    )
    assert document.status == DocumentStatus.DONE
    with document.file.open("rb") as f:
        word = Document(io.BytesIO(f.read()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in HEADINGS:
        if heading != "Forår 2023":
            assert heading in headings, heading
    assert word.core_properties.title == "Statusnotat Sundhed og Trivsel — Forår 2023"
    assert "sorggruppelederkursus i efteråret 2023" in " ".join(p.text for p in word.paragraphs)
