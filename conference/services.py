"""Writes of the registration engine: sign up, change days, cancel, consent, check in.

Capacity per day is guarded by «lock, recount, write» (``trivsel.schools.locking``): inside one
transaction the event is locked, the confirmed places are counted *after* the lock, then the
booking is written as confirmed or waiting. Whatever needs no lock (validation, the duplicate
check, inserting a new sign-up's own row) happens before it: a sign-up holds the lock for «count,
insert, commit» only.

Every other write of a registration — change of days, cancellation, promotion, consent, check-in,
anonymising — and every edit of the event's capacities takes the same locks in the same order:
the event's lock (``_lock``), then the registration's row (``_lock_registration``), and re-reads
under them what it checks (status, bookings). So they are one at a time per event, none acts on
what it read before another committed, and none waits for another in a circle.
A cancellation frees a place and promotes the first on that day's waiting list in the same
transaction; e-mails go out by Celery after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint, Count, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from trivsel.schools import access, clock, locking, uniques, versioning
from trivsel.schools.models import SchoolClass, Staff

from .models import (
    BookingStatus,
    ConsentText,
    DayBooking,
    Event,
    EventDay,
    EventKind,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)
from .tasks import send_confirmation, send_manage_link, send_promotion_notice, send_waiting_notice

LOCK_KIND = "conference.event"
UNCHECKED = object()  # a service called without a form: no version to check
UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE


class AlreadyRegistered(ValidationError):
    """A second sign-up with the same e-mail; ``registration`` is the existing one."""

    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(
            _(
                "Du er allerede tilmeldt med denne e-mail. Vi har sendt linket til din "
                "tilmelding til e-mailadressen igen."
            ),
            code="already_registered",
        )


def _on_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.delay(*args))


def _check_days(event: Event, days: Iterable[EventDay]) -> list[EventDay]:
    days = list(days)
    if not days:
        raise ValidationError({"days": _("Vælg mindst én dag.")}, code="no_days")
    if any(day.event_id != event.pk for day in days):
        raise ValidationError(
            {"days": _("En af de valgte dage hører ikke til arrangementet.")}, code="foreign_day"
        )
    return sorted(set(days), key=lambda d: d.date)


def _confirmed_count(day: EventDay) -> int:
    return DayBooking.objects.filter(day=day, status=BookingStatus.CONFIRMED).count()


def _lock(event_id: int) -> None:
    """The event's lock, the first lock of every write of its registrations, bookings and
    capacities: its days and its overall capacity are counted under it."""
    locking.lock(LOCK_KIND, event_id)


def _lock_registration(registration: Registration) -> Registration:
    """The event's lock, then the registration's row; returns the registration as it is now
    (re-read under the locks: check that, never the copy loaded before)."""
    _lock(registration.event_id)
    return _locked_row(registration.pk)


def _locked_row(pk: int) -> Registration:
    """The registration's row, locked (the event's lock is held already)."""
    rows = locking.lock_rows(Registration.objects.filter(pk=pk).select_related("event"))
    if not rows:
        raise ValidationError(_("Tilmeldingen findes ikke længere."), code="gone")
    return rows[0]


def registrations_lock(ids: Iterable[int]) -> list[Registration]:
    """Locks several registrations, as one writer of each would: their events' locks (together,
    in one sorted order), then their rows (in pk order). Returns them as they are now."""
    ids = list(ids)
    events = Registration.objects.filter(pk__in=ids).values_list("event_id", flat=True)
    locking.lock_keys(*[f"{LOCK_KIND}:{pk}" for pk in set(events)])
    return locking.lock_rows(Registration.objects.filter(pk__in=ids))


def _room(day: EventDay) -> tuple[bool, int | None]:
    """Under the event's lock, in one query: whether ``day`` has a free place, and the event's
    overall capacity — both as they are now (an edit may have changed the capacities since the
    caller loaded the day), never the copies the caller holds."""
    capacity, confirmed, event_capacity = (
        EventDay.objects.filter(pk=day.pk)
        .annotate(confirmed=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)))
        .values_list("capacity", "confirmed", "event__capacity")
        .get()
    )
    return confirmed < capacity, event_capacity


def _people_with_a_place(event_id: int):
    """People with at least one confirmed day: what the event's overall capacity counts."""
    return (
        DayBooking.objects.filter(day__event=event_id, status=BookingStatus.CONFIRMED)
        .values("registration")
        .distinct()
    )


