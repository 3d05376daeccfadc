"""Pages of the registration engine.

Public pages (no login): the sign-up form of an event (by its slug) and the private manage page
(by the registration's unguessable token; a wrong token is a 404 and shows nothing). Admin pages:
conference admins edit, coordinators read — through ``trivsel.schools.access``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods

from trivsel.schools import access, clock, readlog
from trivsel.schools.exports import export_response
from trivsel.schools.locking import LockTimeout
from trivsel.schools.views_base import AccessMixin, ScopedListView

from . import qr, ratelimit, selectors, services
from .forms import ChangeDaysForm, RegistrationFilterForm, SignupForm
from .models import (
    BookingStatus,
    DayBooking,
    Event,
    EventDay,
    EventKind,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)


def _form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- public ---------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def signup(request, slug):
    # public by design: an event's sign-up page is found by its slug, no user scope applies
    event = get_object_or_404(
        Event.objects.filter(kind=EventKind.CONFERENCE).prefetch_related("facilitators"), slug=slug
    )
    is_open = event.is_open(clock.now())
    if request.method == "POST" and not ratelimit.allow(request):
        return render(
            request,
            "conference/rate_limited.html",
            {"event": event, "title": _("For mange forsøg")},
            status=429,
        )
    form = SignupForm(request.POST or None, event=event)
    if request.method == "POST":
        if not is_open:
            form.is_valid()
            form.add_error(None, _("Tilmeldingen er lukket. Der er ikke gemt noget."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    event=event,
                    kind=ParticipantKind.STAFF,
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    job_title=data["job_title"],
                    days=data["days"],
                    dietary_needs=data["dietary_needs"],
                    accessibility_needs=data["accessibility_needs"],
                )
            except services.AlreadyRegistered as error:
                form.add_error("email", error)
            except ValidationError as error:
                _form_errors_from(form, error)
            except LockTimeout as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Tak for din tilmelding. Vi har sendt en bekræftelse til %(email)s.")
                    % {"email": registration.email},
                )
                return redirect("conference:manage", token=registration.token)
    return render(
        request,
        "conference/signup.html",
        {
            "event": event,
            "form": form,
            "is_open": is_open,
            "title": event.title,
            "minor_retention_days": settings.RETENTION_DAYS["minors_registrations"],
        },
        status=200,
    )


def accessibility_statement(request):
    """The public accessibility statement (webtilgængelighedsloven) the sign-up form links."""
    return render(
        request,
        "conference/accessibility.html",
        {"title": _("Tilgængelighedserklæring")},
    )


def _registration_by_token(token: str) -> Registration:
    # the token is the credential: unknown, or a pupil's (pupils have no link) -> 404
    registration = (
        Registration.objects.select_related("event", "organisation")
        .prefetch_related(
            Prefetch(
                "bookings", queryset=DayBooking.objects.select_related("day").order_by("day__date")
            )
        )
        .exclude(kind=ParticipantKind.PUPIL)
        .filter(token=token)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@require_http_methods(["GET", "POST"])
def manage(request, token):
    registration = _registration_by_token(token)
    event = registration.event
    active_days = [
        b.day_id for b in registration.bookings.all() if b.status != BookingStatus.CANCELLED
    ]
    form = ChangeDaysForm(request.POST or None, event=event, initial={"days": active_days})
    cancelled = registration.status == RegistrationStatus.CANCELLED
    if request.method == "POST" and not cancelled and form.is_valid():
        try:
            services.registration_change_days(
                registration=registration, days=form.cleaned_data["days"]
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        except LockTimeout as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Dine dage er ændret."))
            return redirect("conference:manage", token=token)
    return render(
        request,
        "conference/manage.html",
        {
            "registration": registration,
            "event": event,
            "form": form,
            "cancelled": cancelled,
            "title": event.title,
            "qr_svg": None if cancelled else qr.qr_svg(registration),
        },
    )


@require_http_methods(["GET", "POST"])
def manage_cancel(request, token):
    registration = _registration_by_token(token)
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, _("Du er afmeldt. Tak fordi du gav besked."))
        return redirect("conference:manage", token=token)
    return render(
        request,
        "conference/manage_cancel.html",
        {"registration": registration, "event": registration.event, "title": _("Afmeld")},
    )


# --- admin ----------------------------------------------------------------------------------
class EventListView(ScopedListView):
    model = Event
    title = _("Konferencer og kurser")
    empty_text = _("Der er ingen arrangementer endnu.")
    create_url_name = "conference:event_create"
    columns = [("title", _("Titel")), ("get_kind_display", _("Type")), ("place", _("Sted"))]


EXPORT_COLUMNS = [
    (_("Navn"), "name"),
    (_("E-mail"), "email"),
    (_("Deltagertype"), "kind"),
    (_("Organisation/skole"), "workplace"),
    (_("Klasse"), lambda r: r.school_class.label if r.school_class else ""),
    (_("Stilling"), "job_title"),
    (_("Status"), "status"),
    (
        _("Dage"),
        lambda r: ", ".join(
            f"{b.day.date:%d.%m} ({b.get_status_display()})"
            for b in r.bookings.all()
            if b.status != BookingStatus.CANCELLED
        ),
    ),
    (_("Kost"), "dietary_needs"),
    (_("Tilgængelighed"), "accessibility_needs"),
    (_("Tilmeldt"), "created"),
]


class RegistrationListView(AccessMixin, View):
    access_target = Event
    access_action = "read"

    def get(self, request, pk):
        event = access.get_for_user(request.user, Event, "read", pk=pk)
        filter_form = RegistrationFilterForm(request.GET or None, event=event)
        filters = filter_form.cleaned_data if filter_form.is_valid() else {}
        rows = list(selectors.registrations(request.user, event, filters))
        fmt = request.GET.get("format")
        if fmt:
            # the export is of the admin's filtered list
            if fmt in ("csv", "xlsx"):
                selectors.log_pupil_reads(request.user, rows, readlog.ReadPurpose.EXPORT)
            return export_response(
                rows, EXPORT_COLUMNS, filename=f"tilmeldinger-{event.slug}", fmt=fmt
            )
        selectors.log_pupil_reads(request.user, rows, readlog.ReadPurpose.VIEW)
        query = request.GET.copy()
        export_links = []
        for fmt_, label in (("xlsx", _("Eksportér til Excel")), ("csv", _("CSV"))):
            query["format"] = fmt_
            export_links.append({"url": f"?{query.urlencode()}", "label": label})
        return render(
            request,
            "conference/registration_list.html",
            {
                "event": event,
                "title": event.title,
                "filter_form": filter_form,
                "rows": rows,
                "days": selectors.day_counts(event),
                "groups": selectors.group_counts(event),
                "export_links": export_links,
                "can_edit": access.can(request.user, "edit", event),
            },
        )


class RegistrationCancelView(AccessMixin, View):
    access_target = Registration
    access_action = "edit"
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = access.get_for_user(
            request.user, Registration.objects.select_related("event"), "edit", pk=pk
        )
        promoted = services.registration_cancel(registration=registration)
        text = _("«%(name)s» er afmeldt.") % {"name": registration.name}
        if promoted:
            text += " " + _("%(n)d fra ventelisten har fået plads og er underrettet.") % {
                "n": len(promoted)
            }
        messages.success(request, text)
        return redirect("conference:registration_list", pk=registration.event_id)


class CheckInView(AccessMixin, View):
    """The door: every confirmed participant of one day, filtered as you type, one tap to check
    in (static/conference/checkin.js; works without JavaScript too)."""

    access_target = Event
    access_action = "edit"

    def get(self, request, pk, day_pk):
        event = access.get_for_user(request.user, Event, "edit", pk=pk)
        day = get_object_or_404(EventDay.objects.filter(event=event), pk=day_pk)
        bookings = list(selectors.checkin_bookings(day))
        selectors.log_pupil_reads(
            request.user, [b.registration for b in bookings], readlog.ReadPurpose.VIEW
        )
        return render(
            request,
            "conference/checkin.html",
            {
                "event": event,
                "day": day,
                "bookings": bookings,
                "checked_in": sum(1 for b in bookings if b.checked_in_at),
                "title": _("Indtjekning"),
            },
        )


class CheckInBookingView(AccessMixin, View):
    access_target = Event
    access_action = "edit"
    http_method_names = ["post"]

    def post(self, request, pk):
        events = access.scope(request.user, Event.objects.all(), "edit")
        booking = get_object_or_404(
            DayBooking.objects.select_related("registration", "day").filter(day__event__in=events),
            pk=pk,
        )
        try:
            services.booking_check_in(booking=booking)
        except ValidationError as error:
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"ok": False, "message": error.messages[0]}, status=400)
            messages.error(request, error.messages[0])
        else:
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"ok": True, "name": booking.registration.name})
            messages.success(
                request, _("%(name)s er tjekket ind.") % {"name": booking.registration.name}
            )
        return redirect(
            reverse(
                "conference:checkin", kwargs={"pk": booking.day.event_id, "day_pk": booking.day_id}
            )
        )
