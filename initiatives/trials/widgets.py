"""Form widgets for big filter forms that render in Python.

Django renders a select through one template per option (``select_option.html`` and
``attrs.html``): with 60 schools, the half-years and the themes that is most of a list page's
filter form. ``QuickSelect`` (and ``QuickTextInput``/``QuickDateInput``) build the same context as
Django's widgets (the same attributes, ``selected``, option groups) and write exactly the HTML
Django's templates would — only without the template engine. Shared-helper candidate: it lives
here because the trials list needs it.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.safestring import SafeData, SafeString, mark_safe


def esc(value) -> str:
    """Django's ``conditional_escape`` without its lazy-string wrappers (it runs hundreds of
    times per page): the same escaping (``html.escape``); text already marked safe, and whole
    numbers, are left as they are."""
    if isinstance(value, SafeData) or type(value) is int:
        return str(value)
    return escape(str(value))


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: ``False`` leaves the attribute out, ``True`` writes
    its name alone."""
    if not attrs:
        return ""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {esc(name)}")
        else:
            out.append(f' {esc(name)}="{esc(value)}"')
    return "".join(out)


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{esc(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{esc(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{esc(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class _QuickInput:
    """``django/forms/widgets/input.html`` in Python."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        value_attr = "" if widget["value"] is None else f' value="{esc(widget["value"])}"'
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"'
            f"{value_attr}{_attrs(widget['attrs'])}>"
        )


class QuickTextInput(_QuickInput, forms.TextInput):
    pass


class QuickDateInput(_QuickInput, forms.DateInput):
    pass
