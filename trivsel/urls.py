from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from consultants import views as consultant_views
from trivsel.schools.forms.users import PasswordResetForm
from trivsel.schools.views.csp import csp_report
from trivsel.schools.views.home import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path(
        "konto/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"
    ),
    path("konto/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/adgangskode/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/adgangskode/skiftet/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "konto/glemt/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "konto/glemt/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "konto/nulstil/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nulstil/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("sprog/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("csp-rapport/", csp_report, name="csp_report"),
    path("", include("trivsel.schools.urls")),
    path("konsulenter/", include("consultants.urls")),
    # the consultants' service worker lives at the root so its scope covers the offline form
    path("sw.js", consultant_views.service_worker, name="service_worker"),
    path("aaben-skole/", include("initiatives.openschool.urls")),
    path("headspace/", include("initiatives.headspace.urls")),
    path("sorggrupper/", include("initiatives.griefgroups.urls")),
    path("", include("conference.urls")),  # konference/ (admin) and tilmelding/ (public)
    path("provehandlinger/", include("initiatives.trials.urls")),
    path("statusnotat/", include("trivsel.statusnote.urls")),
    path("", include("trivsel.security.urls")),
    path("admin/", admin.site.urls),
]
