"""One namespace, two prefixes: the admin pages under konference/, the public ones under
tilmelding/ (included at the root in trivsel/urls.py)."""

from django.urls import path

from . import views

app_name = "conference"

urlpatterns = [
    path("konference/", views.EventListView.as_view(), name="event_list"),
    path("konference/<int:pk>/", views.RegistrationListView.as_view(), name="registration_list"),
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
    path("tilmelding/min/<str:token>/", views.manage, name="manage"),
    path("tilmelding/min/<str:token>/afmeld/", views.manage_cancel, name="manage_cancel"),
    path("tilmelding/<slug:slug>/", views.signup, name="signup"),
]
