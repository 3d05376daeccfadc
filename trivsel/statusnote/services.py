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
from django.utils.translation import gettext_lazy

from trivsel.schools import clock, locking
from trivsel.schools.fields import validate_no_cpr
from trivsel.schools.models import Period, Role, User

from . import compose, followup, structure
from .models import (
    ApprovalStatus,
    Commitment,
    DocumentFormat,
    DocumentStatus,
    NoteDocument,
    NoteStatus,
    StatusNote,
)
from .tasks import render_document

FROZEN_MESSAGE = gettext_lazy(
    "Et endeligt statusnotat kan ikke redigeres. Lav en ny version, hvis noget skal ændres."
)


def _next_version(period: Period) -> int:
    # lock, recount, write: two coordinators drafting at once get versions n and n+1
    locking.lock("statusnote.period", period.pk)
    current = StatusNote.objects.filter(period=period).aggregate(v=Max("version"))["v"]
    return (current or 0) + 1


def default_as_of(period: Period) -> date:
    """The as-of date a new note of ``period`` gets: that of its latest note (the date the
    half-year's note is written for), else the period's last day."""
    latest = StatusNote.objects.filter(period=period).order_by("-version").values("as_of").first()
    return latest["as_of"] if latest else period.end


@transaction.atomic
def note_create_draft(*, period: Period, as_of: date | None = None, created_by=None) -> StatusNote:
    """A new draft of ``period`` with texts drafted from the facts as of ``as_of`` (default: the
    as-of date of the period's latest note, else its last day)."""
    as_of = as_of or default_as_of(period)
    note = StatusNote(
        period=period,
        version=_next_version(period),
        as_of=as_of,
        introduction=structure.INTRODUCTION,
        created_by=created_by,
    )
    # the half-year's earlier note went to the same committee under the same case; the first
    # note of a half-year goes where the last one went (the meeting date is the coordinator's)
    earlier = StatusNote.objects.filter(period=period).exclude(pk=note.pk).order_by("-version")
    for previous in earlier[:1]:
        for name in ("recipient", "meeting_date", "case_number", "sender"):
            setattr(note, name, getattr(previous, name))
    if not earlier.exists():
        last = (
            StatusNote.objects.filter(status=NoteStatus.FINAL, period__start__lt=period.start)
            .order_by("-period__start", "-version")
            .first()
        )
        for name in ("recipient", "case_number", "sender") if last else ():
            setattr(note, name, getattr(last, name))
    snapshot = compose.collect(period, as_of)
    note.introduction = structure.introduction(snapshot["facts"])
    note.narratives = compose.drafted_texts(note, snapshot)
    note.drafts = dict(note.narratives)
    note.full_clean()
    note.save()
    # drafted on the portal's day (the demo's clock stands still on its day)
    StatusNote.objects.filter(pk=note.pk).update(created_at=clock.now())
    note.refresh_from_db(fields=["created_at"])
    return note


def _refuse_frozen(note: StatusNote) -> None:
    if note.is_frozen:
        raise ValidationError(FROZEN_MESSAGE, code="frozen")


def _withdraw_approval(note: StatusNote) -> None:
    """A draft changed after it was sent or approved must be approved again."""
    if note.approval_status in (ApprovalStatus.SENT, ApprovalStatus.APPROVED):
        note.approval_status = ApprovalStatus.NOT_SENT
        note.approval_decided_at = None


@transaction.atomic
def note_update_texts(
    *,
    note: StatusNote,
    introduction: str,
    narratives: dict[str, str],
    closing: str,
    as_of: date | None = None,
    front_matter: dict | None = None,
) -> StatusNote:
    """Saves the coordinator's texts (and the front matter: recipient, meeting date, case number,
    sender, date). A changed draft that was sent or approved must be approved again."""
    note = locking.lock_row(StatusNote.objects.filter(pk=note.pk))
    _refuse_frozen(note)
    errors = {}
    for part_id, text in narratives.items():
        try:
            validate_no_cpr(text)
        except ValidationError as error:
            errors[f"narrative_{part_id}"] = error.messages
    if errors:
        raise ValidationError(errors)
    changed = (
        introduction != note.introduction
        or closing != note.closing
        or any((note.narratives or {}).get(k) != v for k, v in narratives.items())
        or (as_of is not None and as_of != note.as_of)
        or any(getattr(note, k) != v for k, v in (front_matter or {}).items())
    )
    note.introduction = introduction
    note.narratives = {**(note.narratives or {}), **narratives}
    note.closing = closing
    if as_of is not None:
        note.as_of = as_of
    for name, value in (front_matter or {}).items():
        setattr(note, name, value)
    if changed:
        _withdraw_approval(note)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_redraft(*, note: StatusNote) -> StatusNote:
    """A fresh proposal from the data for every part the coordinator has not edited; an edited
    text stays the master (the page shows where the data changed under it)."""
    note = locking.lock_row(StatusNote.objects.select_related("period").filter(pk=note.pk))
    _refuse_frozen(note)
    proposal = compose.drafted_texts(note, compose.collect(note.period, note.as_of))
    edited = compose.edited_parts(note)
    texts = dict(note.narratives or {})
    drafts = dict(note.drafts or {})
    for part, text in proposal.items():
        if part in edited:
            continue  # the new proposal is shown beside it, never written over it
        texts[part] = drafts[part] = text
    if texts != (note.narratives or {}):
        _withdraw_approval(note)
    note.narratives, note.drafts = texts, drafts
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_take_proposal(*, note: StatusNote, part: str) -> StatusNote:
    """The coordinator replaces one edited text with the portal's new proposal from the data."""
    note = locking.lock_row(StatusNote.objects.select_related("period").filter(pk=note.pk))
    _refuse_frozen(note)
    proposal = compose.drafted_texts(note, compose.collect(note.period, note.as_of))
    if part not in proposal:
        raise ValidationError(_("Notatet har ikke det afsnit."), code="part")
    note.narratives = {**(note.narratives or {}), part: proposal[part]}
    note.drafts = {**(note.drafts or {}), part: proposal[part]}
    _withdraw_approval(note)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_keep_text(*, note: StatusNote, part: str) -> StatusNote:
    """The coordinator keeps an edited text although the data under it changed: the current
    proposal becomes its baseline, so the page stops pointing at it until the data change again."""
    note = locking.lock_row(StatusNote.objects.select_related("period").filter(pk=note.pk))
    _refuse_frozen(note)
    proposal = compose.drafted_texts(note, compose.collect(note.period, note.as_of))
    if part not in proposal:
        raise ValidationError(_("Notatet har ikke det afsnit."), code="part")
    note.drafts = {**(note.drafts or {}), part: proposal[part]}
    note.full_clean()
    note.save()
    return note


