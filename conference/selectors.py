"""Reads across relations for the admin pages: a fixed number of queries however many rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import NamedTuple

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from trivsel.schools import access, readlog
from trivsel.schools.choices import labels
from trivsel.schools.links import row_url

from .models import (
    BookingStatus,
    DayBooking,
    Event,
    EventDay,
    EventKind,
    ParticipantKind,
    Registration,
    RegistrationStatus,
    registration_status_label,
)

ACTIVE_BOOKING = ~Q(status=BookingStatus.CANCELLED)


def waiting_positions(bookings: list[DayBooking]) -> None:
    """Sets ``position`` (1 = next in line) on each waiting booking: one query per waiting day.
    The confirmation page and the e-mails both say «nr. 21»."""
    for booking in bookings:
        if booking.status == BookingStatus.WAITING:
            booking.position = (
                DayBooking.objects.filter(day=booking.day_id, status=BookingStatus.WAITING)
                .filter(
                    Q(created__lt=booking.created) | Q(created=booking.created, pk__lt=booking.pk)
                )
                .count()
                + 1
            )


def registrations(user, event: Event, filters: dict | None = None) -> QuerySet[Registration]:
    """The event's registrations ``user`` may read, filtered, with their bookings prefetched."""
    qs = _readable(user, event, filters or {}).select_related(
        "organisation", "school", "school_class"
    )
    bookings = DayBooking.objects.select_related("day").order_by("day__date")
    return access.annotate_can(qs, user, "edit").prefetch_related(
        Prefetch("bookings", queryset=bookings)
    )


def _readable(user, event: Event, filters: dict) -> QuerySet[Registration]:
    """The event's registrations ``user`` may read, filtered."""
    qs = access.scope(user, Registration.objects.filter(event=event), "read")
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
    return qs


# Each registration's active bookings as «booking id:day id:status:1 when checked in», an array
# in the row's own query. Written as SQL: the same subquery as ORM expressions (ArraySubquery of
# a Concat) cost two milliseconds a page to build and compile. No outside text goes into it.
ACTIVE_BOOKINGS = (
    "ARRAY(SELECT booking.id || ':' || booking.day_id || ':' || booking.status || ':' || "
    "CASE WHEN booking.checked_in_at IS NULL THEN '' ELSE '1' END "
    "FROM conference_daybooking booking "
    "WHERE booking.registration_id = conference_registration.id AND booking.status <> %s)"
)
LIST_FIELDS = (
    "pk",
    "kind",
    "name",
    "email",
    "status",
    "can_edit",
    "school_id",
    "organisation__name",
    "school__name",
    "school_class__grade",
    "school_class__letter",
    "booked",
)


def list_page(user, event: Event, filters: dict) -> QuerySet:
    """The registrations of ``registrations(user, event, filters)`` as the plain values a row of
    the admin list shows, with their active bookings in the same query (``list_rows`` makes the
    rows of a page of them). In the model's order: within one event the order of creation."""
    qs = access.annotate_can(_readable(user, event, filters), user, "edit")
    return (
        qs.order_by("created", "pk")
        .annotate(booked=RawSQL(ACTIVE_BOOKINGS, (BookingStatus.CANCELLED.value,)))  # noqa: S611
        .values(*LIST_FIELDS)
    )


class _Booked(NamedTuple):
    status: str  # what ``registration_status_label`` reads of a booking


def list_rows(values, day_dates: dict[int, date]) -> list[dict]:
    """The admin list's rows of a page of ``list_page``: name, e-mail, kind, workplace (with the
    class), the active days in date order («5.3: Bekræftet ✓»; ``day_dates``: the event's days'
    dates by id, the booking's id breaks a tie), the overall status and the cancel link of a
    registration the reader may cancel. ``pk``, ``kind`` and ``school_id`` are for the read log."""
    kinds, statuses = labels(ParticipantKind.choices), labels(BookingStatus.choices)
    cancel_url = row_url("conference:registration_cancel")
    rows = []
    for v in values:
        bookings = []
        for text in v["booked"]:  # «booking id:day id:status:1 when checked in»
            pk, day_id, status, checked_in = text.split(":")
            day = day_dates.get(int(day_id))  # a day added this instant: last, «?»
            bookings.append(((day or date.max, int(pk)), day, status, checked_in == "1"))
        bookings.sort(key=itemgetter(0))
        workplace = v["organisation__name"] or v["school__name"] or ""
        if v["school_class__grade"] is not None:
            workplace += f" {v['school_class__grade']}.{v['school_class__letter']}"
        may_cancel = v["can_edit"] and v["status"] != RegistrationStatus.CANCELLED
        rows.append(
            {
                "pk": v["pk"],
                "kind": v["kind"],
                "school_id": v["school_id"],
                "name": v["name"],
                "email": v["email"],
                "kind_label": kinds.get(v["kind"], v["kind"]),
                "workplace": workplace,
                "days": [
                    f"{f'{day.day}.{day.month}' if day else '?'}: {statuses.get(status, status)}"
                    + (" ✓" if checked_in else "")
                    for _key, day, status, checked_in in bookings
                ],
                "status_label": registration_status_label(
                    v["status"], [_Booked(status) for _key, _day, status, _in in bookings]
                ),
                "cancel_url": cancel_url(v["pk"]) if may_cancel else "",
            }
        )
    return rows


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