def _event_has_room(event_capacity: int | None, registration: Registration) -> bool:
    if event_capacity is None:
        return True
    people = _people_with_a_place(registration.event_id)
    if people.filter(registration=registration).exists():
        return True
    return people.count() < event_capacity


def _book(
    registration: Registration, days: list[EventDay], *, new: bool = False
) -> list[DayBooking]:
    """Books ``days`` for ``registration``: confirmed while there is room, else waiting; pupils
    without a guardian's consent wait for it (they hold no place). Call inside atomic with the
    event's lock held. ``new``: the registration was inserted in this transaction, so it has no
    bookings yet (an insert instead of a look-up first: the lock is held for less)."""
    bookings = []
    for day in days:
        if registration.is_pupil and not registration.has_consent:
            status = BookingStatus.AWAITING_CONSENT
        else:
            day_has_room, event_capacity = _room(day)  # recount after the lock
            room = day_has_room and _event_has_room(event_capacity, registration)
            locking.checkpoint("registration_book")
            status = BookingStatus.CONFIRMED if room else BookingStatus.WAITING
        if new:
            bookings.append(
                DayBooking.objects.create(registration=registration, day=day, status=status)
            )
            continue
        booking, created = DayBooking.objects.get_or_create(
            registration=registration, day=day, defaults={"status": status}
        )
        if not created and booking.status in (
            BookingStatus.CANCELLED,
            BookingStatus.AWAITING_CONSENT,
        ):
            booking.status = status
            booking.created = clock.now()  # back of the queue, like a new sign-up
            booking.save(update_fields=["status", "created"])
        bookings.append(booking)
    return bookings


def _promote(day: EventDay) -> DayBooking | None:
    """Moves the first waiting booking of ``day`` to confirmed if there is room. The event's
    lock is held; the promoted registration's row is locked too, as every write of it does."""
    day_has_room, event_capacity = _room(day)
    if not day_has_room:
        return None
    first = (
        DayBooking.objects.filter(day=day, status=BookingStatus.WAITING)
        .exclude(registration__status=RegistrationStatus.CANCELLED)
        .select_related("registration")
        .order_by("created", "pk")
        .first()
    )
    if first is None or not _event_has_room(event_capacity, first.registration):
        return None
    _locked_row(first.registration_id)
    first.status = BookingStatus.CONFIRMED
    first.save(update_fields=["status"])

    _on_commit(send_promotion_notice, first.pk)
    return first


def _cancel_bookings(bookings: list[DayBooking]) -> list[DayBooking]:
    """Cancels the bookings and promotes from each freed day's waiting list. Days locked."""
    promoted = []
    for booking in bookings:
        was_confirmed = booking.status == BookingStatus.CONFIRMED
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
        if was_confirmed and (p := _promote(booking.day)) is not None:
            promoted.append(p)
    return promoted


