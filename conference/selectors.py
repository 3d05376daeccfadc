"""Reads across relations for the admin pages: a fixed number of queries however many rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from trivsel.schools import access, readlog
from trivsel.schools.models import Organisation, School, SchoolClass

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


class BookedDay(NamedTuple):
    """What the admin list shows of an active (not cancelled) booking."""

    day_id: int
    status: str
    checked_in: bool


class ListRow(NamedTuple):
    """What a row of the admin list shows of a registration: plain values (a page of model
    instances with their organisation, school and class cost more than the rest of the rows)."""

    pk: int
    kind: str
    name: str
    email: str
    status: str
    can_edit: bool
    school_id: int | None  # the read log's school
    school_class_id: int | None
    organisation: str | None  # names
    school: str | None
    class_label: str | None  # ``SchoolClass.label``
    bookings: list[BookedDay]  # in date order, without the cancelled ones

    @property
    def workplace(self) -> str:
        """``Registration.workplace``."""
        if self.organisation is not None:
            return self.organisation
        return self.school if self.school is not None else ""


# Each registration's active bookings as «booking id:day id:status:1 when checked in», an array
# in the row's own query. Written as SQL: the same subquery as ORM expressions (ArraySubquery of
# a Concat) cost two milliseconds a page to build and compile. No outside text goes into it.
ACTIVE_BOOKINGS = (
    "ARRAY(SELECT booking.id || ':' || booking.day_id || ':' || booking.status || ':' || "
    "CASE WHEN booking.checked_in_at IS NULL THEN '' ELSE '1' END "
    "FROM conference_daybooking booking "
    "WHERE booking.registration_id = conference_registration.id AND booking.status <> %s)"
)


def list_page(user, event: Event, filters: dict) -> QuerySet:
    """The registrations of ``registrations(user, event, filters)`` as the plain values a row of
    the admin list shows, with their active bookings in the same query (``list_rows`` makes
    ``ListRow``s of them, the names of organisations, schools and classes from ``list_names``;
    issue 11: model instances, joins and a second query for the bookings cost more than the rest
    of the page). In the model's order: within one event the order of creation."""
    qs = access.annotate_can(_readable(user, event, filters), user, "edit")
    return (
        qs.order_by("created", "pk")
        .annotate(booked=RawSQL(ACTIVE_BOOKINGS, (BookingStatus.CANCELLED.value,)))  # noqa: S611
        .values_list(
            "pk",
            "kind",
            "name",
            "email",
            "status",
            "can_edit",
            "school_id",
            "school_class_id",
            "organisation_id",
            "booked",
        )
    )


def list_names(event: Event) -> dict[str, dict[int, str]]:
    """The names the event's registrations are shown with, by id: ``organisation``, ``school``
    and ``school_class`` (its label). One query (the list caches it with the counts)."""
    names: dict[str, dict[int, str]] = {"organisation": {}, "school": {}, "school_class": {}}
    for org_id, org, school_id, school, class_id, grade, letter in (
        Registration.objects.filter(event=event)
        .order_by()
        .values_list(
            "organisation_id",
            "organisation__name",
            "school_id",
            "school__name",
            "school_class_id",
            "school_class__grade",
            "school_class__letter",
        )
        .distinct()
    ):
        if org_id is not None:
            names["organisation"][org_id] = org
        if school_id is not None:
            names["school"][school_id] = school
        if class_id is not None:
            names["school_class"][class_id] = f"{grade}.{letter}"
    return names


def _names_missing(rows: list[tuple], names: dict[str, dict[int, str]]) -> None:
    """Add the names of a registration that came after ``names`` were read (between reading
    the cache's data version and the rows): a query per kind, only then."""
    school_ids, class_ids, organisation_ids = (
        {row[column] for row in rows} - {None}
        for column in (6, 7, 8)  # see ``list_page``
    )
    if missing := organisation_ids - names["organisation"].keys():
        found = Organisation.objects.filter(pk__in=missing).values_list("pk", "name")
        names["organisation"] = {**names["organisation"], **dict(found)}
    if missing := school_ids - names["school"].keys():
        found = School.objects.filter(pk__in=missing).values_list("pk", "name")
        names["school"] = {**names["school"], **dict(found)}
    if missing := class_ids - names["school_class"].keys():
        found = SchoolClass.objects.filter(pk__in=missing).values_list("pk", "grade", "letter")
        labels = {pk: f"{grade}.{letter}" for pk, grade, letter in found}
        names["school_class"] = {**names["school_class"], **labels}