DAY_STATUSES = ("confirmed", "waiting", "awaiting_consent")  # BookingStatus values the table shows


def list_summary(event: Event) -> dict:
    """What the admin list shows above its rows, in three queries: ``days`` (per day: the day,
    capacity, confirmed, free, waiting, awaiting consent, checked in, and the URLs of its
    participant list and check-in), ``groups`` (active registrations per organisation or school
    and per kind: ``{"name", "count"}``) and ``choices`` (the filter's organisations:
    ``(pk, name)``). Counts and names only, no personal data."""
    shown = {status: i for i, status in enumerate(DAY_STATUSES)}
    days: dict[int, dict] = {}
    for pk, day_date, start, end, capacity, status, n, checked_in in (
        event.days.order_by("date", "pk")
        .values_list("pk", "date", "start", "end", "capacity", "bookings__status")
        .annotate(n=Count("bookings"), checked_in=Count("bookings__checked_in_at"))
    ):
        if pk not in days:
            day = EventDay(
                pk=pk, event=event, date=day_date, start=start, end=end, capacity=capacity
            )
            days[pk] = {
                "day": day,
                "capacity": capacity,
                **dict.fromkeys(DAY_STATUSES, 0),
                "checked_in": 0,
                "list_url": reverse("conference:day_list_pdf", args=[event.pk, pk]),
                "checkin_url": reverse("conference:checkin", args=[event.pk, pk]),
            }
        row = days[pk]
        if status in shown:
            row[status] += n
        row["checked_in"] += checked_in
    for row in days.values():
        row["free"] = max(row["capacity"] - row["confirmed"], 0)
    counts = (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("organisation__name", "school__name", "kind")
        .annotate(n=Count("pk"))
        .order_by("organisation__name", "school__name", "kind")
    )
    by_org: dict[tuple, int] = {}  # in the database's order of the names
    by_kind: dict[str, int] = defaultdict(int)
    for organisation, school, kind, n in counts:
        by_org[organisation, school] = by_org.get((organisation, school), 0) + n
        by_kind[kind] += n
    kinds = labels(ParticipantKind.choices)
    return {
        "days": list(days.values()),
        "groups": {
            "organisations": [
                {"name": org or school or "—", "count": n} for (org, school), n in by_org.items()
            ],
            "kinds": [
                {"name": kinds.get(kind, kind), "count": n} for kind, n in sorted(by_kind.items())
            ],
        },
        "choices": list(event.organisations.order_by("name").values_list("pk", "name")),
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
    none when the page shows no pupil). ``registrations``: models or ``list_rows``' rows."""
    pupils = [
        r
        if isinstance(r, Registration)
        else Registration(pk=r["pk"], kind=r["kind"], school_id=r["school_id"])
        for r in registrations
        if (r.kind if isinstance(r, Registration) else r["kind"]) == ParticipantKind.PUPIL
    ]
    readlog.log_reads(user, pupils, purpose)


def events_with_dates(user, *, from_day: date | None = None) -> QuerySet[Event]:
    """The events ``user`` may read, with ``first`` and ``last`` day, soonest first; with
    ``from_day`` only those with a day on or after it (the coming ones)."""
    events = access.scope(user, Event.objects.all(), "read").annotate(
        first=Min("days__date"), last=Max("days__date")
    )
    if from_day is not None:
        events = events.filter(last__gte=from_day)
    return events.order_by("first", "title", "pk")


def overview_rows(events: QuerySet[Event]) -> list[dict]:
    """The events as overview rows: kind, dates, place, and per day the confirmed places against
    the capacity, the waiting list and who awaits consent (two queries for any number)."""
    values = list(events.values("pk", "title", "kind", "place", "capacity", "first", "last"))
    days: dict[int, list[dict]] = defaultdict(list)
    counted = {
        status: Count("bookings", filter=Q(bookings__status=status))
        for status in ("confirmed", "waiting", "awaiting_consent")
    }
    for day in (
        EventDay.objects.filter(event__in=[v["pk"] for v in values])
        .order_by("date", "pk")
        .values("event_id", "date", "capacity")
        .annotate(**counted)
    ):
        day["free"] = max(day["capacity"] - day["confirmed"], 0)
        days[day["event_id"]].append(day)
    kinds = labels(EventKind.choices)
    page = row_url("conference:registration_list")
    rows = []
    for v in values:
        event_days = days[v["pk"]]
        waiting = sum(d["waiting"] for d in event_days)
        rows.append(
            {
                **v,
                "url": page(v["pk"]),
                "kind_label": kinds.get(v["kind"], v["kind"]),
                "days": event_days,
                "waiting": waiting,
                "awaiting_consent": sum(d["awaiting_consent"] for d in event_days),
                # someone waits for a day that has a free place: promote, or say why not
                "promotable": any(d["waiting"] and d["free"] for d in event_days),
            }
        )
    return rows
