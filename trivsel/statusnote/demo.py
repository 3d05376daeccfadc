"""Demo: the spring 2023 status note as the network sent it — drafted from the portal's data as of
14 April 2023 (the seed note's moment), sent by the coordinator to the head of schools, approved
and made final on 18 April 2023 for the Børne- og Skoleudvalget's meeting on 25 April 2023 (before
the theme day of 27 April it tells of as planned). Its plans are the commitments the autumn 2023
note follows up; that note is a draft as of 31 December 2023, drafted on 8 January 2024 for the
committee's meeting on 23 January 2024. Seeded after every other app (the notes are written from
their data); idempotent: a period that has a note is left alone.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from . import services
from .models import StatusNote

SEED_LAST = True
SPRING = "Forår 2023"
AS_OF = date(2023, 4, 14)
AUTUMN = "Efterår 2023"
AUTUMN_AS_OF, AUTUMN_DRAFTED, AUTUMN_MEETING = (
    date(2023, 12, 31),
    date(2024, 1, 8),
    date(2024, 1, 23),
)
SENT, APPROVED, FINAL = (
    datetime(2023, 4, 17, 9, 0),
    datetime(2023, 4, 17, 14, 30),
    datetime(2023, 4, 18, 10, 0),
)
FRONT_MATTER = {
    "recipient": "Børne- og Skoleudvalget",
    "meeting_date": date(2023, 4, 25),
    "case_number": "23/04812",
    "sender": "Skoleområdet, Børne- og Kulturforvaltningen",
}


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def seed(ctx) -> None:
    period = ctx.periods.get(SPRING)
    coordinator, approver = ctx.users.get("koordinator"), ctx.users.get("skolechef")
    if period is None or coordinator is None or approver is None:
        return
    _seed_spring(period, coordinator, approver)
    autumn = ctx.periods.get(AUTUMN)
    if autumn is not None and not StatusNote.objects.filter(period=autumn).exists():
        note = services.note_create_draft(period=autumn, as_of=AUTUMN_AS_OF, created_by=coordinator)
        StatusNote.objects.filter(pk=note.pk).update(
            meeting_date=AUTUMN_MEETING,
            created_at=_aware(datetime.combine(AUTUMN_DRAFTED, time(9))),
        )


def _seed_spring(period, coordinator, approver) -> None:
    if StatusNote.objects.filter(period=period).exists():
        return
    note = services.note_create_draft(period=period, as_of=AS_OF, created_by=coordinator)
    note = services.note_update_texts(
        note=note,
        introduction=note.introduction,
        narratives={},
        closing=note.closing,
        front_matter=FRONT_MATTER,
    )
    note = services.note_send_for_approval(note=note, approver=approver, user=coordinator)
    note = services.note_approve(note=note, user=approver)
    note = services.note_finalise(note=note, user=coordinator)
    # the demo runs today but tells April 2023
    StatusNote.objects.filter(pk=note.pk).update(
        sent_for_approval_at=_aware(SENT),
        approval_decided_at=_aware(APPROVED),
        finalised_at=_aware(FINAL),
        dated=FINAL.date(),
        created_at=_aware(datetime.combine(AS_OF, time(15))),
    )
