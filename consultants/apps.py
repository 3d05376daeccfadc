from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultantsConfig(AppConfig):
    name = "consultants"
    label = "consultants"
    verbose_name = _("Konsulenternes arbejde")

    def ready(self):
        from . import signals

        signals.connect()  # writes bump the cached activity list's data version
