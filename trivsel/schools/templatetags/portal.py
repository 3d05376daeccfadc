from functools import partialmethod

from django import template
from django.db.models import Model
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from trivsel.schools import links
from trivsel.schools.choices import choice_label
from trivsel.schools.renderers import value_html

register = template.Library()

# (model class, name) → the field name behind its generated get_<name>_display(), True for a
# display method of the model's own, None for none; looked up once per class
_DISPLAY: dict[tuple[type, str], str | bool | None] = {}


def _display(cls: type, part: str) -> str | bool | None:
    key = (cls, part)
    if key not in _DISPLAY:
        name = f"get_{part}_display"
        found = None
        for klass in cls.__mro__:
            if name in vars(klass):
                method = vars(klass)[name]
                field = method.keywords.get("field") if isinstance(method, partialmethod) else None
                found = field.name if field is not None else callable(method) or None
                break
        _DISPLAY[key] = found
    return _DISPLAY[key]


@register.filter
def attr(obj, path: str):
    """``{{ row|attr:"school.name" }}``: follows a dotted path; uses get_FOO_display for choices."""
    value = obj
    for part in path.split("."):
        if value is None:
            return ""
        if isinstance(value, Model):
            display = _display(type(value), part)
            if display is True:
                value = getattr(value, f"get_{part}_display")()
                continue
            if display is not None:
                value = choice_label(value, display)
                continue
        value = getattr(value, part, "")
        if callable(value) and not isinstance(value, Model):
            value = value()
    if value is True:
        return "Ja"
    if value is False:
        return "Nej"
    return "" if value is None else value


@register.simple_tag(takes_context=True)
def can(context, action: str, target: str) -> bool:
    """``{% can "read" "griefgroups.course" as may_read %}``: the access module's answer, so a
    template shows a link only to those it lets through."""
    from trivsel.schools import access

    request = context.get("request")
    return access.can(getattr(request, "user", None), action, target)


@register.simple_tag
def pk_url(viewname: str, pk) -> str:
    """``{% pk_url "schools:user_update" row.pk %}``: ``{% url %}`` for a row's link, without a
    reverse() per row (trivsel.schools.links)."""
    return links.pk_url(viewname, pk)


def _lookup(obj, name: str):
    """``{{ obj.name }}`` of a template: missing is None, a method is called (unless it alters
    data or says not to be called, as the template engine does)."""
    value = getattr(obj, name, None)
    if callable(value) and not getattr(value, "do_not_call_in_templates", False):
        value = None if getattr(value, "alters_data", False) else value()
    return value


@register.simple_tag
def object_rows(rows, columns, link_column) -> str:
    """The ``<tr>``s of ``portal/object_list.html``: one cell per (path, heading) of ``columns``
    with the heading as ``data-label`` (the stacked mobile table), the ``link_column``'th cell
    linking to the row's ``get_absolute_url``, and a «Redigér» button with the row's name for
    screen readers when the row may be edited. Written here rather than in the template: a page of
    50 rows and five columns was some 1,500 template nodes, the costliest part of the page.
    Every value is escaped as ``{{ }}`` would (``value_html``). Rows a view has already written
    (a ``SafeString``, e.g. ``listrows.staff_rows``) are returned as they are."""
    if isinstance(rows, SafeString):
        return rows
    edit = value_html(gettext("Redigér"))
    labels = [value_html(heading) for _path, heading in columns]
    out = []
    for row in rows:
        cells = []
        for index, (path, _heading) in enumerate(columns):
            value = value_html(attr(row, path))
            url = _lookup(row, "get_absolute_url") if index == link_column else None
            if url:
                value = f'<a href="{value_html(url)}">{value}</a>'
            cells.append(f'<td data-label="{labels[index]}">{value}</td>')
        edit_url = _lookup(row, "can_edit") and _lookup(row, "get_edit_url")
        button = (
            f'<a class="btn btn-sm btn-outline-primary" href="{value_html(edit_url)}">{edit}'
            f'<span class="visually-hidden"> {value_html(row)}</span></a>'
            if edit_url
            else ""
        )
        out.append(f'<tr>{"".join(cells)}<td class="text-end">{button}</td></tr>')
    return mark_safe("\n".join(out))  # noqa: S308 - built from escaped parts above
