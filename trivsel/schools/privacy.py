"""Which free text is sensitive: consultants' observations, grief-group notes, minors' data.

A record kind is named here by model label (a string: this module imports no feature app) with the
extra, non-free-text fields that are personal data too; every CPR-guarded free-text field of such
a kind is sensitive. A single field elsewhere can be marked ``FreeTextField(..., sensitive=True)``.

Used by the Django admin (sensitive fields are hidden there, so the admin is no back door around
the read log), by the coordinators' change log (never shows free-text values) and by
``tests/security/test_admin.py``, which walks every admin registration.
"""

from __future__ import annotations

from django.db.models import Model
from simple_history.models import registered_models

SENSITIVE_KINDS: dict[str, tuple[str, ...]] = {
    # consultants' work at the schools: what was seen, guidance, PIT meetings
    "consultants.activity": (),
    "consultants.followup": (),
    "consultants.pitmeeting": (),
    "consultants.wellbeingcourse": (),
    # grief groups: the groups, their meetings and evaluations
    "griefgroups.griefgroup": (),
    "griefgroups.groupmeeting": (),
    "griefgroups.evaluation": (),
    # registrations: pupils (minors) sign up with first name, school and class
    "conference.registration": ("name", "email"),
}


def is_free_text(field) -> bool:
    """Prose a person typed (not a name: ``NameField``)."""
    return bool(getattr(field, "cpr_guarded", False) and getattr(field, "free_text", True))


def free_text_fields(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if is_free_text(f)]


def sensitive_fields(model: type[Model]) -> list[str]:
    """The names of ``model``'s sensitive fields (free text of a sensitive kind, marked fields,
    and the kind's listed personal fields)."""
    label = model._meta.label_lower
    names = []
    for f in model._meta.concrete_fields:
        if (
            getattr(f, "sensitive", False)
            or label in SENSITIVE_KINDS
            and (is_free_text(f) or f.name in SENSITIVE_KINDS[label])
        ):
            names.append(f.name)
    return names


def is_sensitive_kind(model: type[Model]) -> bool:
    return bool(sensitive_fields(model))


def erase_text(queryset, fields: list[str], replacement: str = "") -> int:
    """Anonymises ``fields`` of every row of ``queryset`` AND of all their change-history rows,
    so no history row still holds the erased text. Returns the number of records anonymised."""
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    if not ids or not fields:
        return 0
    values = dict.fromkeys(fields, replacement)
    # a plain UPDATE: no new history row that would copy the text once more
    model._default_manager.filter(pk__in=ids).update(**values)
    history_attr = getattr(model._meta, "simple_history_manager_attribute", None)
    if history_attr:
        getattr(model, history_attr).model.objects.filter(id__in=ids).update(**values)
    return len(ids)


def history_models() -> list[type[Model]]:
    """Every model with a change history (django-simple-history), sorted by label. (Many-to-many
    «through» histories hang off their parent's history rows and go with them.)"""
    found = {
        m._meta.label_lower: m
        for m in registered_models.values()
        if getattr(m._meta, "simple_history_manager_attribute", None)
    }
    return [found[label] for label in sorted(found)]
