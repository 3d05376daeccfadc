from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenschoolConfig(AppConfig):
    name = "initiatives.openschool"
    label = "openschool"
    verbose_name = _("Åben Skole-midler")
