from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarFeed, Talk, TargetGrade


@admin.register(TargetGrade)
class TargetGradeAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "programme")
    list_select_related = ("school_year", "programme__school_year")


@admin.register(Talk)
class TalkAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "starts_at", "status", "feedback_score")
    list_filter = ("status",)
    list_select_related = ("school_class",)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("__str__",)
    readonly_fields = ("token",)
