from django import template
from django.db.models import Model

register = template.Library()


@register.filter
def attr(obj, path: str):
    """``{{ row|attr:"school.name" }}``: follows a dotted path; uses get_FOO_display for choices."""
    value = obj
    for part in path.split("."):
        if value is None:
            return ""
        display = getattr(value, f"get_{part}_display", None)
        if isinstance(value, Model) and callable(display):
            value = display()
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
