from django.urls import path

from .views import readlog, records, school_years, users

app_name = "schools"

urlpatterns = [
    path("skoler/", records.SchoolListView.as_view(), name="school_list"),
    path("skoler/ny/", records.SchoolCreateView.as_view(), name="school_create"),
    path("skoler/<int:pk>/", records.SchoolDetailView.as_view(), name="school_detail"),
    path("skoler/<int:pk>/rediger/", records.SchoolUpdateView.as_view(), name="school_update"),
    path(
        "skoler/<int:school_pk>/klasser/ny/",
        records.SchoolClassCreateView.as_view(),
        name="class_create",
    ),
    path("klasser/<int:pk>/rediger/", records.SchoolClassUpdateView.as_view(), name="class_update"),
    path("klasser/<int:pk>/slet/", records.SchoolClassDeleteView.as_view(), name="class_delete"),
    path("medarbejdere/", records.StaffListView.as_view(), name="staff_list"),
    path("medarbejdere/ny/", records.StaffCreateView.as_view(), name="staff_create"),
    path("medarbejdere/<int:pk>/rediger/", records.StaffUpdateView.as_view(), name="staff_update"),
    # user administration (invitations, roles, deactivation)
    path("brugere/", users.UserListView.as_view(), name="user_list"),
    path("brugere/inviter/", users.UserInviteView.as_view(), name="user_invite"),
    path("brugere/<int:pk>/rediger/", users.UserUpdateView.as_view(), name="user_update"),
    path(
        "brugere/<int:pk>/inviter-igen/",
        users.UserReinviteView.as_view(),
        name="user_reinvite",
    ),
    path(
        "brugere/<int:pk>/deaktiver/",
        users.UserDeactivateView.as_view(),
        name="user_deactivate",
    ),
    path("brugere/<int:pk>/aktiver/", users.UserActivateView.as_view(), name="user_activate"),
    path("organisationer/", records.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisationer/ny/", records.OrganisationCreateView.as_view(), name="organisation_create"
    ),
    path(
        "organisationer/<int:pk>/rediger/",
        records.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path("partnere/", records.PartnerListView.as_view(), name="partner_list"),
    path("partnere/ny/", records.PartnerCreateView.as_view(), name="partner_create"),
    path("partnere/<int:pk>/rediger/", records.PartnerUpdateView.as_view(), name="partner_update"),
    path("skoleaar/", records.SchoolYearListView.as_view(), name="schoolyear_list"),
    path("skoleaar/ny/", records.SchoolYearCreateView.as_view(), name="schoolyear_create"),
    path(
        "skoleaar/<int:pk>/rediger/",
        records.SchoolYearUpdateView.as_view(),
        name="schoolyear_update",
    ),
    path("halvaar/", records.PeriodListView.as_view(), name="period_list"),
    path("halvaar/ny/", records.PeriodCreateView.as_view(), name="period_create"),
    path("halvaar/<int:pk>/rediger/", records.PeriodUpdateView.as_view(), name="period_update"),
    # every August: class import, «Nyt skoleår», switching the current year
    path("skoleaar/import/", school_years.ClassImportView.as_view(), name="class_import"),
    path(
        "skoleaar/import/eksempel.csv",
        school_years.ClassImportExampleView.as_view(),
        name="class_import_example",
    ),
    path("skoleaar/nyt/", school_years.NewSchoolYearView.as_view(), name="new_school_year"),
    path(
        "skoleaar/<int:pk>/aktuelt/",
        school_years.SchoolYearMakeCurrentView.as_view(),
        name="schoolyear_make_current",
    ),
    # who read which sensitive record (coordinators)
    path("laeselog/", readlog.ReadLogListView.as_view(), name="readlog_list"),
]
