"""Security middleware: response headers Django does not set itself, and the two-factor gate."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import login


class SecurityHeadersMiddleware:
    """Permissions-Policy (no camera, microphone, location …) on every response. X-Frame-Options,
    Referrer-Policy, Cross-Origin-Opener-Policy, HSTS and nosniff come from Django's own
    middleware, the Content Security Policy from django-csp."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# Pages an unverified coordinator may still reach: the two-factor pages, logging out, assets.
_OPEN_PREFIXES = ("/static/", "/jsi18n/", "/csp-rapport/", "/sprog/")


class TwoFactorRequiredMiddleware:
    """A coordinator or superuser who logged in with a password is sent to the two-factor page
    (enrolment first, if they have no device) until they have entered a code. A single sign-on
    login counts as strong. Needs django_otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and login.needs_second_factor(request):
            open_paths = {
                reverse("security:otp_verify"),
                reverse("security:otp_enrol"),
                reverse("logout"),
            }
            if request.path not in open_paths and not request.path.startswith(_OPEN_PREFIXES):
                target = "security:otp_verify" if login.has_device(user) else "security:otp_enrol"
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)


LAST_SEEN_KEY = "trivsel_last_seen"
REFRESH_SECONDS = 60  # the deadline moves at most once a minute: no session write per page


class IdleTimeoutMiddleware:
    """Logs a user out after ``SESSION_COOKIE_AGE`` seconds without a request (shared tablets).
    The last request's time is kept in the session (set at login, refreshed at most once a
    minute, which also moves the session's own expiry in the database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(
                    request, _("Du er logget ud, fordi du ikke har brugt portalen et stykke tid.")
                )
                return redirect(f"{reverse('login')}?next={request.get_full_path()}")
            if now - last_seen > REFRESH_SECONDS or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def mark_seen(sender, request, user, **kwargs):
    """At login: the idle clock starts (saved with the login's own session write)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = time.time()
