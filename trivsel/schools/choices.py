"""The portal's roles, and choices at list-page speed: a choice field's label for a value, as
``get_FOO_display()`` gives it, a model select that does not build a model per option, and a
select that becomes a search box when it has hundreds of options.

Django's generated ``get_FOO_display()`` makes the field's whole choice list hashable on every
call, which translates every lazy label of it; on a list page that was a few thousand gettext
calls. Here only the keys are hashed and only the label shown is translated.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db import models
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A user's role: what the access module lets them do."""

    LEADER = "leader", _("Skoleleder")
    STAFF = "staff", _("Medarbejder")
    CONSULTANT = "consultant", _("Trivsels- og udviklingskonsulent")
    COORDINATOR = "coordinator", _("Netværkskoordinator")
    CONFERENCE_ADMIN = "conference_admin", _("Konferenceadministrator")


def labels(choices) -> dict:
    """value → label of ``choices``, translated now: a lazy label in a list's rows is translated
    again every time the template draws it."""
    return {value: str(label) for value, label in choices}


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


class SearchSelect(forms.Select):
    """A select of a filter that becomes a search box past ``limit`` options: a text input whose
    datalist offers every label (the browser narrows them down as one types) instead of a
    <select> of hundreds of schools or users. A typed label stands for its choice; anything else
    (a link's ``?school=12``) is submitted as it is, and the field validates it as always."""

    limit = 100
    search_template_name = "portal/widgets/search_select.html"
    _listed: list | None = None  # the options, read once
    _named: list | None = None  # the options but the empty one

    @forms.Select.choices.setter
    def choices(self, value):
        forms.Select.choices.fset(self, value)
        self._listed = self._named = None  # read again (a copy of the widget gets choices anew)

    def _options(self) -> list:
        """The options (a model field's: one query; list() would COUNT them first)."""
        if self._listed is None:
            self._listed = [choice for choice in self.choices]  # noqa: C416
        return self._listed

    def _choice_list(self) -> list:
        if self._named is None:
            self._named = [(v, label) for v, label in self._options() if v not in ("", None)]
        return self._named

    def is_search(self) -> bool:
        return len(self._choice_list()) > self.limit

    def get_context(self, name, value, attrs):
        if not self.is_search():
            forms.Select.choices.fset(self, self._options())  # the options already read
            return super().get_context(name, value, attrs)
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        chosen = {str(v) for v in widget["value"]}
        labels = [str(label) for _v, label in self._choice_list()]
        widget.update(
            template_name=self.search_template_name,
            labels=labels,
            shown=next((str(lb) for v, lb in self._choice_list() if str(v) in chosen), ""),
            list_id=f"{widget['attrs'].get('id') or name}-valg",
            placeholder=_("Skriv for at søge"),
        )
        css = widget["attrs"].get("class", "")
        widget["attrs"] = {**widget["attrs"], "class": css.replace("form-select", "form-control")}
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        return self._render(context["widget"]["template_name"], context, renderer)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not isinstance(value, str) or not value or not self.is_search():
            return value
        if value in {str(v) for v, _label in self._choice_list()}:
            return value
        typed = value.strip().casefold()
        return next(
            (str(v) for v, label in self._choice_list() if str(label).casefold() == typed), value
        )


class LabelFieldChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose option labels come from columns of the model: ``label_field``
    (one column, shown as it is: the same text as ``str(obj)`` or ``label_from_instance`` would
    give), or several, made into the label by ``label_from_values``. A filter's select of a
    hundred users or schools then reads two columns instead of building a hundred models.
    Validation and ``cleaned_data`` are ModelChoiceField's own (the chosen model)."""

    iterator = _ValuesIterator
    widget = SearchSelect

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
