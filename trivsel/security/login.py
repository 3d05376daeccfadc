"""Who must give a second factor, and what counts as strong.

* Coordinators and superusers who logged in with a password must enter a one-time code (TOTP
  from an authenticator app, or one of their static backup codes) before anything else.
* A single sign-on login (OpenID Connect, the municipality's identity provider) is strong already:
  the provider did the strong authentication, so no code is asked for.
"""

from __future__ import annotations

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login

SSO_SESSION_KEY = "trivsel_sso_login"
SSO_BACKEND = "trivsel.security.oidc.PortalOIDCBackend"


def requires_two_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.role in settings.TWO_FACTOR_ROLES)


def is_strong(request) -> bool:
    """Verified with a one-time code in this session (django_otp.login put the device's id in the
    session), or logged in through single sign-on. Read from the session alone: no query per
    page. (Deleting a device therefore ends strong sessions only when they end, at most
    SESSION_IDLE_MINUTES later; deactivating the user ends them at once.)"""
    session = getattr(request, "session", None) or {}
    return bool(session.get(DEVICE_ID_SESSION_KEY) or session.get(SSO_SESSION_KEY))


def second_factor_passed(request, device) -> None:
    """The session is verified with ``device``; under a new key, as Django's own login does, so
    a key seen before the code (a shared tablet, a planted cookie) is worth nothing after it."""
    request.session.cycle_key()
    otp_login(request, device)


def needs_second_factor(request) -> bool:
    return requires_two_factor(request.user) and not is_strong(request)


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def axes_username(request, credentials) -> str:
    """django-axes counts failures per username as the backend matches it: case-insensitively."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).strip().lower()


def mark_sso_login(sender, request, user, **kwargs):
    """At login (``user_logged_in``): a single sign-on login is strong for the whole session."""
    if request is not None and getattr(user, "backend", "") == SSO_BACKEND:
        request.session[SSO_SESSION_KEY] = True
