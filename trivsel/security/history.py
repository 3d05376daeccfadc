"""The change history of every domain model (django-simple-history) as one list: selectors for
the coordinators' change log and for retention. Values of free text and secrets never leave here:
for those only the field's name is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format

from trivsel.schools import privacy

# never shown, not even as a name with values
SECRET_FIELDS = {"password", "token", "secret", "key"}


def tracked_models() -> dict[str, type]:
    """{model label: model} for every model with a change history, sorted by label."""
    return {m._meta.label_lower: m for m in privacy.history_models()}


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def union_queryset(labels, *, user=None, start=None, end=None):
    """One UNION over the history tables of ``labels``: one row per change, newest first."""
    parts = []
    models = tracked_models()
    for label in labels:
        hist = history_model(models[label])
        qs = hist.objects.order_by()
        if user is not None:
            qs = qs.filter(history_user=user)
        if start:
            qs = qs.filter(history_date__date__gte=start)
        if end:
            qs = qs.filter(history_date__date__lte=end)
        parts.append(
            qs.annotate(
                label=Value(label, output_field=CharField()),
                object_pk=Cast("id", CharField()),
            ).values(
                "label",
                "history_id",
                "history_date",
                "history_type",
                "history_user_id",
                "object_pk",
            )
        )
    if not parts:
        return None
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


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
