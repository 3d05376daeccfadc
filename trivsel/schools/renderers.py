"""The portal's form renderer: Django's, except that a ``<select>`` and an ``<input>`` are written
in Python.

Django renders a select through one template include per ``<option>`` (and one more for each
option's attributes): a filter with a select of 60 schools and one of 125 users cost more than
the rest of its page. ``PortalFormRenderer`` produces byte for byte what Django's
``django/forms/widgets/select.html`` and ``select_option.html`` produce (escaping, ``selected``,
``optgroup``, attributes with ``True``/``False`` values), and hands anything unusual — another
option template, a callable value — back to the templates. Text, date, number … inputs (one
template and an include each) the same way. ``tests/schools/test_renderers.py`` compares the two
on every kind of select and input the portal uses.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# the widget templates that are nothing but {% include "django/forms/widgets/input.html" %}
INPUT_TEMPLATES = {
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "checkbox", "color", "date", "datetime", "email", "file", "hidden")
    + ("number", "password", "search", "tel", "text", "time", "url")
}


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = select_html(context["widget"])
        elif template_name in INPUT_TEMPLATES:
            html = input_html(context["widget"])
        else:
            html = None
        if html is not None:
            return html
        return super().render(template_name, context, request=request)


class _Unusual(Exception):
    """Something the templates would treat in a way this module does not copy: use them."""


def select_html(widget: dict) -> str | None:
    """The select widget's HTML as Django's templates write it, or None to let them do it."""
    try:
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in options:
                if option["template_name"] != OPTION_TEMPLATE:
                    raise _Unusual
                value, attrs = option["value"], option["attrs"]
                if type(value) is ModelChoiceIteratorValue and type(value.value) is int:
                    value = str(value.value)  # what "%s" makes of it: digits, nothing to escape
                else:
                    value = _formatted(value)
                # the included option template ends with a newline
                parts.append(
                    f'\n  <option value="{value}"{_attrs(attrs) if attrs else ""}>'
                    f"{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
    except _Unusual:
        return None
    return "".join(parts).strip()  # as BaseRenderer.render does


def input_html(widget: dict) -> str | None:
    """``django/forms/widgets/input.html``, or None to let the template do it."""
    try:
        value = _resolved(widget["value"])
        shown = f' value="{_formatted(value)}"' if value != None else ""  # noqa: E711 - as the template
        return (
            f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
            f"{shown}{_attrs(widget['attrs'])}>"
        )
    except _Unusual:
        return None


def _resolved(value):
    """A template variable calls what is callable (unless told not to): not copied here."""
    if callable(value) and not getattr(value, "do_not_call_in_templates", False):
        raise _Unusual
    return value


def _text(value) -> str:
    """``{{ value }}`` of a template variable."""
    return value_html(value if type(value) is str else _resolved(value))


def value_html(value) -> str:
    """What ``{{ value }}`` writes for a value (``render_value_in_context``, autoescaping)."""
    if type(value) is str:
        return escape(value)  # what conditional_escape() does to a plain str
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescaping (the filter keeps safe strings safe)."""
    if type(value) is str:
        return escape(value)
    value = _resolved(value)
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 - the filter
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    if "items" in attrs:  # the template would look up attrs["items"], not attrs.items()
        raise _Unusual
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(f" {_text(name)}")
            if value is not True:
                out.append(f'="{_formatted(value)}"')
    return "".join(out)


class Select(forms.Select):
    """A single ``<select>`` written straight from its choices, without Django's option dicts
    (``optgroups``) in between — for the filter selects of a hundred users or schools. Same HTML
    as ``forms.Select`` (tested side by side); grouped choices and any other template go the
    usual way. Named as Django's: crispy-forms derives a CSS class from the widget's class name."""

    def render(self, name, value, attrs=None, renderer=None):
        if (
            self.template_name == SELECT_TEMPLATE
            and self.option_template_name == OPTION_TEMPLATE
            and not self.allow_multiple_selected
        ):
            widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
            html = _direct_select_html(widget, self.choices)
            if html is not None:
                return mark_safe(html)  # noqa: S308 - escaped as the templates escape
        return super().render(name, value, attrs=attrs, renderer=renderer)


def _direct_select_html(widget: dict, choices) -> str | None:
    """``select_html`` for ungrouped choices, selecting as ``ChoiceWidget.optgroups`` does (the
    first choice whose value, as text, is among the widget's values)."""
    selected_values = widget["value"]
    try:
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        has_selected = False
        for option_value, option_label in choices:
            if isinstance(option_label, list | tuple):
                raise _Unusual  # an optgroup
            if option_value is None:
                option_value = ""
            selected = not has_selected and str(option_value) in selected_values
            has_selected |= selected
            if type(option_value) is ModelChoiceIteratorValue and type(option_value.value) is int:
                shown = str(option_value.value)
            else:
                shown = _formatted(option_value)
            parts.append(
                f'\n  <option value="{shown}"{" selected" if selected else ""}>'
                f"{_text(option_label)}</option>\n"
            )
        parts.append("\n</select>")
    except _Unusual:
        return None
    return "".join(parts).strip()
