"""Reads of the trials app that cross relations: the scoped list, the schools × themes coverage,
a trial action's change history. Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import ngettext

from trivsel.schools import access
from trivsel.schools.choices import labels
from trivsel.schools.links import row_url
from trivsel.schools.models import GradeBand, School, SchoolClass, Staff

from .models import Decision, RolloutPlan, Status, Theme, TrialAction


def editable_schools(user) -> QuerySet[School]:
    """The schools where ``user`` may create trial actions / roll-out plans."""
    if access.can_all(user, "edit", TrialAction):
        return School.objects.all()
    if not access.can(user, "edit", TrialAction):
        return School.objects.none()
    return School.objects.filter(pk__in=access.school_ids(user))


def readable(user) -> QuerySet[TrialAction]:
    """The trial actions ``user`` may read."""
    return access.scope(user, TrialAction.objects.all(), "read")


def own_first(qs: QuerySet[TrialAction], user) -> QuerySet[TrialAction]:
    """``qs`` with ``can_edit`` and ``is_own`` per row, own school's first, then the network."""
    qs = access.annotate_can(qs, user, "edit")
    return qs.annotate(
        is_own=Case(
            When(school_id__in=access.school_ids(user), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("-is_own", "school__name", "-start", "title")


def for_export(qs: QuerySet[TrialAction], user) -> QuerySet[TrialAction]:
    """``own_first(qs)`` with everything the export shows: school, themes, classes."""
    return (
        own_first(qs, user)
        .select_related("school")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("name")),
            Prefetch(
                "classes",
                queryset=SchoolClass.objects.select_related("school_year").order_by(
                    "grade", "letter"
                ),
            ),
        )
    )


LIST_FIELDS = (
    "pk",
    "title",
    "school__name",
    "grade_bands",
    "start",
    "end",
    "status",
    "decision",
    "effect_pupils",
    "effect_class",
    "can_edit",
    "is_own",
)


def for_list(qs: QuerySet[TrialAction], user) -> QuerySet:
    """``own_first(qs)`` as plain values, only the columns the list page shows
    (``list_groups`` adds the themes and classes of one page)."""
    return own_first(qs, user).values(*LIST_FIELDS)


def list_groups(actions) -> list[dict]:
    """One page of ``for_list`` as the list's rows, grouped own school / network (the list is
    ordered that way): ``{"is_own", "rows"}``. Two queries: the page's themes and classes."""
    actions = list(actions)
    ids = [a["pk"] for a in actions]
    themes: dict[int, list[str]] = {pk: [] for pk in ids}
    for action_id, name in (
        TrialAction.themes.through.objects.filter(trialaction_id__in=ids)
        .order_by("theme__name")
        .values_list("trialaction_id", "theme__name")
    ):
        themes[action_id].append(name)
    classes: dict[int, list[str]] = {pk: [] for pk in ids}
    for action_id, grade, letter in (
        TrialAction.classes.through.objects.filter(trialaction_id__in=ids)
        .order_by("schoolclass__grade", "schoolclass__letter")
        .values_list("trialaction_id", "schoolclass__grade", "schoolclass__letter")
    ):
        classes[action_id].append(f"{grade}.{letter}")
    detail, edit = row_url("trials:trialaction_detail"), row_url("trials:trialaction_update")
    statuses, decisions = labels(Status.choices), labels(Decision.choices)
    bands = labels(GradeBand.choices)
    groups: list[dict] = []
    for a in actions:
        pk = a["pk"]
        if not groups or groups[-1]["is_own"] != a["is_own"]:
            groups.append({"is_own": a["is_own"], "rows": []})
        target = ", ".join(bands[band] for band in a["grade_bands"])  # in band order
        if classes[pk]:
            target += ("; " if a["grade_bands"] else "") + ", ".join(classes[pk])
        groups[-1]["rows"].append(
            {
                "url": detail(pk),
                "title": a["title"],
                "school": a["school__name"],
                "themes": themes[pk],
                "target": target,
                "period": f"{a['start']:%d.%m.%Y}–{a['end']:%d.%m.%Y}",
                "status": a["status"],
                "status_label": statuses.get(a["status"], a["status"]),
                "decision": decisions.get(a["decision"]) or "—",
                "effect": f"{a['effect_pupils']} / {a['effect_class']}"
                if a["effect_pupils"]
                else "—",
                "edit_url": edit(pk) if a["can_edit"] else "",
            }
        )
    return groups


def trial_action_for_detail(user, pk) -> TrialAction:
    qs = TrialAction.objects.select_related("school", "created_by").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name")),
        Prefetch(
            "classes",
            queryset=SchoolClass.objects.select_related("school_year").order_by("grade", "letter"),
        ),
        Prefetch("staff", queryset=Staff.objects.order_by("name")),
        "attachments__uploaded_by",
        Prefetch(
            "rollout_plans",
            queryset=RolloutPlan.objects.select_related("school", "theme_day").order_by(
                "theme_day__date", "school__name"
            ),
        ),
    )
    return access.get_for_user(user, qs, "read", pk=pk)


