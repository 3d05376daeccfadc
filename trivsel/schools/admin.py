from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, Partner, Period, School, SchoolClass, SchoolYear, Staff, User


class ServiceGuardedAdmin(SimpleHistoryAdmin):
    """``service_fields`` are read-only on an existing row: they are limits (a budget, a
    capacity, seats, places) that the portal's service checks against what is committed, under
    the lock the commitments take — the admin would save past it."""

    service_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields + self.service_fields if obj is not None else fields


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Rolle i portalen"), {"fields": ("role", "schools")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser", "schools")
    filter_horizontal = ("groups", "user_permissions", "schools")


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ("name", "start", "end", "is_current")


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "start", "end")


class SchoolClassInline(admin.TabularInline):
    model = SchoolClass
    extra = 0


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ("name", "email")
    search_fields = ("name",)


@admin.register(SchoolClass)
class SchoolClassAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "school", "school_year", "pupil_count")
    list_filter = ("school_year", "school", "grade")
    list_select_related = ("school", "school_year")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    list_display = ("name", "job", "school", "organisation", "user", "is_active")
    list_filter = ("job", "school", "is_active")
    search_fields = ("name", "email")
    list_select_related = ("school", "organisation", "user")


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "contact_email")
    list_filter = ("kind",)
