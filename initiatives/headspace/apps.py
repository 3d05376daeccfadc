from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadspaceConfig(AppConfig):
    name = "initiatives.headspace"
    label = "headspace"
    verbose_name = _("Headspace-oplæg")
