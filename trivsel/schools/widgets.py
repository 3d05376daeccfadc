"""Widgets for the filter forms of busy list pages.

Django renders a ``<select>`` through one template per ``<option>``; a filter with the 60 schools
of the 10× demo costs more than the page's table (issue 11). ``FastSelect`` writes the very same
HTML (Django's ``select.html``/``select_option.html``, whitespace included) in Python, and
``values_choices`` fills a model choice field's options from one plain query — no model
instances, no server-side cursor. Validation is untouched: the field still checks a submitted
value against its queryset.
"""

from __future__ import annotations

from html import escape

from django import forms
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


class FastSelect(forms.Select):
    """A ``<select>`` with Django's markup, rendered without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_esc(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{_esc(str(option["value"]))}"'
                    f'{_attrs(option["attrs"])}>{_esc(option["label"])}</option>\n'
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def values_choices(field: forms.ModelChoiceField, label: str = "name") -> None:
    """Give ``field`` a ``FastSelect`` whose options come from ``values_list("pk", label)`` of
    its queryset. ``label`` must be the column ``str(obj)`` returns."""
    options = list(field.queryset.values_list("pk", label))
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    widget = FastSelect(attrs=field.widget.attrs)
    widget.choices = empty + options
    widget.is_required = field.widget.is_required
    field.widget = widget