def list_rows(
    values, day_dates: dict[int, date], names: dict[str, dict[int, str]]
) -> list[ListRow]:
    """``ListRow``s of a page of ``list_page``, each one's bookings in date order (``day_dates``:
    the event's days' dates by id; the booking's id breaks a tie, as the query did before) and
    the names of its organisation, school and class from ``names`` (``list_names``)."""
    values = list(values)
    _names_missing(values, names)
    organisations, schools, classes = (
        names["organisation"],
        names["school"],
        names["school_class"],
    )
    rows = []
    for *fields, organisation_id, booked in values:
        bookings = []
        for text in booked:  # «booking id:day id:status:1 when checked in»
            pk, day_id, status, checked_in = text.split(":")
            day_id = int(day_id)
            key = (day_dates.get(day_id, date.max), int(pk))  # a day added this instant: last
            bookings.append((key, BookedDay(day_id, status, checked_in == "1")))
        bookings.sort(key=itemgetter(0))
        school_id, class_id = fields[6], fields[7]
        rows.append(
            ListRow(
                *fields,
                organisations.get(organisation_id),
                schools.get(school_id),
                classes.get(class_id),
                [booking for _key, booking in bookings],
            )
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
    """The counts the admin list shows above its rows (the view caches them, ``caching``):
    ``days`` (the day table's rows, see ``day_counts``), ``organisations`` and ``kinds`` (active
    registrations per organisation or school and per kind, see ``group_counts``), ``choices``
    (the filter's organisations: ``(pk, name)``) and ``registrations`` (all of the event's
    registrations, for the pager when the reader sees them all and filters nothing). Plain
    values, no personal data: the rows themselves are always read from the database."""
    shown = {status: i for i, status in enumerate(DAY_STATUSES)}
    days: dict[int, list] = {}
    for pk, day_date, start, end, capacity, status, n, checked_in in (
        event.days.order_by("date", "pk")
        .values_list("pk", "date", "start", "end", "capacity", "bookings__status")
        .annotate(n=Count("bookings"), checked_in=Count("bookings__checked_in_at"))
    ):
        # [pk, date, start, end, capacity, confirmed, waiting, awaiting consent, checked in]
        row = days.setdefault(pk, [pk, day_date, start, end, capacity, 0, 0, 0, 0])
        if status in shown:
            row[5 + shown[status]] += n
        row[8] += checked_in
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
    return {
        "days": [tuple(row) for row in days.values()],
        "organisations": [(org or school or "—", n) for (org, school), n in by_org.items()],
        "kinds": sorted(by_kind.items()),  # the kinds' values are plain ASCII
        "choices": list(event.organisations.order_by("name").values_list("pk", "name")),
        "registrations": Registration.objects.filter(event=event).count(),
    }


def day_counts(event: Event, summary: dict) -> list[dict]:
    """Per day of ``list_summary``: the day, capacity, confirmed, free, waiting, awaiting
    consent, checked in."""
    rows = []
    for pk, day_date, start, end, capacity, *counts, checked_in in summary["days"]:
        day = EventDay(pk=pk, event=event, date=day_date, start=start, end=end, capacity=capacity)
        row = {"day": day, "capacity": capacity, **dict(zip(DAY_STATUSES, counts, strict=True))}
        row["checked_in"] = checked_in
        row["free"] = max(capacity - row["confirmed"], 0)
        rows.append(row)
    return rows


def group_counts(summary: dict) -> dict[str, list[dict]]:
    """Active registrations per organisation (or school) and per kind, from ``list_summary``."""
    labels = dict(ParticipantKind.choices)
    return {
        "organisations": [{"name": name, "count": n} for name, n in summary["organisations"]],
        "kinds": [
            {"name": str(labels.get(kind, kind)), "count": n} for kind, n in summary["kinds"]
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
    none when the page shows no pupil). ``registrations``: models or ``ListRow``s."""
    pupils = [
        r
        if isinstance(r, Registration)
        else Registration(pk=r.pk, kind=r.kind, school_id=r.school_id)
        for r in registrations
        if r.kind == "pupil"
    ]
    readlog.log_reads(user, pupils, purpose)
