"""E-mails of the registration engine (Danish). Tasks take primary keys and are enqueued on
commit by ``conference.services``; what was sent is stamped on the registration (confirmation,
reminder) or on the group message.

The confirmation and the promotion notice carry the confirmed days as an iCal attachment and
the QR code (PNG) that opens this registration's check-in page for a conference admin.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from trivsel.schools import clock, mail

from . import ical, qr, selectors
from .forms import RegistrationFilterForm
from .models import (
    BookingStatus,
    DayBooking,
    GroupMessage,
    Registration,
    RegistrationStatus,
)


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL.rstrip("/") + registration.get_manage_url()


def _send(template: str, context: dict, to: str, *, attach_calendar: bool = False) -> None:
    message = mail.text_message(f"conference/email/{template}", context, to)
    if attach_calendar:
        registration = context["registration"]
        calendar = ical.registration_ical(registration, context["bookings"])
        if calendar:
            message.attach("konference.ics", calendar, "text/calendar; method=PUBLISH")
        message.attach("indtjekning-qr.png", qr.qr_png(registration), "image/png")
    message.send()


def _context(registration: Registration) -> dict:
    bookings = list(registration.bookings.select_related("day").order_by("day__date"))
    selectors.waiting_positions(bookings)
    return {
        "registration": registration,
        "event": registration.event,
        "bookings": bookings,
        "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
        "url": manage_url(registration),
    }


def _registration(pk: int) -> Registration | None:
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or not registration.email:
        return None
    return registration


@shared_task
def send_confirmation(registration_pk: int) -> None:
    """The confirmation with each day's status, the private manage link, the iCal attachment
    and the check-in QR code."""
    registration = _registration(registration_pk)
    if registration is None:
        return
    _send("confirmation", _context(registration), registration.email, attach_calendar=True)
    Registration.objects.filter(pk=registration.pk).update(confirmation_sent_at=timezone.now())


@shared_task
def send_manage_link(registration_pk: int) -> None:
    """A second sign-up attempt with the same e-mail: the manage link again."""
    registration = _registration(registration_pk)
    if registration is not None:
        _send("manage_link", _context(registration), registration.email)


@shared_task
def send_waiting_notice(registration_pk: int) -> None:
    """A change of days put the person on a waiting list: their place in line per day."""
    registration = _registration(registration_pk)
    if registration is not None:
        _send("waiting", _context(registration), registration.email)


@shared_task
def send_promotion_notice(booking_pk: int) -> None:
    """A place freed up: the first on the waiting list is now confirmed for that day."""
    booking = (
        DayBooking.objects.select_related("registration__event", "day")
        .filter(pk=booking_pk)
        .first()
    )
    if booking is None or not booking.registration.email:
        return
    context = _context(booking.registration) | {"day": booking.day}
    _send("promotion", context, booking.registration.email, attach_calendar=True)


def due_for_reminder(today=None):
    """Active registrations with an e-mail and a confirmed day within the reminder window,
    not yet reminded."""
    today = today or clock.today()
    window = (today, today + timedelta(days=settings.CONFERENCE_REMINDER_DAYS))
    upcoming = DayBooking.objects.filter(
        status=BookingStatus.CONFIRMED, day__date__range=window
    ).values("registration")
    return (
        Registration.objects.filter(
            pk__in=upcoming, reminder_sent_at__isnull=True, status=RegistrationStatus.ACTIVE
        )
        .exclude(email="")
        .select_related("event")
    )


@shared_task
def send_reminders() -> int:
    """Celery beat, daily: a reminder a few days before the first confirmed day, sent once."""
    sent = 0
    for registration in due_for_reminder():
        _send("reminder", _context(registration), registration.email)
        Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=clock.now())
        sent += 1
    return sent


@shared_task
def send_group_message(message_pk: int) -> int:
    """An admin's e-mail to a filtered group: one message per recipient (nobody sees the
    others' addresses); the count and the time are stored on the message."""
    message = GroupMessage.objects.select_related("event", "created_by").filter(pk=message_pk)
    message = message.first()
    if message is None or message.sent_at is not None:
        return 0
    data = QueryDict(mutable=True)
    for key, values in message.filters.items():
        data.setlist(key, values)
    form = RegistrationFilterForm(data, event=message.event)
    if not form.is_valid():  # the filters no longer fit (a day removed): send nothing
        GroupMessage.objects.filter(pk=message.pk).update(sent_at=clock.now(), recipients=0)
        return 0
    rows = selectors.registrations(message.created_by, message.event, form.cleaned_data)
    emails = sorted({r.email for r in rows if r.email and r.status != RegistrationStatus.CANCELLED})
    for email in emails:
        mail.plain_message(message.subject, message.body, email).send()
    GroupMessage.objects.filter(pk=message.pk).update(sent_at=clock.now(), recipients=len(emails))
    return len(emails)
