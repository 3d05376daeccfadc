"""Optimistic concurrency for every record people edit: two people open the same form, both save —
the second is refused with what the first changed, and nothing of theirs is written.

* The model: ``class School(Versioned)`` adds ``lock_version`` (1 for a new row). Every
  ``save()`` raises it by one, whichever path saves (forms, services, the admin), like
  ``auto_now``; ``update()``, ``bulk_update`` and ``save(update_fields=…)`` without it do not.
* The form carries the version it was drawn from as the hidden field ``lock_version``
  (``add_field``); the edit views add it (``views.base.VersionCheckMixin``), so a form class
  needs nothing.
* The save: ``claim(obj, expected)`` inside the save's transaction runs
  ``UPDATE … SET lock_version = lock_version + 1 WHERE id = %s AND lock_version = %s``. No row:
  someone saved since the form was drawn → ``EditConflict`` with the fields that changed (from
  the change history: the row as it was at the form's version against the row now; free text
  only by name, as in the change log). A row: it stays locked until the transaction ends, so
  a concurrent save waits and then finds the version moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import locking, privacy

FIELD = "lock_version"
# never shown, not even by name with values
SECRET_FIELDS = {"password", "token", "secret", "key"}


class LockVersionField(models.PositiveIntegerField):
    """The record's version: 1 when created, one more on every ``save()``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 1)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", _("ændringsnummer"))
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if not add and value is not None:
            value += 1
            setattr(model_instance, self.attname, value)
        return value


class Versioned(models.Model):
    """A record people edit in a form: carries ``lock_version`` (see the module)."""

    lock_version = LockVersionField()

    class Meta:
        abstract = True


# --- the conflict ---------------------------------------------------------------------------------
@dataclass
class Change:
    field: str  # verbose name
    old: str | None  # None: the value is not shown (free text, sensitive)
    new: str | None

    def __str__(self) -> str:
        if self.old is None:
            return gettext("%(field)s (ændret)") % {"field": self.field}
        return f"{self.field}: «{self.old}» → «{self.new}»"


class EditConflict(Exception):
    """Someone saved the record after the form was drawn; nothing was saved. ``current``: the
    record's version now (None: it is gone); ``changes``: what they changed."""

    def __init__(self, *, current: int | None, changes: list[Change] | None = None):
        self.current = current
        self.changes = changes or []
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.current is None:
            return gettext("Posten er slettet, mens du redigerede. Intet er gemt.")
        text = gettext("Nogen har gemt ændringer, mens du redigerede")
        if self.changes:
            text += ": " + "; ".join(str(c) for c in self.changes)
        return (
            text
            + ". "
            + gettext(
                "Dine ændringer er ikke gemt. Se dem igennem nedenfor, og gem igen, hvis de "
                "stadig skal gælde."
            )
        )

    def __str__(self) -> str:
        return self.message

    def show(self, form) -> None:
        """Puts the message on the form (the user's input stays) and moves its hidden version to
        the current one: saving again is then a deliberate choice."""
        form.add_error(None, self.message)
        if self.current is not None and form.is_bound:
            data = form.data.copy()
            data[form.add_prefix(FIELD)] = str(self.current)
            form.data = data


