from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Login (lock-out, two-factor, single sign-on), the audit pages, deletion deadlines and
    data-subject requests. Imports no feature app: apps contribute through small registries
    (``retention.py`` and ``subject.py`` beside their models)."""

    default = True
    name = "trivsel.security"
    label = "security"
    verbose_name = _("Sikkerhed og databeskyttelse")

    def ready(self):
        from . import history, login, retention, subjects

        history.cache_history_manager_classes()
        login.connect_signals()
        retention.autodiscover()
        subjects.autodiscover()


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: superusers need two-factor, sensitive free text is hidden."""

    default = False
    default_site = "trivsel.security.admin_site.PortalAdminSite"
