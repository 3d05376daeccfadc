"""Deletion deadlines for grief groups (trivsel.security.retention): the leaders' notes on
meetings and their descriptions in evaluations are anonymised — in the change history too — once
older than RETENTION_DAYS["grief_groups"]; counts, dates and hours stay for the status note."""

from __future__ import annotations

from datetime import datetime

from trivsel.schools.privacy import erase_text

from .models import Evaluation, GroupMeeting


def anonymise_grief_group_texts(cutoff: datetime) -> int:
    meetings = GroupMeeting.objects.filter(date__lt=cutoff.date())
    evaluations = Evaluation.objects.filter(period__end__lt=cutoff.date())
    return erase_text(meetings, ["note"]) + erase_text(evaluations, ["benefit_text"])


RETENTION = {"grief_groups": anonymise_grief_group_texts}
