from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trivsel.schools.admin import ServiceGuardedAdmin

from .models import Application, Offer, Programme, Report


@admin.register(Programme)
class ProgrammeAdmin(ServiceGuardedAdmin):
    service_fields = ("budget",)  # services.programme_update: never below the approved sum
    list_display = ("__str__", "budget")
    list_select_related = ("school_year",)


@admin.register(Offer)
class OfferAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partner", "programme", "price", "price_kind")
    list_select_related = ("partner", "programme__school_year")


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    # status and amounts are changed through the services (budget guard), not here
    list_display = ("__str__", "school", "status", "amount", "approved_amount")
    list_filter = ("status", "programme")
    list_select_related = ("school", "offer")
    readonly_fields = ("status", "amount", "approved_amount", "decided_by", "decided_at")


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "held_from", "class_count", "pupil_count", "spent_amount")
    list_select_related = ("application__school", "application__offer")
