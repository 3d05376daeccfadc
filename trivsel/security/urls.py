from django.urls import path

from . import views_audit, views_login, views_subjects

app_name = "security"

urlpatterns = [
    path("konto/totrin/", views_login.OtpVerifyView.as_view(), name="otp_verify"),
    path("konto/totrin/tilknyt/", views_login.OtpEnrolView.as_view(), name="otp_enrol"),
    path("konto/sso/", views_login.SsoStartView.as_view(), name="sso_start"),
    path("konto/sso/retur/", views_login.SsoCallbackView.as_view(), name="sso_callback"),
    path("aendringslog/", views_audit.ChangeLogView.as_view(), name="changelog"),
    path("registrerede/", views_subjects.SubjectSearchView.as_view(), name="subject_search"),
    path(
        "registrerede/e-mail/eksport/",
        views_subjects.SubjectExportView.as_view(),
        name="subject_email_export",
    ),
    path(
        "registrerede/e-mail/slet/",
        views_subjects.SubjectEraseView.as_view(),
        name="subject_email_erase",
    ),
    path(
        "registrerede/<int:pk>/eksport/",
        views_subjects.SubjectExportView.as_view(),
        name="subject_export",
    ),
    path(
        "registrerede/<int:pk>/slet/",
        views_subjects.SubjectEraseView.as_view(),
        name="subject_erase",
    ),
]
