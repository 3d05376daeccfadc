"""Choices at list-page speed: a choice field's label for a value, as ``get_FOO_display()``
gives it, and a model select that does not build a model per option.

Django's generated ``get_FOO_display()`` makes the field's whole choice list hashable on every
call, which translates every lazy label of it; on a list page that was a few thousand gettext
calls. Here only the keys are hashed and only the label shown is translated.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.encoding import force_str

from . import renderers


def choice_label(instance, field_name: str):
    """``instance.get_<field_name>_display()`` for a field with choices."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    try:
        label = dict(field.flatchoices).get(value, value)
    except TypeError:  # unhashable keys or value (JSON choices): Django's own way
        return instance._get_FIELD_display(field)
    return force_str(label, strings_only=True)


class _ValuesIterator(ModelChoiceIterator):
    """The options from ``values_list(pk, *label fields)``: no model instance per option."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        for pk, *values in self.queryset.values_list("pk", *field.label_fields):
            label = field.label_from_values(*values) if field.label_from_values else values[0]
            yield (ModelChoiceIteratorValue(pk, None), label)


class LabelFieldChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose option labels come from columns of the model: ``label_field``
    (one column, shown as it is: the same text as ``str(obj)`` or ``label_from_instance`` would
    give), or several, made into the label by ``label_from_values``. A filter's select of a
    hundred users or schools then reads two columns instead of building a hundred models.
    Validation and ``cleaned_data`` are ModelChoiceField's own (the chosen model)."""

    iterator = _ValuesIterator
    widget = renderers.Select

    def __init__(
        self,
        queryset,
        *,
        label_field: str | tuple[str, ...],
        label_from_values: Callable[..., str] | None = None,
        **kwargs,
    ):
        self.label_fields = (label_field,) if isinstance(label_field, str) else label_field
        self.label_from_values = label_from_values
        super().__init__(queryset, **kwargs)
