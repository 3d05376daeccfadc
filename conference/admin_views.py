"""More of the conference admins' pages: the check-in page a registration's QR code opens, the
e-mail to a filtered group, and the PDFs (name badges, participant list per day)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from trivsel.schools import access, clock, readlog
from trivsel.schools.fields import FreeCharFormField, FreeTextFormField
from trivsel.schools.locking import LockTimeout
from trivsel.schools.views.base import AccessMixin

from . import pdfs, selectors, services
from .forms import RegistrationFilterForm
from .models import BookingStatus, DayBooking, Event, EventDay, GroupMessage, Registration
from .tasks import send_group_message


class RegistrationCheckInView(AccessMixin, View):
    """Opened from the registration's QR code at the door: the confirmed days, today's first;
    one tap checks in for the chosen day."""

    access_target = Registration
    access_action = "edit"

    def get_registration(self, request, pk):
        bookings = DayBooking.objects.select_related("day").order_by("day__date")
        registration = access.get_for_user(
            request.user,
            Registration.objects.select_related("event", "organisation", "school").prefetch_related(
                Prefetch("bookings", queryset=bookings)
            ),
            "edit",
            pk=pk,
        )
        selectors.log_pupil_reads(request.user, [registration], readlog.ReadPurpose.VIEW)
        return registration

    def get(self, request, pk):
        registration = self.get_registration(request, pk)
        today = clock.today()
        confirmed = [b for b in registration.bookings.all() if b.status == BookingStatus.CONFIRMED]
        confirmed.sort(key=lambda b: (b.day.date != today, b.day.date))
        return render(
            request,
            "conference/registration_checkin.html",
            {
                "registration": registration,
                "event": registration.event,
                "bookings": confirmed,
                "today": today,
                "title": _("Indtjekning: %(name)s") % {"name": registration.name},
            },
        )

    def post(self, request, pk):
        registration = self.get_registration(request, pk)
        booking = next(
            (b for b in registration.bookings.all() if str(b.day_id) == request.POST.get("day")),
            None,
        )
        if booking is None:
            messages.error(request, _("Vælg en af deltagerens dage."))
        else:
            try:
                services.booking_check_in(
                    booking=booking, correction=request.POST.get("rettelse") == "1"
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            except LockTimeout as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s er tjekket ind %(date)s.")
                    % {"name": registration.name, "date": f"{booking.day.date:%d.%m.%Y}"},
                )
        return redirect("conference:registration_checkin", pk=registration.pk)


class GroupMessageForm(forms.Form):
    subject = FreeCharFormField(label=gettext_lazy("Emne"), max_length=150)
    body = FreeTextFormField(label=gettext_lazy("Tekst"), widget=forms.Textarea(attrs={"rows": 8}))


class GroupMessageView(AccessMixin, View):
    """An e-mail to the registrations the admin list's filters select (the query string)."""

    access_target = Event
    access_action = "edit"

    def context(self, request, event, form):
        filter_form = RegistrationFilterForm(request.GET or None, event=event)
        filters = filter_form.cleaned_data if filter_form.is_valid() else {}
        rows = list(selectors.registrations(request.user, event, filters))
        emails = {r.email for r in rows if r.email and r.status != "cancelled"}
        return {
            "event": event,
            "form": form,
            "recipients": len(emails),
            # stored on the message; the task applies the same filters when it sends
            "filters": {k: v for k, v in request.GET.lists() if k in filter_form.fields}
            if filter_form.is_valid()
            else {},
            "messages_sent": event.messages.select_related("created_by")[:20],
            "query": request.GET.urlencode(),
            "title": _("E-mail til udvalgte deltagere"),
        }

    def get(self, request, pk):
        event = access.get_for_user(request.user, Event, "edit", pk=pk)
        return render(
            request,
            "conference/group_message.html",
            self.context(request, event, GroupMessageForm()),
        )

    def post(self, request, pk):
        event = access.get_for_user(request.user, Event, "edit", pk=pk)
        form = GroupMessageForm(request.POST)
        ctx = self.context(request, event, form)
        if form.is_valid() and ctx["recipients"]:
            with transaction.atomic():
                message = GroupMessage(
                    event=event,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    filters=ctx["filters"],
                    created_by=request.user,
                )
                message.full_clean()
                message.save()
                transaction.on_commit(lambda: send_group_message.delay(message.pk))
            messages.success(
                request,
                _("E-mailen sendes nu til %(n)d modtagere.") % {"n": ctx["recipients"]},
            )
            return redirect(f"{request.path}?{ctx['query']}")
        if form.is_valid():
            form.add_error(None, _("Filtrene udvælger ingen med e-mail. Der er ikke sendt noget."))
        return render(request, "conference/group_message.html", ctx)


class BadgesView(AccessMixin, View):
    """Name badges for the event's active participants as A4 sheets (PDF)."""

    access_target = Event
    access_action = "read"

    def get(self, request, pk):
        event = access.get_for_user(request.user, Event, "read", pk=pk)
        rows = list(pdfs.badge_rows(event))
        selectors.log_pupil_reads(request.user, rows, readlog.ReadPurpose.PDF)
        return _pdf_response(pdfs.badges_pdf(event, rows), f"navneskilte-{event.slug}.pdf")


class DayListView(AccessMixin, View):
    """The participant list of one day (PDF): confirmed participants with a box to tick."""

    access_target = Event
    access_action = "read"

    def get(self, request, pk, day_pk):
        event = access.get_for_user(request.user, Event, "read", pk=pk)
        day = get_object_or_404(EventDay.objects.filter(event=event), pk=day_pk)
        bookings = list(selectors.checkin_bookings(day))
        selectors.log_pupil_reads(
            request.user, [b.registration for b in bookings], readlog.ReadPurpose.PDF
        )
        return _pdf_response(
            pdfs.day_list_pdf(event, day, bookings), f"deltagerliste-{event.slug}-{day.date}.pdf"
        )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
