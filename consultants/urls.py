from django.urls import path

from . import views, views_sync

app_name = "consultants"

urlpatterns = [
    path("", views.ActivityListView.as_view(), name="activity_list"),
    path("ny/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("sync/", views_sync.sync, name="sync"),
    path("aktiviteter/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path(
        "aktiviteter/<int:pk>/rediger/",
        views.ActivityUpdateView.as_view(),
        name="activity_update",
    ),
    path("aktiviteter/<int:pk>/slet/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path(
        "aktiviteter/<int:pk>/opfoelgning/ny/",
        views.FollowUpCreateView.as_view(),
        name="followup_create",
    ),
    path("opfoelgning/<int:pk>/udfoert/", views.FollowUpDoneView.as_view(), name="followup_done"),
    path("opfoelgning/", views.OverdueFollowUpsView.as_view(), name="followup_overdue"),
    path("uge/", views.WeekView.as_view(), name="week"),
    path("oversigt/", views.SchoolKindView.as_view(), name="school_kind"),
    path("udfordringer/", views.ChallengeTagListView.as_view(), name="tag_list"),
    path("udfordringer/ny/", views.ChallengeTagCreateView.as_view(), name="tag_create"),
    path(
        "udfordringer/<int:pk>/rediger/",
        views.ChallengeTagUpdateView.as_view(),
        name="tag_update",
    ),
    path("trivselsforloeb/", views.WellbeingCourseListView.as_view(), name="course_list"),
    path("trivselsforloeb/ny/", views.WellbeingCourseCreateView.as_view(), name="course_create"),
    path(
        "trivselsforloeb/<int:pk>/",
        views.WellbeingCourseDetailView.as_view(),
        name="course_detail",
    ),
    path(
        "trivselsforloeb/<int:pk>/rediger/",
        views.WellbeingCourseUpdateView.as_view(),
        name="course_update",
    ),
    path("pit/", views.PitMeetingListView.as_view(), name="pit_list"),
    path("pit/ny/", views.PitMeetingCreateView.as_view(), name="pit_create"),
    path("pit/<int:pk>/rediger/", views.PitMeetingUpdateView.as_view(), name="pit_update"),
    path("eksempler/", views.ExampleCaseListView.as_view(), name="case_list"),
    path("eksempler/ny/", views.ExampleCaseCreateView.as_view(), name="case_create"),
    path("eksempler/<int:pk>/", views.ExampleCaseDetailView.as_view(), name="case_detail"),
    path("eksempler/<int:pk>/rediger/", views.ExampleCaseUpdateView.as_view(), name="case_update"),
    path(
        "eksempler/<int:pk>/godkend/", views.ExampleCaseApproveView.as_view(), name="case_approve"
    ),
]
