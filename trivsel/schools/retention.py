"""Deletion deadlines of the shared model: the read log and the change history of every model.
(The mechanism: trivsel.security.retention.)"""

from __future__ import annotations

from datetime import datetime

from .models import ReadLogEntry
from .privacy import history_models


def delete_read_log(cutoff: datetime) -> int:
    return ReadLogEntry.objects.filter(at__lt=cutoff).delete()[0]


def delete_change_history(cutoff: datetime) -> int:
    deleted = 0
    for model in history_models():
        history = getattr(model, model._meta.simple_history_manager_attribute).model
        deleted += history.objects.filter(history_date__lt=cutoff).delete()[0]
    return deleted


RETENTION = {"read_log": delete_read_log, "change_history": delete_change_history}