# --- forms ---------------------------------------------------------------------------------------
class LockVersionFormField(forms.IntegerField):
    """The hidden version; junk reads as «no version» (a conflict), never a field error the
    page would not show."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            return None


class VersionForm(forms.Form):
    """The hidden version alone, for a page whose input is no Django form (a grid of ticks)."""

    lock_version = LockVersionFormField()


def add_field(form, obj: models.Model | None) -> None:
    """Adds the hidden ``lock_version`` to ``form``, drawn with ``obj``'s version (0 for a
    record not yet created). ``form.versioned`` is ``obj``."""
    form.fields[FIELD] = LockVersionFormField(initial=version_of(obj))
    form.versioned = obj


def version_of(obj: models.Model | None) -> int:
    if obj is None or obj.pk is None:
        return 0
    return getattr(obj, FIELD)


def expected_version(form) -> int | None:
    """The version the form was drawn from, taken out of ``cleaned_data`` (views pass
    ``**cleaned_data`` on to services)."""
    return form.cleaned_data.pop(FIELD, None)


def current_version(obj: models.Model) -> int | None:
    return (
        type(obj)._base_manager.filter(pk=obj.pk).values_list(FIELD, flat=True).first()
        if obj.pk is not None
        else None
    )


# --- the check -----------------------------------------------------------------------------------
def claim(obj: models.Model | None, expected: int | None, *, form=None) -> None:
    """Inside the save's transaction: takes the record at version ``expected`` (and raises its
    version) or raises ``EditConflict``. ``obj`` None: a record not yet created — nothing to
    lock, ``expected`` must be 0. ``form`` (optional) limits the listed changes to its fields
    and gives foreign keys their labels."""
    if obj is None or obj.pk is None:
        if expected != 0:
            raise EditConflict(current=None)
        return
    model = type(obj)
    locking.checkpoint("versioning.claim")
    if expected is not None:
        rows = locking.update_rows(
            model._base_manager.filter(pk=obj.pk, **{FIELD: expected}), **{FIELD: F(FIELD) + 1}
        )
        if rows == 1:
            # the save that follows writes expected + 1 (pre_save), the version just claimed
            setattr(obj, FIELD, expected)
            return
    current = current_version(obj)
    raise EditConflict(
        current=current,
        changes=changes_since(obj, expected, form=form) if current and expected else [],
    )


@contextmanager
def claimed(form, obj: models.Model | None) -> Iterator[None]:
    """``with versioning.claimed(form, obj): <save>`` — one transaction: the claim, then the
    save; rolled back whole if the form ends up with errors (a service refused). Raises
    ``EditConflict`` before the body runs."""
    expected = expected_version(form)
    with transaction.atomic():
        claim(obj, expected, form=form)
        yield
        if form.errors:
            transaction.set_rollback(True)


# --- what changed --------------------------------------------------------------------------------
def changes_since(obj: models.Model, version: int, *, form=None) -> list[Change]:
    """The fields (of ``form``, if given) whose value differs between the record as it was at
    ``version`` (its change history) and as it is now; free text and sensitive fields by name."""
    history_attr = getattr(obj._meta, "simple_history_manager_attribute", None)
    if not history_attr:
        return []
    model = type(obj)
    then = (
        getattr(model, history_attr)
        .filter(id=obj.pk, **{FIELD: version})
        .order_by("-history_date", "-history_id")
        .first()
    )
    now = model._base_manager.filter(pk=obj.pk).first()
    if then is None or now is None:
        return []
    hidden = set(privacy.free_text_fields(model)) | set(privacy.sensitive_fields(model))
    names = set(form.fields) if form is not None else None
    changes = []
    for f in model._meta.concrete_fields:
        if not f.editable or f.primary_key or f.name in SECRET_FIELDS:
            continue
        if names is not None and f.name not in names:
            continue
        old, new = getattr(then, f.attname, None), getattr(now, f.attname)
        if old == new:
            continue
        label = str(f.verbose_name)
        label = label[:1].upper() + label[1:]
        if f.name in hidden:
            changes.append(Change(label, None, None))
        else:
            form_field = form.fields.get(f.name) if form is not None else None
            shown = [_shown(f, value, form_field) for value in (old, new)]
            if None in shown:
                changes.append(Change(label, None, None))
            else:
                changes.append(Change(label, *shown))
    return changes


def _shown(model_field, value, form_field) -> str | None:
    """A value as the user knows it; None where it may not be shown (a related record the form
    does not offer)."""
    if value is None or value == "":
        return gettext("tom")
    if model_field.is_relation:
        queryset = getattr(form_field, "queryset", None)
        if queryset is None:
            return None
        related = queryset.filter(pk=value).first()
        return None if related is None else str(form_field.label_from_instance(related))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nej")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal | float | int):
        return formats.localize(value, use_l10n=True)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
