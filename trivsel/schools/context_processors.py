from django.conf import settings

from . import access
from .navigation import menu_groups_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "nav_groups": menu_groups_for(user, _view_name(request))
        if user is not None and user.is_authenticated
        else [],
        "user_role": access.role_of(user),
        "DEMO_DATE": settings.DEMO_DATE,
        "DEMO_CLOCK": settings.DEMO_CLOCK,
    }


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""
