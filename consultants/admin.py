from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, ChallengeTag, ExampleCase, FollowUp, PitMeeting, WellbeingCourse


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("date", "kind", "status", "school", "consultant", "shared_with_leadership")
    list_filter = ("kind", "status", "school", "shared_with_leadership")
    list_select_related = ("school", "consultant")
    raw_id_fields = ("school_class", "course")
    readonly_fields = ("client_uuid", "content_hash", "created_at", "updated_at")
    inlines = [FollowUpInline]


@admin.register(ChallengeTag)
class ChallengeTagAdmin(SimpleHistoryAdmin):
    list_display = ("name", "is_active")


@admin.register(WellbeingCourse)
class WellbeingCourseAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "school", "school_class", "start_date", "planned_sessions")
    list_select_related = ("school", "school_class")


@admin.register(PitMeeting)
class PitMeetingAdmin(SimpleHistoryAdmin):
    list_display = ("date", "school", "consultant", "cases_discussed")
    list_select_related = ("school", "consultant")


@admin.register(ExampleCase)
class ExampleCaseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "period", "status", "author", "approved_by")
    list_filter = ("status", "period")