def approvers():
    """Who may approve a note: the portal's active coordinators."""
    return User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


@transaction.atomic
def note_send_for_approval(*, note: StatusNote, approver, user) -> StatusNote:
    """The coordinator sends the draft to a named approver (another coordinator)."""
    note = locking.lock_row(StatusNote.objects.filter(pk=note.pk))
    _refuse_frozen(note)
    if approver is None or not approvers().filter(pk=approver.pk).exists():
        raise ValidationError({"approver": _("Vælg en godkender blandt koordinatorerne.")})
    if approver.pk == getattr(user, "pk", None):
        raise ValidationError({"approver": _("Notatet skal godkendes af en anden end dig selv.")})
    note.approver = approver
    note.approval_status = ApprovalStatus.SENT
    note.approval_comment = ""
    note.sent_for_approval_at = clock.now()
    note.approval_decided_at = None
    note.full_clean()
    note.save()
    return note


def _refuse_not_pending(note: StatusNote, user) -> None:
    _refuse_frozen(note)
    if note.approval_status != ApprovalStatus.SENT:
        raise ValidationError(_("Notatet venter ikke på godkendelse."), code="approval")
    if note.approver_id != getattr(user, "pk", None) and not getattr(user, "is_superuser", False):
        raise ValidationError(_("Kun den navngivne godkender kan godkende notatet."))


@transaction.atomic
def note_approve(*, note: StatusNote, user, comment: str = "") -> StatusNote:
    note = locking.lock_row(StatusNote.objects.filter(pk=note.pk))
    _refuse_not_pending(note, user)
    validate_no_cpr(comment)
    note.approval_status = ApprovalStatus.APPROVED
    note.approval_comment = comment.strip()
    note.approval_decided_at = clock.now()
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_return(*, note: StatusNote, user, comment: str) -> StatusNote:
    """The approver sends the draft back to the coordinator with a comment (required)."""
    note = locking.lock_row(StatusNote.objects.filter(pk=note.pk))
    _refuse_not_pending(note, user)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Skriv, hvad der skal rettes.")})
    validate_no_cpr(comment)
    note.approval_status = ApprovalStatus.RETURNED
    note.approval_comment = comment.strip()
    note.approval_decided_at = clock.now()
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_finalise(*, note: StatusNote, user) -> StatusNote:
    """Freeze the facts and texts; an earlier final version of the period becomes superseded."""
    note = locking.lock_row(StatusNote.objects.select_related("period").filter(pk=note.pk))
    if note.status != NoteStatus.DRAFT:
        raise ValidationError(_("Notatet er allerede endeligt."), code="frozen")
    if not note.is_approved:
        raise ValidationError(
            _("Notatet skal godkendes, før det kan gøres endeligt. Send det til godkendelse."),
            code="approval",
        )
    locking.lock("statusnote.period", note.period_id)
    StatusNote.objects.filter(period=note.period, status=NoteStatus.FINAL).update(
        status=NoteStatus.SUPERSEDED
    )
    note.snapshot = compose.collect(note.period, note.as_of)
    note.status = NoteStatus.FINAL
    note.finalised_at = clock.now()
    note.finalised_by = user
    note.dated = note.dated or note.finalised_at.date()
    note.full_clean()
    note.save()
    _record_commitments(note)
    return note


def _record_commitments(note: StatusNote) -> None:
    """Every plan the final note states (in a part whose text it kept) becomes a commitment the
    next note follows up."""
    ctx = compose.context(note, note.snapshot)
    seen = set()
    for part in compose.all_parts(note.snapshot):
        if not ((note.narratives or {}).get(part.id) or "").strip():
            continue
        for plan in followup.plans(part.id, ctx.facts.get(part.key), ctx):
            if plan["ref"] in seen:
                continue
            seen.add(plan["ref"])
            commitment = Commitment(note=note, **plan)
            commitment.full_clean()
            commitment.save()


@transaction.atomic
def note_new_version(*, note: StatusNote, created_by) -> StatusNote:
    """A draft copy of a frozen note: same period, as-of date and texts, the next version."""
    note = locking.lock_row(StatusNote.objects.select_related("period").filter(pk=note.pk))
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
        drafts=dict(note.drafts or {}),
        closing=note.closing,
        recipient=note.recipient,
        meeting_date=note.meeting_date,
        case_number=note.case_number,
        sender=note.sender,
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
        transaction.on_commit(
            partial(render_document.apply_async, args=[document.pk], task_id=document.task_id)
        )
    return document
