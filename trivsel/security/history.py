"""The change history of every domain model (django-simple-history) as one list: selectors for
the coordinators' change log and for retention. Values of free text and secrets never leave here:
for those only the field's name is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from trivsel.schools import privacy

# never shown, not even as a name with values
SECRET_FIELDS = {"password", "token", "secret", "key"}


@cache
def tracked_models() -> dict[str, type]:
    """{model label: model} for every model with a change history, sorted by label. (Fixed once
    the models are loaded; don't change the dict.)"""
    return {m._meta.label_lower: m for m in privacy.history_models()}


@cache
def history_model(model):
    # the history manager is built anew on each attribute access (a class factory): once only
    return getattr(model, model._meta.simple_history_manager_attribute).model


COLUMNS = ("label", "history_id", "history_date", "history_type", "history_user_id", "object_pk")


class ChangeRows:
    """One UNION ALL over the history tables of some models: one row (a dict of ``COLUMNS``) per
    change, newest first; ``count()`` and slices, so a Paginator can page it.

    Plain SQL rather than the ORM's ``union()``: building and compiling 40-odd querysets twice
    (count and page) cost more than the rest of the change log; the SQL is the same.
    """

    def __init__(self, labels, *, user=None, start=None, end=None):
        ops = connection.ops
        where, params = [], []
        if user is not None:
            where.append("history_user_id = %s")
            params.append(user.pk)
        for value, operator in ((start, ">="), (end, "<=")):
            if value:
                tzname = timezone.get_current_timezone_name() if settings.USE_TZ else None
                day_sql, day_params = ops.datetime_cast_date_sql("history_date", (), tzname)
                where.append(f"{day_sql} {operator} %s")
                params.extend([*day_params, value])
        where_sql = f" WHERE {' AND '.join(where)}" if where else ""
        models = tracked_models()
        tables = [ops.quote_name(history_model(models[label])._meta.db_table) for label in labels]
        cast = ops.cast_char_field_without_max_length
        # the table names come from the model registry; every value is a parameter
        self.sql = " UNION ALL ".join(
            "SELECT %s AS label, history_id, history_date, history_type, history_user_id, "  # noqa: S608
            f"CAST(id AS {cast}) AS object_pk FROM {table}{where_sql}"
            for table in tables
        )
        self.params = [value for label in labels for value in (label, *params)]
        # the count as a sum of one count per table: PostgreSQL plans that in a fraction of
        # the time it takes to plan a count over the 40-odd-way UNION
        self.count_sql = " + ".join(
            f"(SELECT COUNT(*) FROM {table}{where_sql})"  # noqa: S608
            for table in tables
        )
        self.count_params = params * len(tables)

    def count(self) -> int:
        if not self.sql:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.count_sql}", self.count_params)  # noqa: S608
            return cursor.fetchone()[0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[dict]:
        if not self.sql:
            return []
        start = page.start or 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"{self.sql} ORDER BY history_date DESC, history_id DESC LIMIT %s OFFSET %s",
                [*self.params, page.stop - start, start],
            )
            return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


@dataclass
class Change:
    field: str  # verbose name
    old: str | None  # None: the value is not shown (free text, sensitive, secrets)
    new: str | None


def changes_for(rows: list[dict]) -> dict[tuple[str, int], list[Change]]:
    """The changed fields of each «~» row, in two queries per model on the page (the rows with
    the id of their previous version, then those previous versions)."""
    by_label: dict[str, list[int]] = {}
    for row in rows:
        if row["history_type"] == "~":
            by_label.setdefault(row["label"], []).append(row["history_id"])
    models = tracked_models()
    result: dict[tuple[str, int], list[Change]] = {}
    for label, ids in by_label.items():
        model = models[label]
        hist = history_model(model)
        previous = (
            hist.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        current = list(hist.objects.filter(history_id__in=ids).annotate(prev_id=Subquery(previous)))
        prevs = hist.objects.in_bulk([r.prev_id for r in current if r.prev_id])
        hidden_values = set(privacy.free_text_fields(model)) | set(privacy.sensitive_fields(model))
        for record in current:
            prev = prevs.get(record.prev_id)
            if prev is None:
                continue
            delta = record.diff_against(prev, foreign_keys_are_objs=False)
            items = []
            for change in delta.changes:
                if change.field in SECRET_FIELDS:
                    continue
                try:
                    name = str(model._meta.get_field(change.field).verbose_name)
                except Exception:  # noqa: BLE001 - a field since removed
                    name = change.field
                if change.field in hidden_values:
                    items.append(Change(name, None, None))
                else:
                    items.append(Change(name, _short(change.old), _short(change.new)))
            result[(label, record.history_id)] = items
    return result


def _short(value) -> str:
    if isinstance(value, datetime):  # the UI's dense Danish style, never ISO
        text = date_format(timezone.localtime(value), "d.m.Y H:i")
    elif isinstance(value, date):
        text = date_format(value, "d.m.Y")
    else:
        text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"
