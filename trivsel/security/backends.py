from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes first in AUTHENTICATION_BACKENDS: refuses a locked-out username/address before
    any password is checked. Every login over the web passes the request; a call without one
    (a management command, the test client's ``login()``) is not a web login and is let through
    to the password backend."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
