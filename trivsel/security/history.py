"""The change history of every domain model (django-simple-history) as one list: selectors for
the coordinators' change log and for retention. Values of free text and secrets never leave here:
for those only the field's name is shown."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import DateField, DateTimeField
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.manager import HistoryDescriptor

from trivsel.schools import privacy
from trivsel.schools.models import User

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


def cache_history_manager_classes() -> None:
    """django-simple-history's ``HistoryDescriptor`` builds a new manager class (``from_queryset``)
    on every access of ``Model.history`` / ``instance.history`` — including the one it makes for
    every history row it writes: about 0.2 ms each, two per public sign-up. The class
    depends only on the descriptor, so it is built once per model here; the manager made from it
    for each access is as before. Called once from ``SecurityConfig.ready``."""
    if getattr(HistoryDescriptor, "_trivsel_cached", False):
        return

    def __get__(self, instance, owner):  # noqa: N807 - the descriptor protocol's name
        manager_class = self.__dict__.get("_trivsel_manager_class")
        if manager_class is None:
            manager_class = self.manager_class.from_queryset(self.queryset_class)
            self._trivsel_manager_class = manager_class
        return manager_class(self.model, instance)

    HistoryDescriptor.__get__ = __get__
    HistoryDescriptor._trivsel_cached = True


COLUMNS = ("label", "history_id", "history_date", "history_type", "history_user_id", "object_pk")


class ChangeRows:
    """One UNION ALL over the history tables of some models: one row (a dict of ``COLUMNS``) per
    change, newest first; ``count()`` and slices, so a Paginator can page it.

    Plain SQL rather than the ORM's ``union()``: building and compiling 40-odd querysets twice
    (count and page) cost more than the rest of the change log. The count is one count per
    table (PostgreSQL plans that in a fraction of the time a count over the 40-odd-way UNION
    takes), and the page then reads only the tables that have rows.
    """

    def __init__(self, labels, *, user=None, start=None, end=None):
        ops = connection.ops
        where, self.where_params = [], []
        if user is not None:
            where.append("history_user_id = %s")
            self.where_params.append(user.pk)
        for value, operator in ((start, ">="), (end, "<=")):
            if value:
                tzname = timezone.get_current_timezone_name() if settings.USE_TZ else None
                day_sql, day_params = ops.datetime_cast_date_sql("history_date", (), tzname)
                where.append(f"{day_sql} {operator} %s")
                self.where_params.extend([*day_params, value])
        self.where_sql = f" WHERE {' AND '.join(where)}" if where else ""
        models = tracked_models()
        # (label, table): the table names come from the model registry, values are parameters
        self.tables = [
            (label, ops.quote_name(history_model(models[label])._meta.db_table)) for label in labels
        ]
        self.counts: list[int] | None = None  # per table, once count() has run

    def count(self) -> int:
        if self.counts is not None:  # counted already
            return sum(self.counts)
        if not self.tables:
            return 0
        counts = ", ".join(
            f"(SELECT COUNT(*) FROM {table}{self.where_sql})"  # noqa: S608
            for _label, table in self.tables
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {counts}", self.where_params * len(self.tables))  # noqa: S608
            self.counts = list(cursor.fetchone())
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[dict]:
        tables = self.tables
        if self.counts is not None:  # the tables without rows have nothing for the page
            tables = [t for t, n in zip(self.tables, self.counts, strict=True) if n]
        if not tables:
            return []
        cast = connection.ops.cast_char_field_without_max_length
        union = " UNION ALL ".join(
            "SELECT %s AS label, history_id, history_date, history_type, history_user_id, "  # noqa: S608
            f"CAST(id AS {cast}) AS object_pk FROM {table}{self.where_sql}"
            for _label, table in tables
        )
        params = [value for label, _table in tables for value in (label, *self.where_params)]
        start = page.start or 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"{union} ORDER BY history_date DESC, history_id DESC LIMIT %s OFFSET %s",
                [*params, page.stop - start, start],
            )
            return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


@dataclass
class Change:
    field: str  # verbose name
    old: str | None  # None: the value is not shown (free text, sensitive, secrets)
    new: str | None


def details_for(rows: list[dict]) -> tuple[dict[tuple[str, int], list[Change]], dict[int, str]]:
    """For the rows of one page: the changed fields of each «~» row and the usernames of the
    users who made the changes. On PostgreSQL in ONE query whatever kinds of objects and
    changes the page shows (each row with its user and, for a change, its previous version as
    JSON), so the change log costs the same number of queries at any size and mix of data."""
    by_label: dict[str, list[int]] = {}
    for row in rows:
        by_label.setdefault(row["label"], []).append(row["history_id"])
    if not by_label:
        return {}, {}
    models = tracked_models()
    quote = connection.ops.quote_name
    users = quote(User._meta.db_table)
    username = quote(User._meta.get_field(User.USERNAME_FIELD).column)
    parts, params = [], []
    for label, ids in by_label.items():
        hist = history_model(models[label])
        table = quote(hist._meta.db_table)
        m2m = _m2m_sql(hist)
        # the table names come from the model registry; every value is a parameter
        parts.append(
            f"SELECT %s, h.history_id, h.history_user_id, u.{username}, "  # noqa: S608
            "CASE WHEN h.history_type = '~' THEN row_to_json(h)::text END, "
            f"row_to_json(p)::text, {m2m.format(row='h')}, {m2m.format(row='p')} "
            f"FROM {table} h LEFT JOIN {users} u ON u.id = h.history_user_id "
            f"LEFT JOIN LATERAL (SELECT * FROM {table} p0 WHERE h.history_type = '~' "
            "AND p0.id = h.id AND p0.history_date < h.history_date "
            "ORDER BY p0.history_date DESC, p0.history_id DESC LIMIT 1) p ON true "
            "WHERE h.history_id = ANY(%s)"
        )
        params.extend([label, ids])
    changes: dict[tuple[str, int], list[Change]] = {}
    usernames: dict[int, str] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for label, history_id, user_id, name, current, previous, cur_m2m, prev_m2m in cursor:
            if user_id is not None and name is not None:
                usernames[user_id] = name
            if current is None or previous is None:
                continue
            changes[(label, history_id)] = _diff(
                models[label],
                {**_loads(current), **_loads(cur_m2m)},
                {**_loads(previous), **_loads(prev_m2m)},
            )
    return changes, usernames


def _loads(text: str | None) -> dict:
    return json.loads(text, parse_float=Decimal) if text else {}


def _m2m_sql(hist) -> str:
    """SQL (with ``{row}`` for the history row's alias) giving the ids of each many-to-many
    field tracked with the history (conference events' organisations and facilitators) as a
    JSON object, or NULL for models without."""
    fields = getattr(hist, "_history_m2m_fields", [])
    if not fields:
        return "NULL::text"
    items = []
    for field in fields:
        through = getattr(hist, field.name).model  # the history's own through table
        target = through._meta.get_field(field.m2m_reverse_field_name()).column
        table = connection.ops.quote_name(through._meta.db_table)
        items.append(
            f"'{field.name}', ARRAY(SELECT {target} FROM {table} m "  # noqa: S608
            "WHERE m.history_id = {row}.history_id ORDER BY 1)"
        )
    return f"json_build_object({', '.join(items)})::text"


@cache
def _tracked(model) -> tuple[list, list[str]]:
    """The fields a change is looked for in (as django-simple-history's ``diff_against``):
    editable tracked fields and the many-to-many fields kept with the history, by name. Fixed
    once the models are loaded: worked out once per model, not for every changed row."""
    hist = history_model(model)
    fields = [f for f in hist.tracked_fields if f.editable]
    m2m = {f.name for f in getattr(hist, "_history_m2m_fields", [])}
    return sorted([f for f in fields if f.name not in m2m], key=lambda f: f.name), sorted(m2m)


def _diff(model, new: dict, old: dict) -> list[Change]:
    fields, m2m = _tracked(model)
    hidden_values = set(privacy.free_text_fields(model)) | set(privacy.sensitive_fields(model))
    changes: list[tuple[str, Change]] = []
    for name, key, to_python in [(f.name, f.column, _converter(f)) for f in fields] + [
        (name, name, _ids) for name in m2m
    ]:
        if new.get(key) == old.get(key) or name in SECRET_FIELDS:
            continue
        verbose = str(model._meta.get_field(name).verbose_name)
        if name in hidden_values:
            changes.append((name, Change(verbose, None, None)))
        else:
            old_text, new_text = _short(to_python(old.get(key))), _short(to_python(new.get(key)))
            changes.append((name, Change(verbose, old_text, new_text)))
    return [change for _name, change in sorted(changes, key=lambda item: item[0])]


def _converter(field):
    if field.is_relation or not isinstance(field, (DateField, DateTimeField)):
        return lambda value: value
    return lambda value: None if value is None else field.to_python(value)


def _ids(value) -> str:
    return ", ".join(str(v) for v in value or [])


def _jsonish(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _short(value) -> str:
    if isinstance(value, datetime):  # the UI's dense Danish style, never ISO
        text = date_format(timezone.localtime(value), "d.m.Y H:i")
    elif isinstance(value, date):
        text = date_format(value, "d.m.Y")
    else:
        text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"
