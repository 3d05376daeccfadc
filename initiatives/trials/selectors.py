"""Reads of the trials app that cross relations: the scoped list, the schools × themes coverage,
a trial action's change history. Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

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

from trivsel.schools import access
from trivsel.schools.links import row_url
from trivsel.schools.models import School, SchoolClass, Staff

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
    (``listing.list_groups`` adds the themes and classes of one page)."""
    return own_first(qs, user).values(*LIST_FIELDS)


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


@dataclass
class Cell:
    actions: list = field(default_factory=list)  # the first CELL_SHOWN, by start
    total: int = 0
    evaluated: int = 0
    continuing: int = 0
    school_id: int | None = None
    theme_id: int | None = None

    @property
    def tried(self) -> bool:
        return self.total > 0

    @property
    def wants_to_continue(self) -> bool:
        return self.continuing > 0

    @property
    def more(self) -> int:
        return self.total - len(self.actions)


@dataclass
class Coverage:
    themes: list
    rows: list  # [(school, [Cell per theme])]
    totals: list  # per theme: {"tried": n, "evaluated": n, "continuing": n, "schools": n}


def coverage(user, *, school_year=None, theme=None) -> Coverage:
    """Which school has tried which theme, with status and decision — four queries: the
    themes, the schools the user may see (names), the counts per cell and the first few trial
    actions of each cell."""
    themes = list(Theme.objects.filter(pk=theme.pk) if theme else Theme.objects.order_by("name"))
    schools = list(access.scope(user, School.objects.all(), "names").order_by("name"))
    actions = access.scope(user, TrialAction.objects.all(), "read").filter(
        themes__in=[t.pk for t in themes]
    )
    if school_year is not None:
        actions = actions.filter(start__lte=school_year.end, end__gte=school_year.start)
    # per cell, counted in the database; only the first few actions of a cell are fetched, so
    # the page stays the same size however many trials a school runs
    cells: dict[tuple[int, int], Cell] = {}
    for school_id, theme_id, total, evaluated, continuing in (
        actions.values_list("school_id", "themes")
        .annotate(
            total=Count("pk", distinct=True),
            evaluated=Count("pk", distinct=True, filter=Q(status=Status.EVALUATED)),
            continuing=Count(
                "pk", distinct=True, filter=Q(decision__in=[Decision.CONTINUE, Decision.ADJUST])
            ),
        )
        .order_by()
    ):
        cells[(school_id, theme_id)] = Cell(
            total=total,
            evaluated=evaluated,
            continuing=continuing,
            school_id=school_id,
            theme_id=theme_id,
        )
    first = (
        actions.annotate(
            theme_id=F("themes"),
            n=Window(
                RowNumber(),
                partition_by=[F("school_id"), F("themes")],
                order_by=[F("start").asc(), F("pk").asc()],
            ),
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
        )
        .order_by("start", "pk")
    )
    detail_url = row_url("trials:trialaction_detail")
    for pk, school_id, theme_id, title, status, decision, pupils, klass in first:
        cell = cells.get((school_id, theme_id))
        if cell is not None:
            cell.actions.append(
                _CoverageAction(pk, title, status, decision, pupils, klass, detail_url(pk))
            )
    rows = [(school, [cells.get((school.pk, t.pk), Cell()) for t in themes]) for school in schools]
    totals = []
    for index, _theme in enumerate(themes):
        column = [row[1][index] for row in rows]
        totals.append(
            {
                "tried": sum(1 for c in column if c.tried),
                "evaluated": sum(1 for c in column if c.evaluated),
                "continuing": sum(1 for c in column if c.wants_to_continue),
                "schools": len(column),
            }
        )
    return Coverage(themes=themes, rows=rows, totals=totals)


@dataclass(frozen=True)
class _CoverageAction:
    pk: int
    title: str
    status: str
    decision: str
    effect_pupils: int | None
    effect_class: int | None
    url: str

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def decision_label(self) -> str:
        return str(Decision(self.decision).label) if self.decision else ""

    def get_absolute_url(self) -> str:
        return self.url