def registration_create(
    *,
    event: Event,
    kind: str = ParticipantKind.STAFF,
    name: str,
    email: str = "",
    days: Iterable[EventDay],
    organisation=None,
    school=None,
    school_class=None,
    job_title: str = "",
    dietary_needs: str = "",
    accessibility_needs: str = "",
    created_by=None,
    accompanying_adult: str = "",
    guardian_name: str = "",
    consent_given_at: datetime | None = None,
    check_window: bool = True,
    organisation_checked: bool = False,
) -> Registration:
    """Signs one person up for ``days`` of ``event``. Raises ValidationError (nothing saved) for a
    closed window, an organisation not invited, days of another event; ``AlreadyRegistered`` for
    a second sign-up with the same e-mail (the manage link is e-mailed again).

    ``organisation_checked``: the caller took ``organisation`` from ``event.organisations``
    itself (the public form's choices), so it is not looked up a second time.

    Everything that needs no lock is done first (checks, validating the new row, inserting it,
    which the unique indexes refuse for a second sign-up); the event's lock is held only for
    «recount, insert the bookings, commit» (``_book``)."""
    days = _check_days(event, days)
    if check_window and not event.is_open(clock.now()):
        raise ValidationError(_("Tilmeldingen er ikke åben."), code="closed")
    if (
        organisation is not None
        and not organisation_checked
        and not event.organisations.filter(pk=organisation.pk).exists()
    ):
        raise ValidationError(
            {"organisation": _("Organisationen kan ikke tilmelde sig dette arrangement.")},
            code="unknown_organisation",
        )
    email = (email or "").strip().lower()
    registration = _new_registration(
        event=event,
        fields={
            "kind": kind,
            "name": name.strip(),
            "email": email,
            "organisation": organisation,
            "school": school,
            "school_class": school_class,
            "job_title": job_title,
            "dietary_needs": dietary_needs,
            "accessibility_needs": accessibility_needs,
            "created_by": created_by,
            "accompanying_adult": accompanying_adult,
            "guardian_name": guardian_name,
            "consent_given_at": consent_given_at,
        },
    )
    try:
        with transaction.atomic():
            return _create(registration, days)
    except _Twin:
        pass  # the transaction is rolled back: nothing saved
    # A second sign-up: the unique indexes refused the row (no look-up before the insert, so a
    # first sign-up makes one query less). The resent link is enqueued after the rollback.
    if not registration.is_pupil and (existing := _active_signup(event, email)) is not None:
        _on_commit(send_manage_link, existing.pk)
        raise AlreadyRegistered(existing)
    message = (
        _("Eleven er allerede tilmeldt fra denne klasse.")
        if registration.is_pupil
        else _("Du er allerede tilmeldt med denne e-mail.")
    )
    raise ValidationError(message, code="already_registered")


class _Twin(Exception):
    """The insert hit a unique index: this person is already signed up."""


def _active_signup(event: Event, email: str) -> Registration | None:
    """The adult's active registration with this e-mail: the row that the unique index
    conference_one_signup_per_email (same expression, same condition) holds at most once."""
    return (
        Registration.objects.alias(email_lower=Lower("email"))
        .filter(event=event, email_lower=email)
        .exclude(kind=ParticipantKind.PUPIL)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by()  # no join for the default order
        .first()
    )


# Python forms of Registration's check constraints, by name, so a sign-up is validated without a
# query per constraint (tests/conference prove each agrees with PostgreSQL's own evaluation).
# A check constraint missing here is still validated, by the database (Constraint.validate).
REGISTRATION_CHECKS = {
    "conference_email_for_adults_only": lambda r: (
        (r.kind == ParticipantKind.PUPIL and r.email == "")
        or (r.kind != ParticipantKind.PUPIL and r.email != "")
    ),
    "conference_pupil_has_school_and_class": lambda r: (
        r.kind != ParticipantKind.PUPIL
        or (r.school_id is not None and r.school_class_id is not None)
    ),
}

# Set by the caller to model instances it loaded (or None): their existence needs no query.
_LOADED_RELATIONS = [
    "event",
    "organisation",
    "school",
    "school_class",
    "created_by",
    "consent_text",
]


def _new_registration(*, event: Event, fields: dict) -> Registration:
    """The unsaved registration, validated: fields (CPR guard, lengths, e-mail) and the check
    constraints with their messages. No query, except the consent text for a pupil with consent.

    Not validated in Python, because the database enforces them and a look-up per sign-up is
    what a burst of sign-ups (bench/burst.py) cannot afford: the unique constraints (the insert in
    ``_create`` meets them, and ``registration_create`` answers with their messages), the random
    token's uniqueness, and that the related rows exist (they were passed as loaded instances;
    a foreign key guards them)."""
    registration = Registration(
        event=event,
        consent_text=event.current_consent() if fields["consent_given_at"] else None,
        **fields,
    )
    registration.full_clean(
        exclude=_LOADED_RELATIONS, validate_unique=False, validate_constraints=False
    )
    for constraint in Registration._meta.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        check = REGISTRATION_CHECKS.get(constraint.name)
        if check is None:
            constraint.validate(Registration, registration)
        elif not check(registration):
            raise ValidationError(
                constraint.get_violation_error_message(), code=constraint.violation_error_code
            )
    return registration


