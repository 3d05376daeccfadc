from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GriefgroupsConfig(AppConfig):
    name = "initiatives.griefgroups"
    label = "griefgroups"
    verbose_name = _("Sorggrupper")
