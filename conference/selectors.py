"""Reads across relations for the admin pages: a fixed number of queries however many rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet

from trivsel.schools import access, readlog

from .models import (
    BookingStatus,
    DayBooking,
    Event,
    EventDay,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)

ACTIVE_BOOKING = ~Q(status=BookingStatus.CANCELLED)


def registrations(user, event: Event, filters: dict | None = None) -> QuerySet[Registration]:
    """The event's registrations ``user`` may read, filtered, with their bookings prefetched."""
    filters = filters or {}
    qs = Registration.objects.filter(event=event).select_related(
        "organisation", "school", "school_class"
    )
    qs = access.scope(user, qs, "read")
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(email__icontains=q) | Q(job_title__icontains=q))
    if day := filters.get("day"):
        qs = qs.filter(bookings__day=day, bookings__status__in=_booking_statuses(filters))
    if organisation := filters.get("organisation"):
        qs = qs.filter(organisation=organisation)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    status = filters.get("status")
    if status == RegistrationStatus.CANCELLED:
        qs = qs.filter(status=RegistrationStatus.CANCELLED)
    elif status and not day:
        qs = qs.filter(bookings__status=status).distinct()
    bookings = DayBooking.objects.select_related("day").order_by("day__date")
    return access.annotate_can(qs, user, "edit").prefetch_related(
        Prefetch("bookings", queryset=bookings)
    )


def list_page(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """``registrations`` loaded with only what a row of the admin list shows (issue 11); their
    bookings come from ``booked_days``."""
    return registrations.only(
        "kind",
        "name",
        "email",
        "status",
        "organisation__name",
        "school__name",
        "school_class__grade",
        "school_class__letter",
    ).prefetch_related(None)


class BookedDay(NamedTuple):
    """What the admin list shows of a booking (``Registration.status_label`` reads ``status``)."""

    day_id: int
    status: str
    checked_in_at: datetime | None


def booked_days(registrations: list[Registration]) -> dict[int, list[BookedDay]]:
    """{registration id: its bookings in date order} for a page of registrations: one query of
    plain values (a prefetch of 100-odd bookings cost more than the rest of the rows)."""
    by_registration: dict[int, list[BookedDay]] = defaultdict(list)
    if registrations:
        for registration_id, *booking in (
            DayBooking.objects.filter(registration__in=[r.pk for r in registrations])
            .order_by("day__date", "pk")
            .values_list("registration_id", "day_id", "status", "checked_in_at")
        ):
            by_registration[registration_id].append(BookedDay(*booking))
    return by_registration


def days_with_places(event: Event) -> QuerySet[EventDay]:
    """The event's days with ``confirmed`` (places taken) annotated, for «ledige pladser»."""
    return event.days.order_by("date").annotate(
        confirmed=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED))
    )


def event_is_full(event: Event) -> bool:
    """The overall capacity (people with a confirmed day) is reached: every day waits."""
    if event.capacity is None:
        return False
    people = (
        DayBooking.objects.filter(day__event=event, status=BookingStatus.CONFIRMED)
        .values("registration")
        .distinct()
        .count()
    )
    return people >= event.capacity


def _booking_statuses(filters: dict) -> list[str]:
    status = filters.get("status")
    if status and status != RegistrationStatus.CANCELLED:
        return [status]
    return [s.value for s in BookingStatus if s != BookingStatus.CANCELLED]


def day_counts(event: Event) -> list[dict]:
    """Per day: capacity, confirmed, waiting, awaiting consent, checked in (one query: the days ×
    their bookings' statuses, counted in the database — cheaper to build than four filtered
    counts, issue 11)."""
    shown = [BookingStatus.CONFIRMED, BookingStatus.WAITING, BookingStatus.AWAITING_CONSENT]
    shown = [status.value for status in shown]  # the keys: "confirmed", "waiting", …
    days: dict[int, dict] = {}
    for pk, date, start, end, capacity, status, n, checked_in in (
        event.days.order_by("date", "pk")
        .values_list("pk", "date", "start", "end", "capacity", "bookings__status")
        .annotate(n=Count("bookings"), checked_in=Count("bookings__checked_in_at"))
    ):
        if pk not in days:
            day = EventDay(pk=pk, event=event, date=date, start=start, end=end, capacity=capacity)
            days[pk] = {"day": day, "capacity": capacity, "checked_in": 0}
            days[pk].update(dict.fromkeys(shown, 0))
        if status in shown:
            days[pk][status] += n
        days[pk]["checked_in"] += checked_in
    for row in days.values():
        row["free"] = max(row["capacity"] - row["confirmed"], 0)
    return list(days.values())


def group_counts(event: Event) -> dict[str, list[dict]]:
    """Active registrations per organisation (or school) and per kind (one query)."""
    counts = (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values("organisation__name", "school__name", "kind")
        .annotate(n=Count("pk"))
        .order_by("organisation__name", "school__name", "kind")
    )
    by_org: dict[tuple, int] = {}  # in the database's order of the names
    by_kind: dict[str, int] = defaultdict(int)
    for row in counts:
        where = (row["organisation__name"], row["school__name"])
        by_org[where] = by_org.get(where, 0) + row["n"]
        by_kind[row["kind"]] += row["n"]
    labels = dict(ParticipantKind.choices)
    return {
        "organisations": [
            {"name": organisation or school or "—", "count": n}
            for (organisation, school), n in by_org.items()
        ],
        "kinds": [
            {"name": str(labels.get(kind, kind)), "count": by_kind[kind]}
            for kind in sorted(by_kind)  # the kinds' values are plain ASCII
        ],
    }


def checkin_bookings(day) -> QuerySet[DayBooking]:
    return (
        DayBooking.objects.filter(day=day, status=BookingStatus.CONFIRMED)
        .select_related(
            "registration__organisation", "registration__school", "registration__school_class"
        )
        .order_by("registration__name", "pk")
    )


def log_pupil_reads(user, registrations, purpose: str) -> None:
    """Every read of a minor's registration goes through the read log (one insert per page,
    none when the page shows no pupil)."""
    readlog.log_reads(user, [r for r in registrations if r.kind == "pupil"], purpose)
