from django.urls import path

from . import views

app_name = "griefgroups"

urlpatterns = [
    path("", views.GroupListView.as_view(), name="group_list"),
    path("ny/", views.GroupCreateView.as_view(), name="group_create"),
    path("<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
    path("<int:pk>/rediger/", views.GroupUpdateView.as_view(), name="group_update"),
    path("<int:group_pk>/moeder/nyt/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("moeder/<int:pk>/rediger/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path(
        "<int:pk>/evaluering/<int:period_pk>/",
        views.EvaluationView.as_view(),
        name="evaluation",
    ),
    path("kurser/", views.CourseListView.as_view(), name="course_list"),
    path("kurser/nyt/", views.CourseCreateView.as_view(), name="course_create"),
    path("kurser/<int:pk>/", views.CourseDetailView.as_view(), name="course_detail"),
    path("kurser/<int:pk>/rediger/", views.CourseUpdateView.as_view(), name="course_update"),
    path(
        "kurser/<int:course_pk>/kursusgange/ny/",
        views.SessionCreateView.as_view(),
        name="session_create",
    ),
    path("kursusgange/<int:pk>/rediger/", views.SessionUpdateView.as_view(), name="session_update"),
    path(
        "kursusgange/<int:pk>/fremmoede/",
        views.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
    path(
        "kurser/<int:course_pk>/indstil/",
        views.NominationCreateView.as_view(),
        name="nomination_create",
    ),
    path(
        "indstillinger/<int:pk>/afgoer/",
        views.NominationDecideView.as_view(),
        name="nomination_decide",
    ),
    path(
        "indstillinger/<int:pk>/traek-tilbage/",
        views.NominationWithdrawView.as_view(),
        name="nomination_withdraw",
    ),
    path(
        "indstillinger/<int:pk>/gennemfoert/",
        views.NominationCompleteView.as_view(),
        name="nomination_complete",
    ),
    path("uddannede-ledere/", views.TrainedLeadersView.as_view(), name="trained_leaders"),
    path("timesats/", views.HourlyRateView.as_view(), name="hourly_rate"),
    path("skalering/", views.ScalingView.as_view(), name="scaling"),
]
