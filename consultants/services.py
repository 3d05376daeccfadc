"""Writes of the consultants' app. ``activity_record`` is idempotent on the browser's UUID, so an
outbox that sends an entry twice (or two tabs, or two devices at once) never makes two records."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from trivsel.schools import clock, locking, versioning
from trivsel.schools.clock import today
from trivsel.schools.models import School, Staff, User

from .models import (
    Activity,
    ChallengeTag,
    ExampleCase,
    ExampleCaseStatus,
    FollowUp,
)

# Fields of an activity that make up «the same content» for idempotency.
CONTENT_FIELDS = (
    "school",
    "school_class",
    "date",
    "start_time",
    "duration_minutes",
    "kind",
    "status",
    "participants",
    "observation",
    "shared_with_leadership",
    "course",
)


class SyncConflict(Exception):
    """The UUID is known, but with other content (or from another consultant), or an update
    carries an older version than the server's (``stale``). ``version``: the server's."""

    message = ""

    def __init__(self, activity: Activity | None = None, *, stale: bool = False):
        self.activity = activity
        self.version = activity.lock_version if activity is not None else None
        if stale:
            self.message = _(
                "Aktiviteten er ændret af en anden, siden den blev hentet. Ændringen er ikke "
                "gemt — åbn aktiviteten igen, og ret den dér."
            )
        else:
            self.message = _(
                "Registreringen findes allerede med et andet indhold. Den er ikke gemt igen — "
                "tjek den gemte aktivitet, og opret en ny, hvis der er noget at tilføje."
            )
        super().__init__(self.message)


@dataclass(frozen=True)
class RecordResult:
    activity: Activity
    created: bool
    updated: bool = False


def _plain(value):
    if isinstance(value, Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def content_hash(
    fields: dict, tags: Iterable[ChallengeTag | int], follow_ups: Sequence[dict] = ()
) -> str:
    """A SHA-256 of the normalised content (so «09:00» and «09:00:00» are the same content)."""
    canonical = {name: _plain(fields.get(name)) for name in CONTENT_FIELDS}
    canonical["participants"] = sorted(canonical["participants"] or [])
    canonical["tags"] = sorted(_plain(t) for t in tags)
    canonical["follow_ups"] = [
        {k: _plain(f.get(k)) for k in ("what", "who", "due")} for f in follow_ups
    ]
    blob = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _same_or_conflict(existing: Activity, consultant: User, digest: str) -> RecordResult:
    if existing.consultant_id != consultant.pk:
        raise SyncConflict()  # another consultant's record: nothing about it
    if existing.content_hash != digest:
        raise SyncConflict(existing)
    return RecordResult(existing, created=False)


def _existing(client_uuid: UUID) -> Activity | None:
    # get(), not first(): no ORDER BY of the model's three ordering columns to build each time
    try:
        return Activity.objects.get(client_uuid=client_uuid)
    except Activity.DoesNotExist:
        return None


def _full_clean(activity: Activity) -> None:
    """The model's validation, without a query for a foreign key the caller handed over as a row
    it loaded (it exists, and the database's foreign key refuses it otherwise; the consultant's
    role is checked by ``Activity.clean``). Uniqueness of the UUID is left to the database
    constraint: it decides races."""
    loaded = {
        field.name
        for field in Activity._meta.concrete_fields
        if field.is_relation
        and field.is_cached(activity)
        and getattr(activity, field.name) is not None
        and not getattr(activity, field.name)._state.adding
    }
    activity.full_clean(exclude=loaded, validate_unique=False)


def activity_record(
    *,
    consultant: User,
    client_uuid: UUID,
    fields: dict,
    tags: Iterable[ChallengeTag] = (),
    follow_ups: Sequence[dict] = (),
    version: int | None = None,
) -> RecordResult:
    """Records an activity once per ``client_uuid``: the same UUID with the same content again is
    a duplicate (returns the first record), with other content a ``SyncConflict`` — unless the
    entry carries the ``version`` it was edited from: then it updates the activity if that is
    still the server's version (``versioning``), else ``SyncConflict(stale=True)``.

    A known UUID is answered from one lookup, without a transaction. A new one is written in one
    transaction whose first statement is the insert of the activity: when a concurrent request
    wins the race for the UUID, the unique constraint fails that insert, the transaction (or the
    caller's savepoint) rolls back whole, and the winner's row decides duplicate or conflict."""
    tags = list(tags)
    digest = content_hash(fields, tags, follow_ups)
    existing = _existing(client_uuid)
    if existing is not None:
        if version is not None and existing.content_hash != digest:
            return _update(existing, consultant, version, digest, fields, tags, follow_ups)
        return _same_or_conflict(existing, consultant, digest)

    activity = Activity(
        consultant=consultant, client_uuid=client_uuid, content_hash=digest, **fields
    )
    _full_clean(activity)
    items = [FollowUp(activity=activity, **f) for f in follow_ups]
    for item in items:
        item.full_clean(exclude=["activity"])

    locking.checkpoint("activity_record.before_insert")  # between «look up the UUID» and insert
    try:
        with transaction.atomic():
            activity.save()
            if tags:
                activity.tags.add(*tags)
            if items:
                for item in items:
                    item.activity = activity
                FollowUp.objects.bulk_create(items)
    except IntegrityError:
        existing = _existing(client_uuid)
        if existing is None:
            raise
        return _same_or_conflict(existing, consultant, digest)
    return RecordResult(activity, created=True)


def _update(
    activity: Activity,
    consultant: User,
    version: int,
    digest: str,
    fields: dict,
    tags: list[ChallengeTag],
    follow_ups: Sequence[dict],
) -> RecordResult:
    if activity.consultant_id != consultant.pk:
        raise SyncConflict()
    try:
        with transaction.atomic():
            versioning.claim(activity, version)
            for name, value in fields.items():
                setattr(activity, name, value)
            activity.content_hash = digest
            _full_clean(activity)
            items = [FollowUp(activity=activity, **f) for f in follow_ups]
            for item in items:
                item.full_clean(exclude=["activity"])
            activity.save()
            activity.tags.set(tags)
            if items:
                FollowUp.objects.bulk_create(items)
    except versioning.EditConflict:
        current = _existing(activity.client_uuid)
        if current is not None and current.content_hash == digest:
            return RecordResult(current, created=False)  # this very update, sent twice at once
        raise SyncConflict(current, stale=True) from None
    return RecordResult(activity, created=False, updated=True)


@transaction.atomic
def follow_up_set_done(*, follow_up: FollowUp, done: bool) -> FollowUp:
    follow_up.done = done
    follow_up.done_at = today() if done else None
    follow_up.full_clean()
    follow_up.save(update_fields=["done", "done_at"])
    return follow_up


def _names_in(text: str, names: Iterable[str]) -> list[str]:
    found = []
    for name in names:
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            found.append(name)
    return found


def example_case_identifying_names(*, title: str, text: str) -> list[str]:
    """School names (also without «Skole») and staff members' full names found in the text."""
    school_names = set()
    for name in School.objects.values_list("name", flat=True):
        school_names.add(name)
        short = re.sub(r"\s+skole$", "", name, flags=re.IGNORECASE).strip()
        if len(short) >= 4:
            school_names.add(short)
    staff_names = set(Staff.objects.values_list("name", flat=True))
    haystack = f"{title}\n{text}"
    return sorted(set(_names_in(haystack, school_names) + _names_in(haystack, staff_names)))


@transaction.atomic
def example_case_approve(*, case: ExampleCase, coordinator: User) -> ExampleCase:
    """A coordinator approves a case for the status note; a text that names a school or a staff
    member is refused."""
    case = locking.lock_row(ExampleCase.objects.filter(pk=case.pk))
    names = example_case_identifying_names(title=case.title, text=case.text)
    if names:
        raise ValidationError(
            _(
                "Teksten nævner %(names)s. Et eksempel må ikke nævne skoler, elever eller "
                "medarbejdere — skriv fx «på en skole»."
            )
            % {"names": ", ".join(f"«{n}»" for n in names)}
        )
    case.status = ExampleCaseStatus.APPROVED
    case.approved_by = coordinator
    case.approved_at = clock.now()
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def example_case_withdraw(*, case: ExampleCase) -> ExampleCase:
    case.status = ExampleCaseStatus.DRAFT
    case.approved_by = None
    case.approved_at = None
    case.full_clean()
    case.save()
    return case
