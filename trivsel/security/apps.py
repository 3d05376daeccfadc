from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from . import login, middleware


class SecurityConfig(AppConfig):
    """Login (lock-out, two-factor, single sign-on), the audit pages, deletion deadlines and
    data-subject requests. Imports no feature app: apps contribute through small registries
    (``retention.py`` and ``subject.py`` beside their models)."""

    default = True
    name = "trivsel.security"
    label = "security"
    verbose_name = _("Sikkerhed og databeskyttelse")

    def ready(self):
        # here, not at the top: these import models, which exist only once the registry is ready
        from . import history, retention, subjects

        history.cache_history_manager_classes()
        user_logged_in.connect(login.mark_sso_login, dispatch_uid="trivsel-sso-strong")
        user_logged_in.connect(middleware.mark_seen, dispatch_uid="trivsel-idle-clock")
        retention.autodiscover()
        subjects.autodiscover()


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: superusers need two-factor, sensitive free text is hidden."""

    default = False
    default_site = "trivsel.security.admin_site.PortalAdminSite"
