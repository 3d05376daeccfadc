"""Deletion deadlines for minors' registrations (trivsel.security.retention): a pupil's
registration is anonymised once its event's last day is more than
RETENTION_DAYS["minors_registrations"] days past — name, e-mail and needs, in the change history
too. The registration row stays, so the event's counts stay right."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max

from trivsel.schools.privacy import erase_text

from .models import ParticipantKind, Registration

ERASED = "Elev (slettet)"


def anonymise_pupil_registrations(cutoff: datetime) -> int:
    pupils = Registration.objects.filter(kind=ParticipantKind.PUPIL).alias(
        last_day=Max("event__days__date")
    )
    ids = list(
        pupils.filter(last_day__lt=cutoff.date()).exclude(name=ERASED).values_list("pk", flat=True)
    )
    old = Registration.objects.filter(pk__in=ids)
    erase_text(old, ["dietary_needs", "accessibility_needs", "email"])
    erase_text(old, ["name"], ERASED)
    return len(ids)


RETENTION = {"minors_registrations": anonymise_pupil_registrations}
