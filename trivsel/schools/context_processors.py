from django.conf import settings

from . import access
from .navigation import menu_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": menu_for(user) if user is not None and user.is_authenticated else [],
        "user_role": access.role_of(user),
        "DEMO_DATE": settings.DEMO_DATE,
    }
