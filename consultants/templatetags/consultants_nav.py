"""The consultants' own sub-menu: one main-menu entry («Konsulenter») keeps the portal's menu
short; the app's pages are reached from here, each shown to whoever ``access.can`` lets through."""

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
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


@register.simple_tag(takes_context=True)
def consultants_subnav(context):
    request = context["request"]
    return _subnav(
        request.user,
        access.role_of(request.user),
        request.resolver_match.view_name,
        get_language(),
        get_script_prefix(),
    )


def _subnav(user, role, view_name, language, prefix) -> str:
    """The sub-menu drawn once per process for each role, page and language: its
    entries are pages and record kinds, so ``access.can`` answers them from the role alone."""
    key = (role, view_name, language, prefix)
    if key not in _DRAWN:
        items = [
            {"label": label, "url": reverse(name), "active": view_name == name}
            for label, name, target, action in SUBNAV
            if access.can(user, action, target)
        ]
        _DRAWN[key] = render_to_string("consultants/_subnav.html", {"items": items})
    return _DRAWN[key]


_DRAWN: dict[tuple, str] = {}
