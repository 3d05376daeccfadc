"""Writes of the status note: drafting, editing texts, finalising, new versions, ordering a
document. Keyword-only, atomic, ``full_clean()``; refusals are ValidationErrors in Danish."""

from __future__ import annotations

import uuid
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from trivsel.schools import clock, locking
from trivsel.schools.fields import validate_no_cpr
from trivsel.schools.models import Period

from . import compose, structure
from .models import DocumentFormat, DocumentStatus, NoteDocument, NoteStatus, StatusNote

FROZEN_MESSAGE = _(
    "Et endeligt statusnotat kan ikke redigeres. Lav en ny version, hvis noget skal ændres."
)


def _next_version(period: Period) -> int:
    # lock, recount, write: two coordinators drafting at once get versions n and n+1
    locking.lock("statusnote.period", period.pk)
    current = StatusNote.objects.filter(period=period).aggregate(v=Max("version"))["v"]
    return (current or 0) + 1


@transaction.atomic
def note_create_draft(*, period: Period, as_of: date | None = None, created_by=None) -> StatusNote:
    """A new draft of ``period`` with texts drafted from the facts as of ``as_of`` (default: the
    period's last day)."""
    as_of = as_of or period.end
    note = StatusNote(
        period=period,
        version=_next_version(period),
        as_of=as_of,
        introduction=structure.INTRODUCTION,
        created_by=created_by,
    )
    note.narratives = compose.drafted_texts(note, compose.collect(period, as_of))
    note.full_clean()
    note.save()
    return note


def _refuse_frozen(note: StatusNote) -> None:
    if note.is_frozen:
        raise ValidationError(FROZEN_MESSAGE, code="frozen")


@transaction.atomic
def note_update_texts(
    *,
    note: StatusNote,
    introduction: str,
    narratives: dict[str, str],
    closing: str,
    as_of: date | None = None,
) -> StatusNote:
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_frozen(note)
    errors = {}
    for part_id, text in narratives.items():
        try:
            validate_no_cpr(text)
        except ValidationError as error:
            errors[f"narrative_{part_id}"] = error.messages
    if errors:
        raise ValidationError(errors)
    note.introduction = introduction
    note.narratives = {**(note.narratives or {}), **narratives}
    note.closing = closing
    if as_of is not None:
        note.as_of = as_of
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_redraft(*, note: StatusNote) -> StatusNote:
    """Replace the parts' texts with a fresh proposal from today's facts (a draft only)."""
    note = StatusNote.objects.select_for_update().select_related("period").get(pk=note.pk)
    _refuse_frozen(note)
    note.narratives = compose.drafted_texts(note, compose.collect(note.period, note.as_of))
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_finalise(*, note: StatusNote, user) -> StatusNote:
    """Freeze the facts and texts; an earlier final version of the period becomes superseded."""
    note = StatusNote.objects.select_for_update().select_related("period").get(pk=note.pk)
    if note.status != NoteStatus.DRAFT:
        raise ValidationError(_("Notatet er allerede endeligt."), code="frozen")
    locking.lock("statusnote.period", note.period_id)
    StatusNote.objects.filter(period=note.period, status=NoteStatus.FINAL).update(
        status=NoteStatus.SUPERSEDED
    )
    note.snapshot = compose.collect(note.period, note.as_of)
    note.status = NoteStatus.FINAL
    note.finalised_at = clock.now()
    note.finalised_by = user
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_new_version(*, note: StatusNote, created_by) -> StatusNote:
    """A draft copy of a frozen note: same period, as-of date and texts, the next version."""
    note = StatusNote.objects.select_for_update().select_related("period").get(pk=note.pk)
    if not note.is_frozen:
        raise ValidationError(_("Et udkast redigeres direkte; det får ingen ny version."))
    if StatusNote.objects.filter(supersedes=note).exists():
        raise ValidationError(_("Der er allerede lavet en ny version af dette notat."))
    copy = StatusNote(
        period=note.period,
        version=_next_version(note.period),
        as_of=note.as_of,
        introduction=note.introduction,
        narratives=dict(note.narratives or {}),
        closing=note.closing,
        supersedes=note,
        created_by=created_by,
    )
    copy.full_clean()
    copy.save()
    return copy


@transaction.atomic
def document_request(
    *, note: StatusNote, fmt: str, created_by=None, enqueue: bool = True
) -> NoteDocument:
    """Order a PDF or .docx of the note; the Celery task renders it after the commit."""
    if fmt not in DocumentFormat.values:
        raise ValidationError(_("Ukendt format: vælg PDF eller Word."), code="format")
    document = NoteDocument(
        note=note,
        format=fmt,
        status=DocumentStatus.PENDING,
        from_final=note.is_frozen,
        created_by=created_by,
        task_id=str(uuid.uuid4()),
    )
    document.full_clean()
    document.save()
    if enqueue:
        from .tasks import render_document

        transaction.on_commit(
            partial(render_document.apply_async, args=[document.pk], task_id=document.task_id)
        )
    return document
