from django.urls import path

from . import views

app_name = "headspace"

urlpatterns = [
    path("", views.TalkListView.as_view(), name="talk_list"),
    path("book/", views.TalkCreateView.as_view(), name="talk_create"),
    path("<int:pk>/", views.TalkDetailView.as_view(), name="talk_detail"),
    path("<int:pk>/status/", views.TalkStatusView.as_view(), name="talk_status"),
    path("<int:pk>/feedback/", views.TalkFeedbackView.as_view(), name="talk_feedback"),
    path("daekning/", views.CoverageView.as_view(), name="coverage"),
    path("klassetrin/", views.TargetGradeListView.as_view(), name="target_list"),
    path("klassetrin/nyt/", views.TargetGradeCreateView.as_view(), name="target_create"),
    path(
        "klassetrin/<int:pk>/rediger/",
        views.TargetGradeUpdateView.as_view(),
        name="target_update",
    ),
    path("kalender/", views.CalendarView.as_view(), name="calendar"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]
