"""Reads across relations for the admin pages: a fixed number of queries however many rows."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from trivsel.schools import access, readlog

from .models import BookingStatus, DayBooking, Event, EventDay, Registration, RegistrationStatus

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
    """Per day: capacity, confirmed, waiting, awaiting consent, checked in (one query)."""
    by_status = {
        name: Count("bookings", filter=Q(bookings__status=status))
        for name, status in (
            ("confirmed", BookingStatus.CONFIRMED),
            ("waiting", BookingStatus.WAITING),
            ("awaiting_consent", BookingStatus.AWAITING_CONSENT),
        )
    }
    days = event.days.order_by("date").annotate(
        **by_status, checked_in=Count("bookings", filter=Q(bookings__checked_in_at__isnull=False))
    )
    return [
        {
            "day": day,
            "capacity": day.capacity,
            "confirmed": day.confirmed,
            "waiting": day.waiting,
            "awaiting_consent": day.awaiting_consent,
            "checked_in": day.checked_in,
            "free": max(day.capacity - day.confirmed, 0),
        }
        for day in days
    ]


def group_counts(event: Event) -> dict[str, list[dict]]:
    """Active registrations per organisation (or school) and per kind (two queries)."""
    active = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    by_org = (
        active.values("organisation__name", "school__name")
        .annotate(n=Count("pk"))
        .order_by("organisation__name", "school__name")
    )
    by_kind = active.values("kind").annotate(n=Count("pk")).order_by("kind")
    from .models import ParticipantKind

    labels = dict(ParticipantKind.choices)
    return {
        "organisations": [
            {"name": r["organisation__name"] or r["school__name"] or "—", "count": r["n"]}
            for r in by_org
        ],
        "kinds": [
            {"name": str(labels.get(r["kind"], r["kind"])), "count": r["n"]} for r in by_kind
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
