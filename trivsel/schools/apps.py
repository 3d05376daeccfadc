from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import homecards, sections


class SchoolsConfig(AppConfig):
    name = "trivsel.schools"
    label = "schools"
    verbose_name = _("Skoler og brugere")

    def ready(self):
        sections.autodiscover()  # every app's statusnote.py registers its status-note section
        homecards.autodiscover()  # every app's home.py registers its home-page cards
