"""Deletion deadlines for consultants' records (trivsel.security.retention): once older than
RETENTION_DAYS["consultant_activities"], what was seen (observations), follow-up texts and PIT
contributions are anonymised — in the change history too. Dates, kinds and counts stay for the
status note."""

from __future__ import annotations

from datetime import datetime

from trivsel.schools.privacy import erase_text

from .models import Activity, FollowUp, PitMeeting


def anonymise_consultant_texts(cutoff: datetime) -> int:
    day = cutoff.date()
    return (
        erase_text(Activity.objects.filter(date__lt=day), ["observation"])
        + erase_text(FollowUp.objects.filter(activity__date__lt=day), ["what", "who"])
        + erase_text(PitMeeting.objects.filter(date__lt=day), ["contribution"])
    )


RETENTION = {"consultant_activities": anonymise_consultant_texts}
