from django.urls import path

from . import views

app_name = "openschool"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="application_list"),
    path("ansoeg/", views.ApplicationCreateView.as_view(), name="application_create"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("<int:pk>/rediger/", views.ApplicationUpdateView.as_view(), name="application_update"),
    path("<int:pk>/afgoer/", views.ApplicationDecideView.as_view(), name="application_decide"),
    path("<int:pk>/afrapporter/", views.ReportCreateView.as_view(), name="report_create"),
    path("oekonomi/", views.OverviewView.as_view(), name="overview"),
    path("programmer/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmer/ny/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path(
        "programmer/<int:pk>/rediger/",
        views.ProgrammeUpdateView.as_view(),
        name="programme_update",
    ),
    path("tilbud/", views.OfferListView.as_view(), name="offer_list"),
    path("tilbud/ny/", views.OfferCreateView.as_view(), name="offer_create"),
    path("tilbud/<int:pk>/rediger/", views.OfferUpdateView.as_view(), name="offer_update"),
]
