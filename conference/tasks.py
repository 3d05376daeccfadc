"""E-mails of the registration engine (Danish). Tasks take primary keys and are enqueued on
commit by ``conference.services``; a sent confirmation is stamped on the registration."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import DayBooking, Registration


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL.rstrip("/") + registration.get_manage_url()


def _send(template: str, context: dict, to: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"conference/email/{template}_subject.txt", context)
        body = render_to_string(f"conference/email/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])


def _context(registration: Registration) -> dict:
    bookings = registration.bookings.select_related("day").order_by("day__date")
    return {
        "registration": registration,
        "event": registration.event,
        "bookings": list(bookings),
        "url": manage_url(registration),
    }


def _registration(pk: int) -> Registration | None:
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or not registration.email:
        return None
    return registration


@shared_task
def send_confirmation(registration_pk: int) -> None:
    """The confirmation with each day's status and the private manage link."""
    registration = _registration(registration_pk)
    if registration is None:
        return
    _send("confirmation", _context(registration), registration.email)
    Registration.objects.filter(pk=registration.pk).update(confirmation_sent_at=timezone.now())


@shared_task
def send_manage_link(registration_pk: int) -> None:
    """A second sign-up attempt with the same e-mail: the manage link again."""
    registration = _registration(registration_pk)
    if registration is not None:
        _send("manage_link", _context(registration), registration.email)


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
    _send("promotion", context, booking.registration.email)
