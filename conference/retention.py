"""Minors' personal data is kept only as long as needed (trivsel.security.retention): once an
event's last day is RETENTION_DAYS["minors_registrations"] days past, its pupils' registrations are
anonymised — first name, guardian, accompanying adult, needs — in the row AND in its change history
(simple-history), keeping the counts per event, school, class and day. The nightly retention job
(`manage.py apply_retention`, Celery beat) runs it."""

from __future__ import annotations

from datetime import datetime

from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat

from trivsel.schools import clock

from .models import Event, ParticipantKind, Registration
from .services import registrations_lock

ANONYMOUS_PREFIX = "Anonym elev #"
BLANKED = ("guardian_name", "accompanying_adult", "dietary_needs", "accessibility_needs", "email")


def _anonymous_name():
    return Concat(Value(ANONYMOUS_PREFIX), Cast("id", CharField()))


def minors_anonymise(cutoff: datetime) -> int:
    """Anonymises the pupils of every event whose last day is on or before ``cutoff``'s day;
    returns how many. Runs inside the retention job's transaction."""
    due = Event.objects.annotate(last=Max("days__date")).filter(last__lte=cutoff.date())
    ids = list(
        Registration.objects.filter(
            kind=ParticipantKind.PUPIL, anonymised_at__isnull=True, event__in=due.values("pk")
        ).values_list("pk", flat=True)
    )
    return pupils_anonymise_ids(ids)


def pupils_anonymise_ids(ids: list[int]) -> int:
    """Anonymises these pupils' registrations — row and change history; the one anonymiser for
    minors, used by the deletion deadline and by data-subject erasure (conference/subject.py)."""
    ids = _locked_not_anonymised(ids)
    if not ids:
        return 0
    blank = dict.fromkeys(BLANKED, "")
    # .update(): no new history row with the old values; then the history rows themselves
    Registration.objects.filter(pk__in=ids).update(
        name=_anonymous_name(), anonymised_at=clock.now(), **blank
    )
    Registration.history.filter(id__in=ids).update(name=_anonymous_name(), **blank)
    return len(ids)


def _locked_not_anonymised(ids: list[int]) -> list[int]:
    """Takes the locks every write of a registration takes (``services.registrations_lock``) and
    returns those of ``ids`` still to anonymise, as they are under the locks."""
    if not ids:
        return []
    return [r.pk for r in registrations_lock(ids) if r.anonymised_at is None]


def adults_anonymise(cutoff: datetime) -> int:
    """Adults' registrations (staff and guests) are anonymised when their event's last day is on
    or before ``cutoff``'s day (RETENTION_DAYS["conference_registrations"], the six months the
    sign-up form promises): name, e-mail, job title and needs — rows and history; counts stay."""
    due = Event.objects.annotate(last=Max("days__date")).filter(last__lte=cutoff.date())
    ids = list(
        Registration.objects.exclude(kind=ParticipantKind.PUPIL)
        .filter(anonymised_at__isnull=True, event__in=due.values("pk"))
        .values_list("pk", flat=True)
    )
    return adults_anonymise_ids(ids)


def adults_anonymise_ids(ids: list[int]) -> int:
    """Anonymises these adults' registrations — row and change history; the one anonymiser for
    adults, used by the deletion deadline and by data-subject erasure (conference/subject.py)."""
    ids = _locked_not_anonymised(ids)
    if not ids:
        return 0
    erased = {
        "name": Concat(Value("Anonym deltager #"), Cast("id", CharField())),
        # unique per registration: the one-sign-up-per-e-mail constraint still holds
        "email": Concat(Value("slettet-"), Cast("id", CharField()), Value("@anonym.invalid")),
        "job_title": Value(""),
        "dietary_needs": Value(""),
        "accessibility_needs": Value(""),
    }
    Registration.objects.filter(pk__in=ids).update(anonymised_at=clock.now(), **erased)
    Registration.history.filter(id__in=ids).update(**erased)
    return len(ids)


RETENTION = {
    "minors_registrations": minors_anonymise,
    "conference_registrations": adults_anonymise,
}
