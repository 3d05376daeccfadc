"""PDFs with WeasyPrint: name badges on A4 sheets (2 × 4 per page) and a participant list per
day. The data is loaded in a fixed number of queries; the CSS is static/conference/pdf.css."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.db.models import Case, Exists, OuterRef, QuerySet, When
from django.template.loader import render_to_string
from django.utils import translation

from trivsel.schools import clock

from .models import (
    BookingStatus,
    DayBooking,
    Event,
    EventDay,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)

BADGES_PER_PAGE = 8  # 2 columns × 4 rows on A4


def _render(template: str, context: dict) -> bytes:
    # imported here: WeasyPrint is heavy (~1.4 s, 40 MB), and only the processes that render
    # PDFs need it
    from weasyprint import CSS, HTML

    with translation.override("da"):
        html = render_to_string(template, context)
    css = CSS(filename=finders.find("conference/pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[css])


def badge_rows(event: Event) -> QuerySet[Registration]:
    """Active registrations with a confirmed day (one query): staff and guests by organisation,
    pupils by school and class — first name only, as they are stored."""
    confirmed = DayBooking.objects.filter(
        registration=OuterRef("pk"), status=BookingStatus.CONFIRMED
    )
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.ACTIVE)
        .filter(Exists(confirmed))
        .select_related("organisation", "school", "school_class")
        .annotate(pupils_last=Case(When(kind=ParticipantKind.PUPIL, then=1), default=0))
        .order_by("pupils_last", "organisation__name", "school__name", "school_class", "name", "pk")
    )


def badges_pdf(event: Event, rows: list[Registration]) -> bytes:
    pages = [rows[i : i + BADGES_PER_PAGE] for i in range(0, len(rows), BADGES_PER_PAGE)]
    return _render("conference/pdf/badges.html", {"event": event, "pages": pages})


def day_list_pdf(event: Event, day: EventDay, bookings: list[DayBooking]) -> bytes:
    return _render(
        "conference/pdf/day_list.html",
        {"event": event, "day": day, "bookings": bookings, "printed": clock.now()},
    )
