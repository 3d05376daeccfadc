from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trivsel.schools.admin import ServiceGuardedAdmin

from .models import (
    Attendance,
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
)


class SessionInline(admin.TabularInline):
    model = CourseSession
    extra = 0


@admin.register(Course)
class CourseAdmin(ServiceGuardedAdmin):
    service_fields = ("seats",)  # services.course_update: never below the confirmed seats
    list_display = ["title", "provider", "start_date", "end_date", "seats"]
    inlines = [SessionInline]


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "course", "status", "completed"]
    list_filter = ["course", "status", "completed"]
    list_select_related = ["staff", "course"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["nomination", "session", "present"]
    list_select_related = ["nomination__staff", "nomination__course", "session"]


@admin.register(GriefGroup)
class GriefGroupAdmin(ServiceGuardedAdmin):
    service_fields = ("places",)  # services.griefgroup_update: never below a meeting's pupils
    list_display = ["name", "school", "start_date", "places", "referred_count", "waiting_count"]
    list_select_related = ["school"]


@admin.register(GroupMeeting)
class GroupMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["group", "date", "pupils_present", "leader_hours"]
    list_select_related = ["group__school"]


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["group", "period", "leader_assessment", "materials_dkk"]
    list_select_related = ["group__school", "period"]


@admin.register(HourlyRate)
class HourlyRateAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "rate", "set_by"]
