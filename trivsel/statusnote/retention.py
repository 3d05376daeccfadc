"""Deletion deadline for the archive of final status notes (trivsel.security.retention): a final
note finalised more than RETENTION_DAYS["status_notes_archive"] days ago is deleted with its
generated documents (files too). Drafts are working copies and are not touched here."""

from __future__ import annotations

from datetime import datetime

from .models import NoteDocument, NoteStatus, StatusNote


def delete_archived_notes(cutoff: datetime) -> int:
    old = StatusNote.objects.filter(status=NoteStatus.FINAL, finalised_at__lt=cutoff)
    ids = list(old.values_list("pk", flat=True))
    documents = NoteDocument.objects.filter(note_id__in=ids)
    for document in documents:
        if document.file:
            document.file.delete(save=False)
    documents.delete()
    StatusNote.objects.filter(pk__in=ids).delete()
    return len(ids)


RETENTION = {"status_notes_archive": delete_archived_notes}
