"""The note as HTML, PDF (WeasyPrint, PDF/UA-1) and .docx (python-docx), and the one function that
fills a NoteDocument — used by the Celery task behind «Generér PDF» and by ``manage.py statusnote``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

from trivsel.schools import clock

from .compose import NoteView, compose, facts_of
from .docx_export import build_docx
from .models import DocumentFormat, DocumentStatus, NoteDocument, StatusNote

logger = logging.getLogger(__name__)
# WeasyPrint logs every layout step at INFO; only its warnings (missing fonts, images) matter here
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PRINT_CSS = "statusnote/note-print.css"


def render_html(view: NoteView) -> str:
    """The whole print document (what WeasyPrint lays out), always in Danish."""
    with translation.override("da"):
        return render_to_string("statusnote/document.html", {"note": view})


def _stylesheets():
    from weasyprint import CSS  # heavy (~1.4 s, 40 MB): loaded by the processes that render PDFs

    path = finders.find(PRINT_CSS)
    return [CSS(filename=path)]


def render_pdf(html: str) -> bytes:
    """A4, tagged PDF/UA-1 (title and language from the HTML); fonts are embedded (subsets)."""
    from weasyprint import HTML  # heavy: loaded only by the processes that render PDFs

    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=_stylesheets(), pdf_variant="pdf/ua-1"
    )


def render_docx(view: NoteView) -> bytes:
    return build_docx(view)


@dataclass
class Timings:
    """Seconds spent per step (the benchmark prints them)."""

    collect: float = 0.0
    html: float = 0.0
    render: float = 0.0
    steps: dict = field(default_factory=dict)


def render_note(note: StatusNote, fmt: str, timings: Timings | None = None) -> bytes:
    timings = timings or Timings()
    started = time.perf_counter()
    snapshot = facts_of(note)
    view = compose(note, snapshot)
    timings.collect = time.perf_counter() - started
    if fmt == DocumentFormat.DOCX:
        started = time.perf_counter()
        data = render_docx(view)
        timings.render = time.perf_counter() - started
        return data
    started = time.perf_counter()
    html = render_html(view)
    timings.html = time.perf_counter() - started
    started = time.perf_counter()
    data = render_pdf(html)
    timings.render = time.perf_counter() - started
    return data


def fill_document(document_pk: int) -> NoteDocument | None:
    """Render the document's file and store it; a failure is kept on the document with a Danish
    message (the page shows it), never lost."""
    claimed = NoteDocument.objects.filter(
        pk=document_pk, status__in=[DocumentStatus.PENDING, DocumentStatus.FAILED]
    ).update(status=DocumentStatus.RUNNING)
    if not claimed:  # done already, or another worker has it
        return NoteDocument.objects.filter(pk=document_pk).first()
    document = NoteDocument.objects.select_related("note__period").get(pk=document_pk)
    try:
        data = render_note(document.note, document.format)
    except Exception:
        logger.exception("status note document %s failed", document_pk)
        document.status = DocumentStatus.FAILED
        document.error = "Dokumentet kunne ikke genereres. Prøv igen, eller kontakt IT."
        document.finished_at = clock.now()
        document.save(update_fields=["status", "error", "finished_at"])
        return document
    document.file.save(document.filename, ContentFile(data), save=False)
    document.status = DocumentStatus.DONE
    document.error = ""
    document.finished_at = clock.now()
    document.save(update_fields=["file", "status", "error", "finished_at"])
    return document
