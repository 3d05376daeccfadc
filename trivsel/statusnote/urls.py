from django.urls import path

from . import views

app_name = "statusnote"

urlpatterns = [
    path("", views.NoteListView.as_view(), name="note_list"),
    path("nyt/", views.NoteCreateView.as_view(), name="note_create"),
    path("<int:pk>/", views.NoteDetailView.as_view(), name="note_detail"),
    path("<int:pk>/tekster/", views.NoteTextsView.as_view(), name="note_texts"),
    path("<int:pk>/foreslaa-tekster/", views.NoteRedraftView.as_view(), name="note_redraft"),
    path(
        "<int:pk>/afsnit/<str:part>/nyt-forslag/",
        views.NoteTakeProposalView.as_view(),
        name="note_take_proposal",
    ),
    path(
        "<int:pk>/afsnit/<str:part>/behold/",
        views.NoteKeepTextView.as_view(),
        name="note_keep_text",
    ),
    path(
        "<int:pk>/godkendelse/send/",
        views.NoteSendForApprovalView.as_view(),
        name="note_send_for_approval",
    ),
    path("<int:pk>/godkendelse/godkend/", views.NoteApproveView.as_view(), name="note_approve"),
    path("<int:pk>/godkendelse/retur/", views.NoteReturnView.as_view(), name="note_return"),
    path("<int:pk>/endelig/", views.NoteFinaliseView.as_view(), name="note_finalise"),
    path("<int:pk>/ny-version/", views.NoteNewVersionView.as_view(), name="note_new_version"),
    path("<int:pk>/generer/", views.DocumentCreateView.as_view(), name="document_create"),
    path("<int:pk>/dokumenter/", views.DocumentsFragmentView.as_view(), name="note_documents"),
    path(
        "dokumenter/<int:pk>/hent/", views.DocumentDownloadView.as_view(), name="document_download"
    ),
]