def _create(registration: Registration, days: list[EventDay]) -> Registration:
    """Inserts the validated registration and books its days. Inside atomic."""
    try:
        registration.save()
    except IntegrityError as error:
        if getattr(error.__cause__, "sqlstate", UNIQUE_VIOLATION) not in (UNIQUE_VIOLATION, None):
            raise  # not a unique index (a related row deleted meanwhile): the error as it is
        raise _Twin from None  # leaves the atomic block at once: it is rolled back
    # the new row is this transaction's own (no one else sees it yet): only the event to lock
    _lock(registration.event_id)
    _book(registration, days, new=True)
    if registration.email:
        _on_commit(send_confirmation, registration.pk)
    return registration


@transaction.atomic
def registration_change_days(
    *, registration: Registration, days: Iterable[EventDay]
) -> Registration:
    """Keeps the days still chosen, books the new ones, cancels (and promotes for) the dropped."""
    days = _check_days(registration.event, days)
    registration = _lock_registration(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Tilmeldingen er afmeldt."), code="cancelled")
    current = list(
        registration.bookings.exclude(status=BookingStatus.CANCELLED).select_related("day")
    )
    locking.checkpoint("registration_change_days")
    keep = {d.pk for d in days}
    _cancel_bookings([b for b in current if b.day_id not in keep])
    have = {b.day_id for b in current}
    new = _book(registration, [d for d in days if d.pk not in have])
    if registration.email and any(b.status == BookingStatus.WAITING for b in new):
        _on_commit(send_waiting_notice, registration.pk)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> list[DayBooking]:
    """Cancels the whole registration; returns the bookings promoted from the waiting lists.
    A registration cancelled already (a second press, or someone else was first) is refused
    with ``code="already_cancelled"``: nothing changes."""
    registration = _lock_registration(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(
            _("«%(name)s» er allerede afmeldt.") % {"name": registration.name},
            code="already_cancelled",
        )
    bookings = list(
        registration.bookings.exclude(status=BookingStatus.CANCELLED).select_related("day")
    )
    locking.checkpoint("registration_cancel")
    promoted = _cancel_bookings(bookings)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    return promoted


@transaction.atomic
def registration_record_consent(
    *,
    registration: Registration,
    guardian_name: str,
    given_at: datetime,
    version: int | None | object = UNCHECKED,
) -> Registration:
    """Records a guardian's consent for a pupil; the days awaiting it are then booked (confirmed
    if there is room, else waiting). ``version``: the one the form was drawn from (None: it had
    none) — claimed after the registration's locks, in their order, so a form edit never locks
    the row before the event (``versioning.EditConflict`` if it is stale or missing)."""
    if not registration.is_pupil:
        raise ValidationError(_("Kun elever skal have samtykke."), code="not_pupil")
    if not guardian_name.strip():
        raise ValidationError(
            {"guardian_name": _("Skriv navnet på den der gav samtykket.")}, code="no_guardian"
        )
    locked = _lock_registration(registration)
    if version is not UNCHECKED:
        versioning.claim(locked, version)
    if locked.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Tilmeldingen er afmeldt."), code="cancelled")
    if locked.anonymised_at is not None:
        raise ValidationError(_("Tilmeldingen er anonymiseret."), code="anonymised")
    locked.guardian_name = guardian_name.strip()
    locked.consent_given_at = given_at
    locked.consent_text = locked.event.current_consent()
    locked.full_clean()
    locking.checkpoint("registration_record_consent")
    locked.save()
    waiting = [
        b.day
        for b in locked.bookings.filter(status=BookingStatus.AWAITING_CONSENT).select_related("day")
    ]
    if waiting:
        _book(locked, waiting)
    for name in ("guardian_name", "consent_given_at", "consent_text"):
        setattr(registration, name, getattr(locked, name))
    return locked


@transaction.atomic
def booking_cancel(*, booking: DayBooking) -> DayBooking | None:
    """Cancels one day (an admin's manual cancel); returns the promoted booking, if any."""
    booking = _lock_booking(booking)
    if booking.status == BookingStatus.CANCELLED:
        return None
    promoted = _cancel_bookings([booking])
    return promoted[0] if promoted else None


def _lock_booking(booking: DayBooking) -> DayBooking:
    """The booking's event and registration locked (as ``_lock_registration``); ``booking`` is
    re-read under them (status, check-in) and returned."""
    _lock(booking.day.event_id)
    _locked_row(booking.registration_id)
    booking.refresh_from_db(fields=["status", "checked_in_at"])
    return booking


def _require_day_or_correction(booking: DayBooking, correction: bool) -> None:
    """Check-in happens on the day itself; another day only as an admin's marked correction
    (a tap on the wrong day's tablet page must not record attendance)."""
    if booking.day.date != clock.today() and not correction:
        raise ValidationError(
            _(
                "Indtjekning sker på selve dagen (%(date)s), og i dag er det ikke den dag. "
                "Markér at det er en rettelse, hvis du retter indtjekningen bagefter."
            )
            % {"date": f"{booking.day.date:%d.%m.%Y}"},
            code="not_today",
        )


@transaction.atomic
def booking_check_in(
    *, booking: DayBooking, at: datetime | None = None, correction: bool = False
) -> DayBooking:
    """Checks the booking in (``booking`` is updated as it is after the locks, and returned)."""
    _lock_booking(booking)
    if booking.status != BookingStatus.CONFIRMED:
        raise ValidationError(_("Kun bekræftede deltagere kan tjekkes ind."), code="not_confirmed")
    _require_day_or_correction(booking, correction)
    locking.checkpoint("booking_check_in")
    if booking.checked_in_at is None:
        booking.checked_in_at = at or clock.now()
        booking.save(update_fields=["checked_in_at"])
    return booking


@transaction.atomic
def booking_undo_check_in(*, booking: DayBooking, correction: bool = False) -> DayBooking:
    """«Fortryd»: a check-in tapped by mistake is taken back (same day rule as checking in)."""
    _lock_booking(booking)
    _require_day_or_correction(booking, correction)
    if booking.checked_in_at is not None:
        booking.checked_in_at = None
        booking.save(update_fields=["checked_in_at"])
    return booking


@dataclass(frozen=True)
class PupilEntry:
    """One pupil of a group: first name only, and the guardian's consent if already given."""

    first_name: str
    guardian_name: str = ""
    consent_given_at: datetime | None = None


@transaction.atomic
def pupils_register(
    *,
    event: Event,
    school_class: SchoolClass,
    accompanying_adult: str,
    pupils: Iterable[PupilEntry],
    days: Iterable[EventDay],
    signed_up_by,
) -> list[Registration]:
    """Signs a group of pupils of the signer's own school up for a conference. A pupil holds a
    place only once the guardian's consent is recorded (``registration_record_consent``). All or
    nothing: one refused pupil saves none of the group."""
    if event.kind != EventKind.CONFERENCE:
        raise ValidationError(_("Elever tilmeldes kun konferencer."), code="not_conference")
    if school_class.school_id not in access.school_ids(signed_up_by):
        raise ValidationError(
            {"school_class": _("Vælg en klasse fra din egen skole.")}, code="foreign_class"
        )
    if not accompanying_adult.strip():
        raise ValidationError(
            {"accompanying_adult": _("Skriv hvem der ledsager eleverne.")}, code="no_adult"
        )
    pupils = list(pupils)
    if not pupils:
        raise ValidationError(_("Skriv mindst én elevs fornavn."), code="no_pupils")
    created = []
    for pupil in pupils:
        try:
            created.append(
                registration_create(
                    event=event,
                    kind=ParticipantKind.PUPIL,
                    name=pupil.first_name,
                    school=school_class.school,
                    school_class=school_class,
                    days=days,
                    created_by=signed_up_by,
                    accompanying_adult=accompanying_adult.strip(),
                    guardian_name=pupil.guardian_name.strip(),
                    consent_given_at=pupil.consent_given_at if pupil.guardian_name else None,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s: %(problem)s")
                % {"name": pupil.first_name, "problem": " ".join(error.messages)},
                code=getattr(error, "code", None) or "pupil",
            ) from None
    return created


def course_nominate(
    *, event: Event, staff: Staff, days: Iterable[EventDay], nominated_by
) -> Registration:
    """A school leader puts one of their staff on a course: the same capacity and waiting-list
    rules as a sign-up (confirmed while there is room, else waiting)."""
    if event.kind != EventKind.COURSE:
        raise ValidationError(_("Kun kurser har nomineringer."), code="not_course")
    if not staff.email:
        raise ValidationError(
            {
                "staff": _("%(name)s har ingen e-mail i portalen; tilføj den først.")
                % {"name": staff.name}
            },
            code="no_email",
        )
    try:
        return registration_create(
            event=event,
            kind=ParticipantKind.STAFF,
            name=staff.name,
            email=staff.email,
            school=staff.school,
            job_title=staff.get_job_display(),
            days=days,
            created_by=nominated_by,
        )
    except AlreadyRegistered:
        raise ValidationError(
            {"staff": _("%(name)s er allerede nomineret til kurset.") % {"name": staff.name}},
            code="already_registered",
        ) from None


@transaction.atomic
def event_save(
    *,
    event: Event,
    organisations: Iterable,
    facilitators: Iterable,
    days: Iterable[EventDay],
    removed_days: Iterable[EventDay] = (),
) -> Event:
    """Creates or updates an event with its days. The capacities are limits the confirmed places
    are counted against: under the event's lock (the one sign-ups take) neither the event's nor
    a day's capacity is set below what is confirmed, and a day with sign-ups is not removed. A
    day whose capacity grows promotes from its waiting list at once."""
    days, removed_days = list(days), list(removed_days)
    event.full_clean()
    if event.pk:
        _lock(event.pk)
        _check_capacities(event, days)
        locking.checkpoint("event_save")
    with uniques.saving(event):  # the same address saved by another admin a moment ago
        event.save()
    event.organisations.set(organisations)
    event.facilitators.set(facilitators)
    for day in removed_days:
        if day.pk and day.bookings.exists():
            raise ValidationError(
                _("Dagen %(date)s har tilmeldinger og kan ikke fjernes.")
                % {"date": f"{day.date:%d.%m.%Y}"},
                code="day_in_use",
            )
        if day.pk:
            day.delete()
    for day in days:
        day.event = event
        day.full_clean()
        with uniques.saving(day):
            day.save()
        while _promote(day) is not None:
            pass
    return event


def _check_capacities(event: Event, days: list[EventDay]) -> None:
    """Refuses capacities below the places confirmed now (the event's lock is held)."""
    errors: dict[str, list[str]] = {}
    for day in days:
        if day.pk is None or day.capacity is None:
            continue
        confirmed = _confirmed_count(day)
        if day.capacity < confirmed:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _(
                    "Kapaciteten den %(date)s kan ikke sættes under de %(n)d pladser, der "
                    "allerede er bekræftet."
                )
                % {"date": f"{day.date:%d.%m.%Y}", "n": confirmed}
            )
    if event.capacity is not None:
        people = _people_with_a_place(event.pk).count()
        if event.capacity < people:
            errors["capacity"] = [
                _(
                    "Den samlede kapacitet kan ikke sættes under de %(n)d deltagere, der "
                    "allerede har en bekræftet plads."
                )
                % {"n": people}
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consent_text_add(*, event: Event, text: str) -> ConsentText:
    """A new wording is a new version; consents already given keep the version they were given to."""
    locking.lock_rows(Event.objects.filter(pk=event.pk))  # one new version at a time
    latest = event.consent_texts.order_by("-version").first()
    consent = ConsentText(event=event, version=(latest.version + 1) if latest else 1, text=text)
    consent.full_clean()
    consent.save()
    return consent
