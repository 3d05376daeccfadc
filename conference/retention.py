"""Minors' personal data is kept only as long as needed: a set number of days after their event
(settings.CONFERENCE_MINOR_RETENTION_DAYS) a pupil's registration is anonymised — first name,
guardian, accompanying adult, needs — in the row AND in its change history (simple-history),
keeping the counts per event, school, class and day."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat

from trivsel.schools import clock

from .models import Event, ParticipantKind, Registration

ANONYMOUS_PREFIX = "Anonym elev #"
BLANKED = ("guardian_name", "accompanying_adult", "dietary_needs", "accessibility_needs")


def _anonymous_name():
    return Concat(Value(ANONYMOUS_PREFIX), Cast("id", CharField()))


def due_events(today: date | None = None):
    """Events whose last day is at least the retention period ago."""
    today = today or clock.today()
    cutoff = today - timedelta(days=settings.CONFERENCE_MINOR_RETENTION_DAYS)
    return Event.objects.annotate(last=Max("days__date")).filter(last__lte=cutoff)


@transaction.atomic
def minors_anonymise(*, today: date | None = None) -> int:
    """Anonymises the pupils of every event past its retention period; returns how many."""
    pupils = Registration.objects.filter(
        kind=ParticipantKind.PUPIL,
        anonymised_at__isnull=True,
        event__in=due_events(today).values("pk"),
    )
    ids = list(pupils.values_list("pk", flat=True))
    if not ids:
        return 0
    blank = dict.fromkeys(BLANKED, "")
    # .update(): no new history row with the old values; then the history rows themselves
    Registration.objects.filter(pk__in=ids).update(
        name=_anonymous_name(), anonymised_at=clock.now(), **blank
    )
    Registration.history.filter(id__in=ids).update(name=_anonymous_name(), **blank)
    return len(ids)
