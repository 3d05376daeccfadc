from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment, ProgrammeItem, RolloutPlan, Theme, ThemeDay, TrialAction


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "grade_bands", "is_active"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(TrialAction)
class TrialActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "school", "start", "end", "status", "decision"]
    list_filter = ["status", "decision", "themes", "school"]
    search_fields = ["title", "aim"]
    autocomplete_fields: list[str] = []
    raw_id_fields = ["classes", "staff"]
    inlines = [AttachmentInline]


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


@admin.register(ThemeDay)
class ThemeDayAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "place"]
    inlines = [ProgrammeItemInline]


@admin.register(RolloutPlan)
class RolloutPlanAdmin(SimpleHistoryAdmin):
    list_display = ["theme_day", "school", "responsible", "deadline", "follow_up_status"]
