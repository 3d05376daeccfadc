"""Background jobs of the status note: they take the document's primary key (enqueued on commit
by ``services.document_request``) and store the result on the NoteDocument the page polls."""

from __future__ import annotations

from celery import shared_task

from .rendering import fill_document


@shared_task
def render_document(document_pk: int) -> None:
    fill_document(document_pk)
