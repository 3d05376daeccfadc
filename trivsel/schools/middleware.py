import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .locking import LockTimeout

logger = logging.getLogger(__name__)


class PortalLanguageMiddleware:
    """Danish unless the user chose another language with the footer's switch (the language
    cookie). Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language, so an
    English browser does not get `lang="en"` on a page whose untranslated texts are Danish."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RefusedWriteMiddleware:
    """The net under the views: a write that a service refused (``ValidationError``) or that did
    not get its lock in time (``locking.LockTimeout``) and that its view did not answer is never a
    500. A post goes back to the page it was sent from, with the Danish message (the page then
    shows the current state); without such a page the message gets a page of its own (409, or
    503 while busy). Views answer these themselves where they can; a refusal that reaches this
    net is logged, so its view can be taught to."""

    UNSAFE = ("POST", "PUT", "PATCH", "DELETE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        busy = isinstance(exception, LockTimeout)
        if (
            request.method not in self.UNSAFE
            or not (busy or isinstance(exception, ValidationError))
            or not request.accepts("text/html")  # a JSON client gets its API's own answers
        ):
            return None
        texts = [str(exception)] if busy else exception.messages
        if not busy:
            logger.warning("A refusal reached no view's answer on %s: %s", request.path, texts)
        back = request.META.get("HTTP_REFERER", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            for text in texts:
                messages.error(request, text)
            return HttpResponseRedirect(back)
        title = _("Systemet er optaget") if busy else _("Det kunne ikke gemmes")
        response = render(
            request, "refused.html", {"title": title, "texts": texts}, status=503 if busy else 409
        )
        if busy:
            response["Retry-After"] = "5"
        return response
