"""The conference's part of the status note: events held in the period and planned after it,
registrations by organisation and kind, attendance per day, course participants per school.

As of a date: an event counts once it was recorded (its history); only registrations made by the
end of ``as_of`` count (``Registration.created``), and only day bookings made by then; check-ins
after it do not count. An event is «held» when its last day is on or before ``as_of``, otherwise
planned. Pupils are counted as «Elever fra skolerne» (and per school separately), never as
organisations; an event with a consent text for guardians has invited pupils. The event's own
description and its facilitators' (partners') descriptions go with the facts, for the note to
weave in. Four queries whatever the number of registrations."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from trivsel.schools import asof, sections

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

PUPILS = "Elever fra skolerne"


def cutoff(as_of: date) -> datetime:
    """The first moment after ``as_of`` (Danish time): «made on or before as_of» is ``< cutoff``."""
    return asof.cutoff(as_of)


@sections.register(key="conference", title=_("Konferencer og kurser"), order=80, query_budget=5)
def section(period, as_of: date) -> dict:
    until = cutoff(as_of)
    # query 1: the events known by as_of, with their first and last day
    events = list(
        asof.known(Event.objects.all(), as_of)
        .annotate(
            first=Min("days__date"),
            last=Max("days__date"),
            pupils_invited=Exists(ConsentText.objects.filter(event=OuterRef("pk"))),
        )
        .filter(first__isnull=False)
        .order_by("first", "pk")
    )
    in_period = [e for e in events if period.start <= e.first <= period.end]
    planned = [e for e in events if e.first > as_of and e not in in_period]
    shown = [e.pk for e in in_period + planned]
    active = Registration.objects.filter(event__in=shown, created__lt=until).exclude(
        status=RegistrationStatus.CANCELLED
    )
    # query 2: registrations made by as_of, by event, organisation (or school) and kind
    groups = list(
        active.values(
            "event",
            "organisation__name",
            "organisation__kind",
            "organisation__parent__name",
            "school__name",
            "kind",
        )
        .annotate(n=Count("pk"))
        .order_by("event", "organisation__name", "school__name", "kind")
    )
    # query 3: every day of the events, with the bookings made by as_of
    made = Q(bookings__created__lt=until, bookings__registration__created__lt=until)
    days = list(
        EventDay.objects.filter(event__in=shown)
        .annotate(
            confirmed=Count("bookings", filter=made & Q(bookings__status=BookingStatus.CONFIRMED)),
            waiting=Count("bookings", filter=made & Q(bookings__status=BookingStatus.WAITING)),
            checked_in=Count("bookings", filter=made & Q(bookings__checked_in_at__lt=until)),
        )
        .order_by("event", "date")
    )
    # query 4: the events' facilitators with their own descriptions
    facilitators: dict[int, list[dict]] = {}
    for row in (
        Event.facilitators.through.objects.filter(event__in=shown)
        .order_by("event_id", "partner__name")
        .values("event_id", "partner__name", "partner__description")
    ):
        facilitators.setdefault(row["event_id"], []).append(
            {"name": row["partner__name"], "description": row["partner__description"]}
        )

    def facts(event: Event) -> dict:
        rows = [g for g in groups if g["event"] == event.pk]
        by_org: dict[str, int] = {}
        parents: dict[str, str | None] = {}
        kinds: dict[str, str | None] = {}
        by_kind: dict[str, int] = {}
        pupils_by_school: dict[str, int] = {}
        for g in rows:
            if g["kind"] == ParticipantKind.PUPIL:
                name = PUPILS
                school = g["school__name"] or "—"
                pupils_by_school[school] = pupils_by_school.get(school, 0) + g["n"]
            else:
                name = g["organisation__name"] or g["school__name"] or "—"
                parents[name] = g["organisation__parent__name"]
                kinds[name] = g["organisation__kind"]
            by_org[name] = by_org.get(name, 0) + g["n"]
            by_kind[g["kind"]] = by_kind.get(g["kind"], 0) + g["n"]
        out = {
            "id": event.pk,
            "title": event.title,
            "kind": event.kind,
            "description": event.description,
            "place": event.place,
            "facilitators": facilitators.get(event.pk, []),
            "pupils_invited": event.pupils_invited,
            "first_day": event.first.isoformat(),
            "last_day": event.last.isoformat(),
            "registration_opens": localtime(event.registration_opens).date().isoformat(),
            "registration_closes": localtime(event.registration_closes).date().isoformat(),
            "registrations": sum(by_kind.values()),
            "by_kind": by_kind,
            "by_organisation": [
                {"name": k, "count": v, "parent": parents.get(k), "kind": kinds.get(k)}
                for k, v in by_org.items()
            ],
            "pupils_by_school": [{"school": k, "count": v} for k, v in pupils_by_school.items()],
            "days": [
                {
                    "date": d.date.isoformat(),
                    "capacity": d.capacity,
                    "confirmed": d.confirmed,
                    "waiting": d.waiting,
                    "checked_in": d.checked_in,
                }
                for d in days
                if d.event_id == event.pk
            ],
        }
        if event.kind == EventKind.COURSE:
            out["participants_per_school"] = [
                {"school": g["school__name"], "count": g["n"]} for g in rows if g["school__name"]
            ]
        return out

    return {
        "as_of": as_of.isoformat(),
        "held": [facts(e) for e in in_period if e.last <= as_of],
        "in_period_planned": [facts(e) for e in in_period if e.last > as_of],
        "planned": [facts(e) for e in planned],
    }


@sections.follows_up("conference")
def follow_up(refs: list[str], since: date, as_of: date) -> dict[str, dict]:
    """A conference or course: held (with how many came: checked in on each day) or still planned
    (perhaps moved), with the adults and pupils signed up by ``as_of`` and by ``since``; dropped
    when it is gone. Three queries."""
    ids = [int(r.split(":", 1)[1]) for r in refs if r.startswith("conference.event:")]
    if not ids:
        return {}
    until, then = cutoff(as_of), cutoff(since)
    events = {
        e["pk"]: e
        for e in Event.objects.filter(pk__in=ids)
        .annotate(first=Min("days__date"), last=Max("days__date"), day_count=Count("days"))
        .values("pk", "first", "last", "day_count", "kind", "place", "registration_closes")
    }
    active = Registration.objects.filter(event__in=ids).exclude(status=RegistrationStatus.CANCELLED)
    registered = {
        r["event"]: r
        for r in active.values("event").annotate(
            adults=Count("pk", filter=Q(created__lt=until) & ~Q(kind=ParticipantKind.PUPIL)),
            pupils=Count("pk", filter=Q(created__lt=until, kind=ParticipantKind.PUPIL)),
            then=Count("pk", filter=Q(created__lt=then)),
        )
    }
    # who came: confirmed bookings of the days held by as_of, and how many were checked in
    came = {
        r["day__event"]: r
        for r in DayBooking.objects.filter(
            day__event__in=ids,
            day__date__lte=as_of,
            status=BookingStatus.CONFIRMED,
            registration__created__lt=until,
        )
        .values("day__event")
        .annotate(
            booked=Count("pk"),
            checked_in=Count("pk", filter=Q(checked_in_at__lt=until)),
            people=Count("registration", distinct=True),
        )
    }
    out = {}
    for pk in ids:
        e = events.get(pk)
        if e is None or e["first"] is None:
            out[f"conference.event:{pk}"] = {"state": "dropped", "date": None, "detail": {}}
            continue
        counts = registered.get(pk) or {"adults": 0, "pupils": 0, "then": 0}
        attendance = came.get(pk) or {"booked": 0, "checked_in": 0, "people": 0}
        out[f"conference.event:{pk}"] = {
            "state": "held" if e["last"] <= as_of else "planned",
            "date": e["first"].isoformat(),
            "detail": {
                "registrations": counts["adults"] + counts["pupils"],
                "adults": counts["adults"],
                "pupils": counts["pupils"],
                "registrations_then": counts["then"],
                "last": e["last"].isoformat(),
                "days": e["day_count"],
                "kind": e["kind"],
                "place": e["place"],
                "registration_closes": localtime(e["registration_closes"]).date().isoformat(),
                "booked_days": attendance["booked"],
                "checked_in_days": attendance["checked_in"],
                "participants": attendance["people"],
            },
        }
    return out
