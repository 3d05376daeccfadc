"""Pages of the registration engine.

Public pages (no login): the sign-up form of an event (by its slug) and the private manage page
(by the registration's unguessable token; a wrong token is a 404 and shows nothing). Admin pages:
conference admins edit, coordinators read — through ``trivsel.schools.access``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_http_methods

from trivsel.schools import access, clock, confirm, readlog
from trivsel.schools.exports import export_response
from trivsel.schools.locking import LockTimeout
from trivsel.schools.views.base import AccessMixin, ScopedListView

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
    # (the page reads the facilitators once, when it is shown: no prefetch for a sign-up post)
    event = get_object_or_404(Event.objects.filter(kind=EventKind.CONFERENCE), slug=slug)
    window = event.window_state(clock.now())
    is_open = window == "open"
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
            # the page shows no form then; a stale tab that posts anyway learns why
            messages.error(request, _("Tilmeldingen er ikke åben. Der er ikke gemt noget."))
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
                    organisation_checked=True,  # the form's choices are event.organisations
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
            "window": window,
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
    bookings = [b for b in registration.bookings.all() if b.status != BookingStatus.CANCELLED]
    selectors.waiting_positions(bookings)
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
            "bookings": bookings,
            "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
            "cancelled": cancelled,
            "title": event.title,
            "qr_svg": None if cancelled else qr.qr_svg(registration),
        },
    )


@require_http_methods(["GET", "POST"])
def manage_cancel(request, token):
    registration = _registration_by_token(token)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except ValidationError as error:  # pressed twice, or cancelled by the conference admin
            already = getattr(error, "code", None) == "already_cancelled"
            messages.info(request, _("Du er allerede afmeldt.") if already else error.messages[0])
        except LockTimeout as error:
            messages.error(request, str(error))
            return redirect("conference:manage_cancel", token=token)
        else:
            messages.success(request, _("Du er afmeldt. Tak fordi du gav besked."))
        return redirect("conference:manage", token=token)
    return render(
        request,
        "conference/manage_cancel.html",
        {"registration": registration, "event": registration.event, "title": _("Afmeld")},
    )


# --- admin ----------------------------------------------------------------------------------
class EventListView(ScopedListView):
    """Every event with its dates, places taken per day against the capacity and who waits."""

    model = Event
    template_name = "conference/event_list.html"
    title = gettext_lazy("Konferencer og kurser")
    empty_text = gettext_lazy("Der er ingen arrangementer endnu.")
    create_url_name = "conference:event_create"

    def get_queryset(self):
        return selectors.events_with_dates(self.request.user).order_by("-first", "title", "pk")

    def get_rows(self, object_list) -> list[dict]:
        return selectors.overview_rows(object_list)


EXPORT_COLUMNS = [
    (gettext_lazy("Navn"), "name"),
    (gettext_lazy("E-mail"), "email"),
    (gettext_lazy("Deltagertype"), "kind"),
    (gettext_lazy("Organisation/skole"), "workplace"),
    (gettext_lazy("Klasse"), lambda r: r.school_class.label if r.school_class else ""),
    (gettext_lazy("Stilling"), "job_title"),
    (gettext_lazy("Status"), lambda r: r.status_label()),
    (
        gettext_lazy("Dage"),
        lambda r: ", ".join(
            f"{b.day.date:%d.%m} ({b.get_status_display()})"
            for b in r.bookings.all()
            if b.status != BookingStatus.CANCELLED
        ),
    ),
    (gettext_lazy("Kost"), "dietary_needs"),
    (gettext_lazy("Tilgængelighed"), "accessibility_needs"),
    (gettext_lazy("Tilmeldt"), "created"),
]


class RegistrationListView(AccessMixin, View):
    """The conference admin's list of an event's registrations: the day table and the counts
    above, then a page of rows (personal data; every pupil's row read is logged)."""

    access_target = Event
    access_action = "read"
    paginate_by = 50

    def get(self, request, pk):
        user = request.user
        event = access.get_for_user(
            user, access.annotate_can(Event.objects.all(), user, "edit"), "read", pk=pk
        )
        fmt = request.GET.get("format")
        filtered = fmt or any(request.GET.get(name) for name in RegistrationFilterForm.base_fields)
        filter_form = RegistrationFilterForm(request.GET if filtered else None, event=event)
        filters = filter_form.cleaned_data if filtered and filter_form.is_valid() else {}
        if fmt:
            # the export is of the admin's whole filtered list, not of one page
            rows = list(selectors.registrations(user, event, filters))
            if fmt in ("csv", "xlsx"):
                selectors.log_pupil_reads(user, rows, readlog.ReadPurpose.EXPORT)
            return export_response(
                rows, EXPORT_COLUMNS, filename=f"tilmeldinger-{event.slug}", fmt=fmt
            )
        summary = selectors.list_summary(event)
        days = [d["day"] for d in summary["days"]]
        filter_form.show_days(days)
        filter_form.show_organisations(summary["choices"])
        page = Paginator(selectors.list_page(user, event, filters), self.paginate_by).get_page(
            request.GET.get("page")
        )
        rows = selectors.list_rows(page.object_list, {day.pk: day.date for day in days})
        selectors.log_pupil_reads(user, rows, readlog.ReadPurpose.VIEW)
        query = request.GET.copy()
        query.pop("page", None)
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
                "days": summary["days"],
                "groups": summary["groups"],
                "rows": rows,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "public_url": request.build_absolute_uri(event.get_public_url())
                if event.kind == EventKind.CONFERENCE
                else None,
                "export_links": export_links,
                "can_edit": event.can_edit,
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
        asked = confirm.ask_first(
            request,
            question=_("Afmeld %(name)s fra alle dage?") % {"name": registration.name},
            details=_("Pladserne går videre til den første på ventelisten, som får besked."),
            confirm_label=_("Ja, afmeld"),
            back_url=reverse("conference:registration_list", kwargs={"pk": registration.event_id}),
        )
        if asked is not None:
            return asked
        try:
            promoted = services.registration_cancel(registration=registration)
        except ValidationError as error:  # already cancelled: pressed twice, or by someone else
            messages.info(request, error.messages[0])
        except LockTimeout as error:
            messages.error(request, str(error))
        else:
            text = _("«%(name)s» er afmeldt.") % {"name": registration.name}
            if promoted:
                text += " " + _("%(n)d fra ventelisten har fået plads og er underrettet.") % {
                    "n": len(promoted)
                }
            messages.success(request, text)
        return redirect("conference:registration_list", pk=registration.event_id)


class CheckInView(AccessMixin, View):
    """The door: every confirmed participant of one day, filtered as you type, one tap to check
    in. htmx swaps just the tapped row and announces «X er tjekket ind» with «Fortryd» in a live
    region, so the search text and the scroll position stay; without JavaScript the page comes
    back with the search (``q``) and an anchor at the row. Another day than today the list is
    read-only; «Ret indtjekningen for denne dag» (``rettelse=1``) shows the buttons again for a
    marked correction after the fact."""

    access_target = Event
    access_action = "edit"

    def get(self, request, pk, day_pk):
        event = access.get_for_user(request.user, Event, "edit", pk=pk)
        day = get_object_or_404(EventDay.objects.filter(event=event), pk=day_pk)
        bookings = list(selectors.checkin_bookings(day))
        selectors.log_pupil_reads(
            request.user, [b.registration for b in bookings], readlog.ReadPurpose.VIEW
        )
        q = request.GET.get("q", "").strip()[:100]
        for b in bookings:
            b.search_text = f"{b.registration.name} {b.registration.workplace}".lower()
            b.hidden = bool(q) and q.lower() not in b.search_text
        by_pk = {str(b.pk): b for b in bookings}
        is_today = day.date == clock.today()
        correction = request.GET.get("rettelse") == "1"
        return render(
            request,
            "conference/checkin.html",
            {
                "event": event,
                "day": day,
                "bookings": bookings,
                "checked_in": sum(1 for b in bookings if b.checked_in_at),
                "q": q,
                "is_today": is_today,
                "correction": correction,
                "editable": is_today or correction,
                "done": by_pk.get(request.GET.get("tjekket", "")),
                "undone": by_pk.get(request.GET.get("fortrudt", "")),
                "title": _("Indtjekning"),
            },
        )


class _CheckInActionView(AccessMixin, View):
    """A tap on one row: check in or undo. htmx gets the row and the live region back; a plain
    form post is sent back to the list with its search and an anchor at the row."""

    access_target = Event
    access_action = "edit"
    http_method_names = ["post"]

    def act(self, booking, correction: bool) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        events = access.scope(request.user, Event.objects.all(), "edit")
        booking = get_object_or_404(
            DayBooking.objects.select_related(
                "day", "registration__organisation", "registration__school"
            ).filter(day__event__in=events),
            pk=pk,
        )
        correction = request.POST.get("rettelse") == "1"
        error = None
        try:
            self.act(booking, correction)
        except ValidationError as exc:
            error = exc.messages[0]
        except LockTimeout as exc:
            error = str(exc)
        if request.htmx:
            checked_in = DayBooking.objects.filter(
                day=booking.day, status=BookingStatus.CONFIRMED, checked_in_at__isnull=False
            ).count()
            return render(
                request,
                "conference/_checkin_swap.html",
                {
                    "b": booking,
                    "error": error,
                    "done": booking if not error and booking.checked_in_at else None,
                    "undone": booking if not error and not booking.checked_in_at else None,
                    "checked_in": checked_in,
                    "correction": correction,
                    "editable": correction or booking.day.date == clock.today(),
                },
            )
        query = {"q": request.POST.get("q", "")[:100]}
        if correction:
            query["rettelse"] = "1"
        if error:
            messages.error(request, error)
        else:
            query["tjekket" if booking.checked_in_at else "fortrudt"] = booking.pk
        url = reverse(
            "conference:checkin", kwargs={"pk": booking.day.event_id, "day_pk": booking.day_id}
        )
        return redirect(f"{url}?{urlencode(query)}#b-{booking.pk}")


class CheckInBookingView(_CheckInActionView):
    def act(self, booking, correction: bool) -> None:
        services.booking_check_in(booking=booking, correction=correction)


class CheckInUndoView(_CheckInActionView):
    def act(self, booking, correction: bool) -> None:
        services.booking_undo_check_in(booking=booking, correction=correction)
