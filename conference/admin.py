from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ConsentText, DayBooking, Event, EventDay, Registration


class EventDayInline(admin.TabularInline):
    model = EventDay
    extra = 0


class ConsentTextInline(admin.TabularInline):
    model = ConsentText
    extra = 0


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "registration_opens", "registration_closes")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("facilitators", "organisations")
    inlines = [EventDayInline, ConsentTextInline]


class DayBookingInline(admin.TabularInline):
    model = DayBooking
    extra = 0
    readonly_fields = ("created",)


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "event", "kind", "status", "created")
    list_filter = ("event", "kind", "status")
    search_fields = ("name", "email")
    exclude = ("token",)
    inlines = [DayBookingInline]
