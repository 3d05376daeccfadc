"""The consultants' own sub-menu: one main-menu entry («Konsulenter») keeps the portal's menu
short; the app's pages are reached from here, each shown to whoever ``access.can`` lets through."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trivsel.schools import access

register = template.Library()

SUBNAV = [
    (_("Aktiviteter"), "consultants:activity_list", "consultants.activity", "read"),
    (_("Ny registrering"), "consultants:activity_create", "consultants.activity", "edit"),
    (_("Ugen"), "consultants:week", "page:consultants_learning", "read"),
    (_("Skoler × type"), "consultants:school_kind", "page:consultants_learning", "read"),
    (
        _("Opfølgninger over tid"),
        "consultants:followup_overdue",
        "page:consultants_learning",
        "read",
    ),
    (_("Trivselsforløb"), "consultants:course_list", "consultants.wellbeingcourse", "read"),
    (_("PIT-møder"), "consultants:pit_list", "consultants.pitmeeting", "read"),
    (_("Eksempler"), "consultants:case_list", "consultants.examplecase", "read"),
    (_("Udfordringer"), "consultants:tag_list", "consultants.challengetag", "edit"),
]


@register.inclusion_tag("consultants/_subnav.html", takes_context=True)
def consultants_subnav(context):
    request = context["request"]
    items = [
        {"label": label, "url": reverse(name), "active": request.resolver_match.view_name == name}
        for label, name, target, action in SUBNAV
        if access.can(request.user, action, target)
    ]
    return {"items": items}
