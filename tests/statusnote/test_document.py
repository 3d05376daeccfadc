"""The note as a document: front matter (recipient, meeting, case number, sender, date), «UDKAST»
on every page of a draft and none on a final note, figures and tables numbered and captioned the
same in the PDF and the Word file, and no table or figure alone on a page or cut from its
heading."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document
from weasyprint import HTML

from trivsel.schools.models import Period
from trivsel.statusnote import compose, rendering, services
from trivsel.statusnote.models import NoteStatus, StatusNote

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

RUNNING_TEXT = {"p", "li", "h2", "h3", "h4"}
HEADINGS = {"h2", "h3", "h4"}
FLOATS = {"table", "figure"}


def page_blocks(note) -> list[list[tuple[str, bool]]]:
    """Per page of the PDF, the blocks in reading order: (tag, inside a table or figure)."""
    html = rendering.render_html(compose.compose(note))
    document = HTML(string=html).render(stylesheets=rendering._stylesheets())
    pages = []
    for page in document.pages:
        blocks: list[tuple[str, bool]] = []
        _walk(page._page_box, False, set(), blocks)
        pages.append(blocks)
    return pages


def _walk(box, inside: bool, seen: set, blocks: list) -> None:
    """Each element once (a paragraph is several line boxes), in the order laid out."""
    tag = getattr(box, "element_tag", None)
    element = getattr(box, "element", None)
    if tag in RUNNING_TEXT | FLOATS and id(element) not in seen:
        seen.add(id(element))
        blocks.append((tag, inside))
    for child in getattr(box, "children", []):
        _walk(child, inside or tag in FLOATS, seen, blocks)


@pytest.fixture
def spring_final(spring_2023):
    return StatusNote.objects.get(period=spring_2023, status=NoteStatus.FINAL)


@pytest.fixture
def autumn_draft(spring_final):
    autumn = Period.objects.get(name="Efterår 2023")
    return services.note_create_draft(period=autumn, as_of=date(2023, 12, 31))


def test_the_final_note_has_its_front_matter_and_no_draft_mark(spring_final):
    text = pdf_text(rendering.render_note(spring_final, "pdf"))
    head = text[: text.index("Der gives hermed")]
    # the meeting comes before the theme day of 27 April the note tells of as planned
    assert "Til Børne- og Skoleudvalget" in head and "Mødedato 25. april 2023" in head
    assert "Sagsnr. 23/04812" in head and "Dato 18. april 2023" in head
    assert "Opgjort pr. 14. april 2023" in head
    assert "Fra Skoleområdet, Børne- og Kulturforvaltningen" in head
    assert "UDKAST" not in text


def test_no_table_or_figure_is_alone_on_a_page_or_cut_from_its_heading(spring_final, autumn_draft):
    for note in (spring_final, autumn_draft):
        for number, blocks in enumerate(page_blocks(note), start=1):
            floats = [tag for tag, inside in blocks if tag in FLOATS and not inside]
            text = [tag for tag, inside in blocks if tag in RUNNING_TEXT and not inside]
            assert not floats or text, f"{note}: page {number} holds only tables or figures"
            outside = [tag for tag, inside in blocks if not inside]
            assert not outside or outside[-1] not in HEADINGS, (
                f"{note}: page {number} ends with a heading cut from what follows it"
            )


def test_the_pdf_and_the_word_file_number_and_caption_the_same_figures_and_tables(
    autumn_draft,
):
    pdf = pdf_text(rendering.render_note(autumn_draft, "pdf"))
    word = Document(io.BytesIO(rendering.render_note(autumn_draft, "docx")))
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions, "the Word file has captions"
    labels = re.findall(r"(?:Figur|Tabel) \d+: ", " ".join(captions))
    assert labels[0] == "Figur 1: " and "Tabel 1: " in labels  # each kind numbered from one
    for caption in captions:
        assert caption in pdf, caption
    assert len(re.findall(r"(?:Figur|Tabel) \d+: ", pdf)) == len(captions)


def test_the_first_draft_of_a_half_year_goes_where_the_last_note_went(spring_final):
    """Recipient, case number and sender from the spring note; the meeting is the coordinator's
    to fill in; the draft is dated the day it is drafted, never «Udkast», with the day it speaks
    for beside it."""
    autumn = Period.objects.get(name="Efterår 2023")
    StatusNote.objects.filter(period=autumn).delete()  # the demo's autumn draft
    with time_machine.travel(datetime(2024, 1, 8, 9, tzinfo=ZoneInfo("Europe/Copenhagen"))):
        first = services.note_create_draft(period=autumn, as_of=date(2023, 12, 31))
    assert (first.recipient, first.case_number) == ("Børne- og Skoleudvalget", "23/04812")
    assert first.meeting_date is None
    head = dict(compose.compose(first).front_matter)
    assert head["Sagsnr."] == "23/04812" and head["Dato"] == "8. januar 2024"
    assert head["Opgjort pr."] == "31. december 2023"
    assert "Mødedato" not in head


def test_a_later_draft_of_the_half_year_keeps_its_meeting_date(autumn_draft):
    """The demo's autumn draft was for the committee's January meeting; a new draft keeps it."""
    assert autumn_draft.version == 2 and autumn_draft.meeting_date == date(2024, 1, 23)
    assert dict(compose.compose(autumn_draft).front_matter)["Mødedato"] == "23. januar 2024"


def test_a_draft_word_file_says_udkast_and_has_the_front_matter_and_follow_up(autumn_draft):
    word = Document(io.BytesIO(rendering.render_note(autumn_draft, "docx")))
    assert "UDKAST" in word.sections[0].header.paragraphs[0].text
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Til" in cells and "Børne- og Skoleudvalget" in cells
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs.count("Opfølgning på sidste statusnotat") >= 6
