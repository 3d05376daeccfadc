"""The conference's part of the status note: events held in the period and planned after it,
registrations by organisation and kind, attendance per day, course participants per school.
Five queries whatever the number of registrations."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import sections

from .models import BookingStatus, DayBooking, Event, EventKind, Registration, RegistrationStatus


@sections.register(key="conference", title=_("Konferencer og kurser"), order=80, query_budget=5)
def section(period, as_of: date) -> dict:
    # query 1: the events with their first and last day
    events = list(
        Event.objects.annotate(first=Min("days__date"), last=Max("days__date"))
        .filter(first__isnull=False)
        .order_by("first", "pk")
    )
    in_period = [e for e in events if period.start <= e.first <= period.end]
    planned = [e for e in events if e.first > as_of and e not in in_period]
    shown = [e.pk for e in in_period + planned]
    active = Registration.objects.filter(event__in=shown).exclude(
        status=RegistrationStatus.CANCELLED
    )
    # query 2: registrations by event, organisation (or school) and kind
    groups = list(
        active.values("event", "organisation__name", "school__name", "kind")
        .annotate(n=Count("pk"))
        .order_by("event", "organisation__name", "school__name", "kind")
    )
    # query 3: per day, confirmed, waiting and checked in
    days = list(
        DayBooking.objects.filter(day__event__in=shown)
        .values("day__event", "day__date", "day__capacity")
        .annotate(
            confirmed=Count("pk", filter=Q(status=BookingStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=BookingStatus.WAITING)),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
        .order_by("day__event", "day__date")
    )

    def facts(event: Event) -> dict:
        rows = [g for g in groups if g["event"] == event.pk]
        by_org: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        for g in rows:
            name = g["organisation__name"] or g["school__name"] or "—"
            by_org[name] = by_org.get(name, 0) + g["n"]
            by_kind[g["kind"]] = by_kind.get(g["kind"], 0) + g["n"]
        out = {
            "title": event.title,
            "kind": event.kind,
            "first_day": event.first.isoformat(),
            "last_day": event.last.isoformat(),
            "registrations": sum(by_kind.values()),
            "by_kind": by_kind,
            "by_organisation": [{"name": k, "count": v} for k, v in by_org.items()],
            "days": [
                {
                    "date": d["day__date"].isoformat(),
                    "capacity": d["day__capacity"],
                    "confirmed": d["confirmed"],
                    "waiting": d["waiting"],
                    "checked_in": d["checked_in"],
                }
                for d in days
                if d["day__event"] == event.pk
            ],
        }
        if event.kind == EventKind.COURSE:
            out["participants_per_school"] = [
                {"school": g["school__name"], "count": g["n"]} for g in rows if g["school__name"]
            ]
        return out

    return {
        "held": [facts(e) for e in in_period if e.last <= as_of],
        "in_period_planned": [facts(e) for e in in_period if e.last > as_of],
        "planned": [facts(e) for e in planned],
    }
