from django import template

from trivsel.schools import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, target: str) -> bool:
    """``{% can "read" "griefgroups.course" as may_read %}``: the access module's answer, so a
    template shows a link only to those it lets through."""
    request = context.get("request")
    return access.can(getattr(request, "user", None), action, target)
