"""Writes of the registration engine: sign up, change days, cancel, consent, check in.

Capacity per day is guarded by «lock, recount, write» (``trivsel.schools.locking``): inside one
transaction the days are locked (advisory locks, sorted, so two sign-ups never deadlock), the
confirmed places are counted *after* the lock, then the booking is written as confirmed or waiting.
A cancellation frees a place and promotes the first on that day's waiting list in the same
transaction; e-mails go out by Celery after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from trivsel.schools import clock, locking

from .models import (
    BookingStatus,
    DayBooking,
    Event,
    EventDay,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)

LOCK_KIND = "conference.eventday"


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


def _lock(event_id: int, day_ids: Iterable[int]) -> None:
    """The event (its overall capacity) and the days, in one sorted order: no deadlocks."""
    locking.lock_keys(f"conference.event:{event_id}", *[f"{LOCK_KIND}:{pk}" for pk in day_ids])


def _event_has_room(event: Event, registration: Registration) -> bool:
    """The overall capacity counts people with at least one confirmed day."""
    if event.capacity is None:
        return True
    people = (
        DayBooking.objects.filter(day__event=event, status=BookingStatus.CONFIRMED)
        .values("registration")
        .distinct()
    )
    if people.filter(registration=registration).exists():
        return True
    return people.count() < event.capacity


def _book(registration: Registration, days: list[EventDay]) -> list[DayBooking]:
    """Books ``days`` for ``registration``: confirmed while there is room, else waiting; pupils
    without a guardian's consent wait for it (they hold no place). Call inside atomic."""
    _lock(registration.event_id, [day.pk for day in days])
    bookings = []
    for day in days:
        if registration.is_pupil and not registration.has_consent:
            status = BookingStatus.AWAITING_CONSENT
        else:
            taken = _confirmed_count(day)  # recount after the lock
            room = taken < day.capacity and _event_has_room(registration.event, registration)
            locking.checkpoint("registration_book")
            status = BookingStatus.CONFIRMED if room else BookingStatus.WAITING
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
    """Moves the first waiting booking of ``day`` to confirmed if there is room (day locked)."""
    if _confirmed_count(day) >= day.capacity:
        return None
    first = (
        DayBooking.objects.filter(day=day, status=BookingStatus.WAITING)
        .select_related("registration__event")
        .order_by("created", "pk")
        .first()
    )
    if first is None or not _event_has_room(day.event, first.registration):
        return None
    first.status = BookingStatus.CONFIRMED
    first.save(update_fields=["status"])
    from .tasks import send_promotion_notice

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
) -> Registration:
    """Signs one person up for ``days`` of ``event``. Raises ValidationError (nothing saved) for a
    closed window, an organisation not invited, days of another event; ``AlreadyRegistered`` for
    a second sign-up with the same e-mail (the manage link is e-mailed again)."""
    days = _check_days(event, days)
    if check_window and not event.is_open(clock.now()):
        raise ValidationError(_("Tilmeldingen er ikke åben."), code="closed")
    if organisation is not None and not event.organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Organisationen kan ikke tilmelde sig dette arrangement.")},
            code="unknown_organisation",
        )
    email = (email or "").strip().lower()
    # checked before the transaction: the resent link must survive the refusal's rollback
    if kind != ParticipantKind.PUPIL:
        existing = (
            Registration.objects.filter(event=event, email__iexact=email)
            .exclude(kind=ParticipantKind.PUPIL)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if existing is not None:
            from .tasks import send_manage_link

            _on_commit(send_manage_link, existing.pk)
            raise AlreadyRegistered(existing)
    with transaction.atomic():
        return _create(
            event=event,
            days=days,
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


def _create(*, event: Event, days: list[EventDay], fields: dict) -> Registration:
    registration = Registration(
        event=event,
        consent_text=event.current_consent() if fields["consent_given_at"] else None,
        **fields,
    )
    registration.full_clean()
    try:
        with transaction.atomic():  # a concurrent twin that slipped past the check above
            registration.save()
    except IntegrityError:
        raise ValidationError(
            _("Du er allerede tilmeldt med denne e-mail."), code="already_registered"
        ) from None
    _book(registration, days)
    if registration.email:
        from .tasks import send_confirmation

        _on_commit(send_confirmation, registration.pk)
    return registration


@transaction.atomic
def registration_change_days(
    *, registration: Registration, days: Iterable[EventDay]
) -> Registration:
    """Keeps the days still chosen, books the new ones, cancels (and promotes for) the dropped."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Tilmeldingen er afmeldt."), code="cancelled")
    days = _check_days(registration.event, days)
    current = list(
        registration.bookings.exclude(status=BookingStatus.CANCELLED).select_related("day")
    )
    _lock(registration.event_id, {d.pk for d in days} | {b.day_id for b in current})
    keep = {d.pk for d in days}
    _cancel_bookings([b for b in current if b.day_id not in keep])
    have = {b.day_id for b in current}
    _book(registration, [d for d in days if d.pk not in have])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> list[DayBooking]:
    """Cancels the whole registration; returns the bookings promoted from the waiting lists."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    bookings = list(
        registration.bookings.exclude(status=BookingStatus.CANCELLED).select_related("day")
    )
    _lock(registration.event_id, [b.day_id for b in bookings])
    promoted = _cancel_bookings(bookings)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    return promoted


@transaction.atomic
def registration_record_consent(
    *, registration: Registration, guardian_name: str, given_at: datetime
) -> Registration:
    """Records a guardian's consent for a pupil; the days awaiting it are then booked (confirmed
    if there is room, else waiting)."""
    if not registration.is_pupil:
        raise ValidationError(_("Kun elever skal have samtykke."), code="not_pupil")
    if not guardian_name.strip():
        raise ValidationError(
            {"guardian_name": _("Skriv navnet på den der gav samtykket.")}, code="no_guardian"
        )
    registration.guardian_name = guardian_name.strip()
    registration.consent_given_at = given_at
    registration.consent_text = registration.event.current_consent()
    registration.full_clean()
    registration.save()
    waiting = [
        b.day
        for b in registration.bookings.filter(status=BookingStatus.AWAITING_CONSENT).select_related(
            "day"
        )
    ]
    if waiting:
        _book(registration, waiting)
    return registration


@transaction.atomic
def booking_cancel(*, booking: DayBooking) -> DayBooking | None:
    """Cancels one day (an admin's manual cancel); returns the promoted booking, if any."""
    booking = DayBooking.objects.select_related("day__event").get(pk=booking.pk)
    _lock(booking.day.event_id, [booking.day_id])
    if booking.status == BookingStatus.CANCELLED:
        return None
    promoted = _cancel_bookings([booking])
    return promoted[0] if promoted else None


@transaction.atomic
def booking_check_in(*, booking: DayBooking, at: datetime | None = None) -> DayBooking:
    if booking.status != BookingStatus.CONFIRMED:
        raise ValidationError(_("Kun bekræftede deltagere kan tjekkes ind."), code="not_confirmed")
    if booking.checked_in_at is None:
        booking.checked_in_at = at or clock.now()
        booking.save(update_fields=["checked_in_at"])
    return booking
