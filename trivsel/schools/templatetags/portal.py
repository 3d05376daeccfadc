from functools import partialmethod

from django import template
from django.db.models import Model

from trivsel.schools.choices import choice_label

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
