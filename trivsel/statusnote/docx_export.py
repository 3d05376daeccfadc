"""The note as a Word document (python-docx), for coordinators who finish a note in Word: the same
headings, texts and tables as the PDF; a chart becomes its numbers in a table. Text from the
data goes through ``xml_text``: Word (XML) refuses control characters."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from trivsel.schools.exports import xml_text

from .compose import Block, NoteView
from .figures import Figures
from .formatting import number


def _language(document, lang: str = "da-DK") -> None:
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), lang)
    rpr.append(element)


def _page_number(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _blocks(document, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind == "ul":
            for item in block.items:
                document.add_paragraph(xml_text(item), style="List Bullet")
        else:
            document.add_paragraph(xml_text(block.text))


def _table(
    document, caption: str, headers: list[str], rows: list[list[str]], numeric, levels=()
) -> None:
    document.add_paragraph(xml_text(caption), style="Caption")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.text = xml_text(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    levels = list(levels) or [0] * len(rows)
    for row, level in zip(rows, levels, strict=True):
        cells = table.add_row().cells
        for i, text in enumerate(row):
            cells[i].text = xml_text(text)
            if i in numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif i == 0 and level:  # a unit under its department
                cells[i].paragraphs[0].paragraph_format.left_indent = Pt(12 * level)


def _figures(document, figures: Figures) -> None:
    if figures.chart_items:
        _table(
            document,
            figures.chart_label or figures.chart_title,
            ["", "Antal"],
            [[label, number(value)] for label, value in figures.chart_items],
            {1},
        )
    for t in figures.tables:
        _table(document, t.label or t.caption, t.headers, t.rows, t.numeric, t.levels)


def _front_matter(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = xml_text(label), xml_text(value)
        for run in cells[0].paragraphs[0].runs:
            run.bold = True


def _follow_up(document, heading: str, paragraphs: list[str]) -> None:
    document.add_heading(heading, level=3)
    for paragraph in paragraphs:
        document.add_paragraph(xml_text(paragraph))


def build_docx(view: NoteView) -> bytes:
    document = Document()
    _language(document)
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(10.5)
    props = document.core_properties
    props.title = xml_text(f"{view.title} — {view.period}")
    props.language = "da-DK"
    props.author = view.header
    section = document.sections[0]
    # a draft says so on every page
    section.header.paragraphs[0].text = view.header + ("    UDKAST" if view.is_draft else "")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Side ")
    _page_number(footer)

    document.add_heading(view.title, level=0)
    document.add_paragraph(xml_text(view.period))
    _front_matter(document, view.front_matter)
    _blocks(document, view.intro)
    _figures(document, view.intro_figures)
    for chapter in view.chapters:
        document.add_heading(chapter.heading, level=1)
        for part in chapter.parts:
            if part.heading:
                document.add_heading(part.heading, level=2)
            if part.follow_up:
                _follow_up(document, view.follow_up_heading, part.follow_up)
            if part.nothing:
                document.add_paragraph(part.nothing)
            _blocks(document, part.blocks)
            _figures(document, part.figures)
    if view.closing:
        document.add_heading("Afsluttende bemærkninger", level=1)
        _blocks(document, view.closing)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
