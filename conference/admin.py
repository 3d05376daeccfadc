from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trivsel.schools.admin import ServiceGuardedAdmin

from .models import ConsentText, DayBooking, Event, EventDay, Registration


class EventDayInline(admin.TabularInline):
    """Days are added here; an existing day (its capacity) is changed on the event's page
    (services.event_save: never below the confirmed places, under the sign-ups' lock)."""

    model = EventDay
    extra = 0

    def has_change_permission(self, request, obj=None):
        return obj is None


class ConsentTextInline(admin.TabularInline):
    model = ConsentText
    extra = 0


@admin.register(Event)
class EventAdmin(ServiceGuardedAdmin):
    service_fields = ("capacity",)  # services.event_save: never below the confirmed people
    list_display = ("title", "kind", "registration_opens", "registration_closes")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("facilitators", "organisations")
    inlines = [EventDayInline, ConsentTextInline]


class DayBookingInline(admin.TabularInline):
    """Read-only: bookings change through the services (capacity, waiting list, the locks)."""

    model = DayBooking
    extra = 0
    readonly_fields = ("day", "status", "created", "checked_in_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "event", "kind", "status", "created")
    list_filter = ("event", "kind", "status")
    search_fields = ("name", "email")
    exclude = ("token",)
    readonly_fields = ("status",)  # services.registration_cancel frees the places too
    inlines = [DayBookingInline]
