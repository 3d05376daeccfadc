"""One namespace, two prefixes: the admin pages under konference/, the public ones under
tilmelding/ (included at the root in trivsel/urls.py)."""

from django.urls import path

from . import admin_views, event_views, group_views, views

app_name = "conference"

urlpatterns = [
    path("konference/", views.EventListView.as_view(), name="event_list"),
    path("konference/<int:pk>/", views.RegistrationListView.as_view(), name="registration_list"),
    path("konference/nyt/", event_views.EventEditView.as_view(), name="event_create"),
    path("konference/<int:pk>/rediger/", event_views.EventEditView.as_view(), name="event_update"),
    path(
        "konference/<int:pk>/samtykketekster/",
        event_views.ConsentTextView.as_view(),
        name="consent_texts",
    ),
    path(
        "konference/tilmelding/<int:pk>/afmeld/",
        views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path(
        "konference/<int:pk>/indtjekning/<int:day_pk>/",
        views.CheckInView.as_view(),
        name="checkin",
    ),
    path(
        "konference/indtjek/<int:pk>/", views.CheckInBookingView.as_view(), name="checkin_booking"
    ),
    path(
        "konference/indtjek/<int:pk>/fortryd/",
        views.CheckInUndoView.as_view(),
        name="checkin_undo",
    ),
    path(
        "konference/tilmelding/<int:pk>/indtjek/",
        admin_views.RegistrationCheckInView.as_view(),
        name="registration_checkin",
    ),
    path(
        "konference/<int:pk>/e-mail/", admin_views.GroupMessageView.as_view(), name="group_message"
    ),
    path("konference/<int:pk>/navneskilte.pdf", admin_views.BadgesView.as_view(), name="badges"),
    path(
        "konference/<int:pk>/deltagerliste/<int:day_pk>.pdf",
        admin_views.DayListView.as_view(),
        name="day_list_pdf",
    ),
    # a staff login signs up pupils; a leader nominates staff for a course
    path("konference/elever/", group_views.PupilEventListView.as_view(), name="pupil_events"),
    path("konference/<int:pk>/elever/", group_views.PupilListView.as_view(), name="pupil_list"),
    path(
        "konference/elev/<int:pk>/samtykke/",
        group_views.PupilConsentView.as_view(),
        name="pupil_consent",
    ),
    path("konference/kurser/", group_views.CourseListView.as_view(), name="course_list"),
    path(
        "konference/kurser/<int:pk>/",
        group_views.CourseDetailView.as_view(),
        name="course_detail",
    ),
    path(
        "konference/nominering/<int:pk>/afmeld/",
        group_views.NominationWithdrawView.as_view(),
        name="nomination_withdraw",
    ),
    path("tilmelding/min/<str:token>/", views.manage, name="manage"),
    path("tilmelding/min/<str:token>/afmeld/", views.manage_cancel, name="manage_cancel"),
    path(
        "tilgaengelighedserklaering/",
        views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("tilmelding/<slug:slug>/", views.signup, name="signup"),
]