# --- change history ------------------------------------------------------------------------------
@dataclass
class HistoryEntry:
    when: object
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)


def _display(record, name: str) -> str:
    value = getattr(record, name)
    display = getattr(record, f"get_{name}_display", None)
    if callable(display):
        value = display()
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def history_of(trial_action: TrialAction, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what, when: newest first, each with the fields it changed (one query)."""
    records = list(
        trial_action.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    labels = {f.name: str(f.verbose_name) for f in TrialAction._meta.fields}
    skip = {"id", "created_at", "created_by", "updated_at"}
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        entry = HistoryEntry(
            when=record.history_date, who=record.history_user, kind=record.history_type
        )
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            for change in delta.changes:
                if change.field in skip:
                    continue
                entry.changes.append(
                    (
                        labels.get(change.field, change.field),
                        _display(older, change.field),
                        _display(record, change.field),
                    )
                )
        entries.append(entry)
    return entries


# --- coverage: schools × themes ------------------------------------------------------------------
CELL_SHOWN = 3  # actions named in a cell; the rest are counted and linked to the list
COVERAGE_PAGE = 30  # schools a page: 2.7 KB of HTML each (600 schools were 1.6 MB)


def coverage(user, *, school_year=None, page=None) -> dict:
    """Which school has tried which theme, with status and decision, as plain values: ``themes``
    (``{"pk", "name"}``), ``rows`` (one page of schools: ``{"name", "cells"}``, a cell per theme
    with its first few actions and a link to the rest), ``totals`` per theme over every school
    the user may see, and ``page`` (the Paginator's). Four queries whatever the data: themes,
    schools (names), the page's cells, the totals (``coverage_totals``)."""
    themes = list(Theme.objects.order_by("name").values("pk", "name"))
    schools = list(
        access.scope(user, School.objects.all(), "names").order_by("name").values_list("pk", "name")
    )
    page_obj = Paginator(schools, COVERAGE_PAGE).get_page(page)
    actions = access.scope(user, TrialAction.objects.all(), "read").filter(
        themes__in=[t["pk"] for t in themes]
    )
    if school_year is not None:
        actions = actions.filter(start__lte=school_year.end, end__gte=school_year.start)
    # the page's cells: each one's first few actions and how many it has in all (a theme is
    # linked to an action once, so the rows of a (school, theme) partition are its actions)
    cell = [F("school_id"), F("themes")]
    first = (
        actions.filter(school_id__in=[pk for pk, _name in page_obj.object_list])
        .annotate(
            theme_id=F("themes"),
            n=Window(RowNumber(), partition_by=cell, order_by=[F("start").asc(), F("pk").asc()]),
            total=Window(Count("pk"), partition_by=cell),
        )
        .filter(n__lte=CELL_SHOWN)
        .values_list(
            "pk",
            "school_id",
            "theme_id",
            "title",
            "status",
            "decision",
            "effect_pupils",
            "effect_class",
            "total",
        )
        .order_by("start", "pk")
    )
    detail_url = row_url("trials:trialaction_detail")
    statuses, decisions = labels(Status.choices), labels(Decision.choices)
    named: dict[tuple[int, int], list[dict]] = {}
    totals_of: dict[tuple[int, int], int] = {}
    for pk, school_id, theme_id, title, status, decision, pupils, klass, total in first:
        totals_of[(school_id, theme_id)] = total
        named.setdefault((school_id, theme_id), []).append(
            {
                "url": detail_url(pk),
                "title": title,
                "status": status,
                "status_label": statuses.get(status, status),
                "decision_label": decisions.get(decision, decision) if decision else "",
                "effect": f"{pupils}/{klass}" if pupils else "",
            }
        )
    list_url = reverse("trials:trialaction_list")
    rows = []
    for school_id, name in page_obj.object_list:
        cells = []
        for theme in themes:
            key = (school_id, theme["pk"])
            shown = named.get(key, [])
            more = totals_of.get(key, 0) - len(shown)
            cells.append(
                {
                    "actions": shown,
                    "more_text": ngettext("og %(n)s mere", "og %(n)s flere", more) % {"n": more}
                    if more > 0
                    else "",
                    "more_url": f"{list_url}?school={school_id}&theme={theme['pk']}",
                }
            )
        rows.append({"name": name, "cells": cells})
    counted = coverage_totals(user, actions, school_year)
    totals = [
        {**counted.get(theme["pk"], NOTHING_TRIED), "schools": len(schools)} for theme in themes
    ]
    return {"themes": themes, "rows": rows, "totals": totals, "page": page_obj}


NOTHING_TRIED = {"tried": 0, "evaluated": 0, "continuing": 0}


def coverage_totals(user, actions, school_year) -> dict[int, dict]:
    """Per theme: how many schools have tried it, evaluated it, want to continue. Counting them
    reads every trial action of the network (45 ms of PostgreSQL at 100× demo data, 4 ms at
    10×), so for a reader who sees the whole network they are kept in Django's cache — the
    portal's one cache — keyed by the trial actions' own data version: the newest history row
    (every save, change and delete writes one) and the newest id (bulk inserts). Nothing needs to
    forget it. A reader who sees some schools only is counted afresh (a few rows)."""
    network = access.can_all(user, "read", TrialAction) and access.can_all(user, "names", School)
    if not network:
        return _count_totals(actions)
    year = f"{school_year.start}:{school_year.end}" if school_year is not None else "all"
    key = f"trials:coverage-totals:{data_version()}:{year}"
    totals = cache.get(key)
    if totals is None:
        totals = _count_totals(actions)
        cache.set(key, totals, TOTALS_TIMEOUT)
    return totals


# two writes committed out of the order of their history ids could leave a value one write
# behind until the next write: a value lives ten minutes at most
TOTALS_TIMEOUT = 10 * 60


def data_version() -> str:
    """The trial actions' data version, in one query of index lookups: the database (its oid: a
    database created anew, as the tests' is, starts afresh), the newest history row (every save,
    change and delete writes one) and the newest id (bulk inserts write no history)."""
    quote = connection.ops.quote_name
    history = quote(TrialAction.history.model._meta.db_table)
    actions = quote(TrialAction._meta.db_table)
    sql = (  # the models' table names, no outside text
        "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()), "  # noqa: S608
        f"(SELECT MAX(history_id) FROM {history}), (SELECT MAX(id) FROM {actions})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return ":".join(map(str, cursor.fetchone()))


def _count_totals(actions) -> dict[int, dict]:
    counted = (
        actions.values("themes")
        .annotate(
            tried=Count("school_id", distinct=True),
            evaluated=Count("school_id", distinct=True, filter=Q(status=Status.EVALUATED)),
            continuing=Count(
                "school_id",
                distinct=True,
                # a draft evaluation's decision is not yet the school's
                filter=Q(
                    status=Status.EVALUATED, decision__in=[Decision.CONTINUE, Decision.ADJUST]
                ),
            ),
        )
        .order_by()
    )
    return {
        row["themes"]: {k: row[k] for k in ("tried", "evaluated", "continuing")} for row in counted
    }
