"""Choices at list-page speed: a choice field's label for a value, as ``get_FOO_display()``
gives it, and a model select that does not build a model per option.

Django's generated ``get_FOO_display()`` makes the field's whole choice list hashable on every
call, which translates every lazy label of it; on a list page that was a few thousand gettext
calls. Here only the keys are hashed and only the label shown is translated.
"""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.encoding import force_str


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
    """The options from ``values_list(pk, label_field)``: no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, label in self.queryset.values_list("pk", self.field.label_field):
            yield (ModelChoiceIteratorValue(pk, None), label)


class LabelFieldChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose option labels are one field of the model (``label_field``,
    the same text as ``str(obj)`` or ``label_from_instance`` would give): a filter's select of a
    hundred users or schools then reads two columns instead of building a hundred models.
    Validation and ``cleaned_data`` are ModelChoiceField's own (the chosen model)."""

    iterator = _ValuesIterator

    def __init__(self, queryset, *, label_field: str, **kwargs):
        self.label_field = label_field
        super().__init__(queryset, **kwargs)
