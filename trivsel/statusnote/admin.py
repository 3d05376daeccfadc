from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NoteDocument, StatusNote


@admin.register(StatusNote)
class StatusNoteAdmin(SimpleHistoryAdmin):
    list_display = ("period", "version", "status", "as_of", "finalised_at")
    list_filter = ("status", "period")
    # texts and snapshot are written through the portal's services (a final note is frozen)
    readonly_fields = ("snapshot", "finalised_at", "finalised_by", "created_at", "created_by")


@admin.register(NoteDocument)
class NoteDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("note", "format", "status", "from_final", "created_at", "created_by")
    list_filter = ("format", "status")
    readonly_fields = ("task_id", "created_at", "finished_at")
