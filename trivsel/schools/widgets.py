"""Widgets for the filter forms of busy list pages.

Django renders a ``<select>`` through one template per ``<option>``; a filter with the 60 schools
of the 10× demo costs more than the page's table (issue 11). ``widgets.Select`` writes the very same
HTML (Django's ``select.html``/``select_option.html``, whitespace included) in Python, and
``values_choices`` draws a model choice field's options from one plain query — no model
instances, no server-side cursor. Validation is untouched: the field still checks a submitted
value against its queryset.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


def _esc(value) -> str:
    """``{{ value }}`` in a template: escaped unless already safe (Django's ``escape`` is this
    ``html.escape``; called directly, it skips the lazy-string wrapper on every option)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name only
    return "".join(
        f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's ``Select`` (same markup, same name: crispy-forms derives the CSS class ``select``
    from it), drawn without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_esc(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{_esc(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{_esc(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class _ValuesChoices(BaseChoiceIterator):
    """A model choice field's options from one ``values_list`` query, run when the widget is
    first drawn (a form that only validates runs none). A ``BaseChoiceIterator``, as Django's
    own model choices are: a widget keeps it as it is instead of reading it into a list."""

    def __init__(self, field: forms.ModelChoiceField, label: str):
        self.field, self.label, self.options = field, label, None

    def __iter__(self):
        if self.options is None:
            empty = [] if self.field.empty_label is None else [("", self.field.empty_label)]
            self.options = empty + list(self.field.queryset.values_list("pk", self.label))
        return iter(self.options)


def values_choices(field: forms.ModelChoiceField, label: str = "name") -> None:
    """Draw ``field``'s options from ``values_list("pk", label)`` of its queryset: one plain
    query, no model instances, no server-side cursor. ``label`` must be the column ``str(obj)``
    returns. Set the queryset and ``empty_label`` first."""
    field.widget.choices = _ValuesChoices(field, label)
