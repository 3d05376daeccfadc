from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusnoteConfig(AppConfig):
    name = "trivsel.statusnote"
    label = "statusnote"
    verbose_name = _("Statusnotat")
