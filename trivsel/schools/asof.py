"""«As of» for the status note: what was true at the end of a given day.

A fact is dated by the record's own date where it has one (a visit's date, an evaluation's
``evaluated_at``, a sign-up's ``created``). What has no date of its own — that a plan, a
programme or a course existed, or the value of a state field edited later — is read from the
change history (django-simple-history, on every domain model): a row created after the day did
not exist on it, and a field edited after the day still had its earlier value. Rows without any
history (bulk inserts of the demo's benchmark volume) count as known all along.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet


def cutoff(as_of: date) -> datetime:
    """The first moment after ``as_of`` (Danish time): «by the end of as_of» is ``< cutoff``."""
    return datetime.combine(
        as_of + timedelta(days=1), time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


def _history(model):
    return model.history.model._default_manager


def created_after(model, as_of: date) -> Exists:
    """True for rows whose creation the history dates after ``as_of``."""
    pk = model._meta.pk.attname
    return Exists(
        _history(model).filter(
            **{pk: OuterRef("pk")}, history_type="+", history_date__gte=cutoff(as_of)
        )
    )


def known(queryset: QuerySet, as_of: date) -> QuerySet:
    """The rows of ``queryset`` that existed by the end of ``as_of`` (no extra query)."""
    return queryset.filter(~created_after(queryset.model, as_of))


def states(model, pks, as_of: date, fields: list[str]) -> dict:
    """``{pk: {field: value}}`` as the history had each row at the end of ``as_of`` — its latest
    version before the cutoff. One query. A row missing from the result had no version by then
    (use its current values only if it has no history at all, i.e. it was bulk-inserted)."""
    pk = model._meta.pk.attname
    rows = (
        _history(model)
        .filter(**{f"{pk}__in": list(pks)}, history_date__lt=cutoff(as_of))
        .order_by(pk, "-history_date", "-history_id")
        .distinct(pk)
        .values(pk, "history_type", *fields)
    )
    return {row.pop(pk): row for row in rows if row.pop("history_type") != "-"}
