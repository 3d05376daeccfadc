from django.conf import settings


def security(request):
    return {"sso_enabled": settings.SSO_ENABLED}
