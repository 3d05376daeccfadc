from django.conf import settings
from django.utils import translation


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
