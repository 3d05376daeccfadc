from django.conf import settings

from .login import needs_second_factor


def security(request):
    return {"sso_enabled": settings.SSO_ENABLED}


def second_factor(request):
    """Until a coordinator or IT admin has given the second factor, the page shows no menu: its
    links would only lead back to the code page."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and needs_second_factor(request):
        return {"nav_groups": [], "awaiting_second_factor": True}
    return {}
