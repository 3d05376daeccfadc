from django.urls import path

from . import views

app_name = "statusnote"

urlpatterns = [
    path("", views.NoteListView.as_view(), name="note_list"),
    path("nyt/", views.NoteCreateView.as_view(), name="note_create"),
    path("<int:pk>/", views.NoteDetailView.as_view(), name="note_detail"),
    path("<int:pk>/tekster/", views.NoteTextsView.as_view(), name="note_texts"),
    path("<int:pk>/foreslaa-tekster/", views.NoteRedraftView.as_view(), name="note_redraft"),
    path("<int:pk>/endelig/", views.NoteFinaliseView.as_view(), name="note_finalise"),
    path("<int:pk>/ny-version/", views.NoteNewVersionView.as_view(), name="note_new_version"),
    path("<int:pk>/generer/", views.DocumentCreateView.as_view(), name="document_create"),
    path("<int:pk>/dokumenter/", views.DocumentsFragmentView.as_view(), name="note_documents"),
    path(
        "dokumenter/<int:pk>/hent/", views.DocumentDownloadView.as_view(), name="document_download"
    ),
]
