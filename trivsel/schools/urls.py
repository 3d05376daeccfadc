from django.urls import path

from . import user_views, views, views_readlog, views_school_years

app_name = "schools"

urlpatterns = [
    path("skoler/", views.SchoolListView.as_view(), name="school_list"),
    path("skoler/ny/", views.SchoolCreateView.as_view(), name="school_create"),
    path("skoler/<int:pk>/", views.SchoolDetailView.as_view(), name="school_detail"),
    path("skoler/<int:pk>/rediger/", views.SchoolUpdateView.as_view(), name="school_update"),
    path(
        "skoler/<int:school_pk>/klasser/ny/",
        views.SchoolClassCreateView.as_view(),
        name="class_create",
    ),
    path("klasser/<int:pk>/rediger/", views.SchoolClassUpdateView.as_view(), name="class_update"),
    path("klasser/<int:pk>/slet/", views.SchoolClassDeleteView.as_view(), name="class_delete"),
    path("medarbejdere/", views.StaffListView.as_view(), name="staff_list"),
    path("medarbejdere/ny/", views.StaffCreateView.as_view(), name="staff_create"),
    path("medarbejdere/<int:pk>/rediger/", views.StaffUpdateView.as_view(), name="staff_update"),
    # user administration (invitations, roles, deactivation)
    path("brugere/", user_views.UserListView.as_view(), name="user_list"),
    path("brugere/inviter/", user_views.UserInviteView.as_view(), name="user_invite"),
    path("brugere/<int:pk>/rediger/", user_views.UserUpdateView.as_view(), name="user_update"),
    path(
        "brugere/<int:pk>/inviter-igen/",
        user_views.UserReinviteView.as_view(),
        name="user_reinvite",
    ),
    path(
        "brugere/<int:pk>/deaktiver/",
        user_views.UserDeactivateView.as_view(),
        name="user_deactivate",
    ),
    path("brugere/<int:pk>/aktiver/", user_views.UserActivateView.as_view(), name="user_activate"),
    path("organisationer/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisationer/ny/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path(
        "organisationer/<int:pk>/rediger/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path("partnere/", views.PartnerListView.as_view(), name="partner_list"),
    path("partnere/ny/", views.PartnerCreateView.as_view(), name="partner_create"),
    path("partnere/<int:pk>/rediger/", views.PartnerUpdateView.as_view(), name="partner_update"),
    path("skoleaar/", views.SchoolYearListView.as_view(), name="schoolyear_list"),
    path("skoleaar/ny/", views.SchoolYearCreateView.as_view(), name="schoolyear_create"),
    path(
        "skoleaar/<int:pk>/rediger/", views.SchoolYearUpdateView.as_view(), name="schoolyear_update"
    ),
    path("halvaar/", views.PeriodListView.as_view(), name="period_list"),
    path("halvaar/ny/", views.PeriodCreateView.as_view(), name="period_create"),
    path("halvaar/<int:pk>/rediger/", views.PeriodUpdateView.as_view(), name="period_update"),
    # every August: class import, «Nyt skoleår», switching the current year
    path("skoleaar/import/", views_school_years.ClassImportView.as_view(), name="class_import"),
    path(
        "skoleaar/import/eksempel.csv",
        views_school_years.ClassImportExampleView.as_view(),
        name="class_import_example",
    ),
    path("skoleaar/nyt/", views_school_years.NewSchoolYearView.as_view(), name="new_school_year"),
    path(
        "skoleaar/<int:pk>/aktuelt/",
        views_school_years.SchoolYearMakeCurrentView.as_view(),
        name="schoolyear_make_current",
    ),
    # who read which sensitive record (coordinators)
    path("laeselog/", views_readlog.ReadLogListView.as_view(), name="readlog_list"),
]
