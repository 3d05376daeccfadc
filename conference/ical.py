"""The iCal attachment of a registration: one calendar event per confirmed day (icalendar)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from trivsel.schools import clock

from .models import BookingStatus, DayBooking, Registration


def _aware(day, at) -> datetime:
    return timezone.make_aware(datetime.combine(day.date, at))


def registration_ical(registration: Registration, bookings: list[DayBooking]) -> bytes | None:
    """None when no day is confirmed (a waiting list place is not a calendar entry)."""
    confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]
    if not confirmed:
        return None
    event = registration.event
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    cal = Calendar()
    cal.add("prodid", "-//Trivselsportalen//Konference//DA")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    for booking in confirmed:
        entry = CalendarEvent()
        entry.add("uid", f"conference-booking-{booking.pk}@{host}")
        entry.add("dtstamp", clock.now())
        entry.add("dtstart", _aware(booking.day, booking.day.start))
        entry.add("dtend", _aware(booking.day, booking.day.end))
        entry.add("summary", event.title)
        if event.place:
            entry.add("location", event.place)
        entry.add("description", settings.SITE_URL.rstrip("/") + registration.get_manage_url())
        cal.add_component(entry)
    return cal.to_ical()
