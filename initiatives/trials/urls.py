from django.urls import path

from . import views

app_name = "trials"

urlpatterns = [
    path("", views.TrialActionListView.as_view(), name="trialaction_list"),
    path("ny/", views.TrialActionCreateView.as_view(), name="trialaction_create"),
    path("<int:pk>/", views.TrialActionDetailView.as_view(), name="trialaction_detail"),
    path("<int:pk>/rediger/", views.TrialActionUpdateView.as_view(), name="trialaction_update"),
    path("<int:pk>/evaluer/", views.TrialActionEvaluateView.as_view(), name="trialaction_evaluate"),
    path("<int:pk>/bilag/ny/", views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path("bilag/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("bilag/<int:pk>/slet/", views.AttachmentDeleteView.as_view(), name="attachment_delete"),
    path("daekning/", views.CoverageView.as_view(), name="coverage"),
    path("temaer/", views.ThemeListView.as_view(), name="theme_list"),
    path("temaer/nyt/", views.ThemeCreateView.as_view(), name="theme_create"),
    path("temaer/<int:pk>/rediger/", views.ThemeUpdateView.as_view(), name="theme_update"),
    path("temadage/", views.ThemeDayListView.as_view(), name="themeday_list"),
    path("temadage/ny/", views.ThemeDayCreateView.as_view(), name="themeday_create"),
    path("temadage/<int:pk>/", views.ThemeDayDetailView.as_view(), name="themeday_detail"),
    path("temadage/<int:pk>/rediger/", views.ThemeDayUpdateView.as_view(), name="themeday_update"),
    path(
        "temadage/<int:pk>/program/nyt/",
        views.ProgrammeItemCreateView.as_view(),
        name="programmeitem_create",
    ),
    path(
        "program/<int:pk>/rediger/",
        views.ProgrammeItemUpdateView.as_view(),
        name="programmeitem_update",
    ),
    path(
        "program/<int:pk>/slet/",
        views.ProgrammeItemDeleteView.as_view(),
        name="programmeitem_delete",
    ),
    path(
        "temadage/<int:pk>/udrulningsplan/ny/",
        views.RolloutPlanCreateView.as_view(),
        name="rolloutplan_create",
    ),
    path(
        "udrulningsplaner/<int:pk>/rediger/",
        views.RolloutPlanUpdateView.as_view(),
        name="rolloutplan_update",
    ),
]
