"""Event management for conference admins: create and edit an event with its days (each with
its capacity), the registration window, the organisations allowed, and the consent text's
versions — without the Django admin."""

from __future__ import annotations

from contextlib import nullcontext

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from trivsel.schools import access, versioning
from trivsel.schools.locking import LockTimeout
from trivsel.schools.views.base import AccessMixin, add_service_errors

from . import services
from .forms import ConsentTextForm, EventDayFormSet, EventForm
from .models import Event


class EventEditView(AccessMixin, View):
    """Create (no pk) or edit (pk) an event and its days on one page."""

    access_target = Event
    access_action = "edit"

    def get_event(self):
        if "pk" not in self.kwargs:
            return Event()
        return access.get_for_user(self.request.user, Event, "edit", pk=self.kwargs["pk"])

    def render_page(self, request, event, form, days):
        title = (
            _("Redigér %(title)s") % {"title": event.title} if event.pk else _("Nyt arrangement")
        )
        return render(
            request,
            "conference/event_form.html",
            {"event": event, "form": form, "days": days, "title": title},
        )

    def make_form(self, event, data=None):
        form = EventForm(data, instance=event)
        if event.pk:  # the event's version guards the whole page, its days too
            versioning.add_field(form, event)
        return form

    def get(self, request, pk=None):
        event = self.get_event()
        return self.render_page(
            request,
            event,
            self.make_form(event),
            EventDayFormSet(instance=event, prefix="days"),
        )

    def post(self, request, pk=None):
        event = self.get_event()
        form = self.make_form(event, request.POST)
        days = EventDayFormSet(request.POST, instance=event, prefix="days")
        if form.is_valid() and days.is_valid():
            try:
                with versioning.claimed(form, event) if event.pk else nullcontext():
                    changed_days = days.save(commit=False)  # new and changed, not yet written
                    event = services.event_save(
                        event=form.save(commit=False),
                        organisations=form.cleaned_data["organisations"],
                        facilitators=form.cleaned_data["facilitators"],
                        days=changed_days,
                        removed_days=days.deleted_objects,
                    )
            except versioning.EditConflict as conflict:
                conflict.show(form)
            except ValidationError as error:
                add_service_errors(form, error)
            except LockTimeout as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("«%(title)s» er gemt.") % {"title": event.title})
                return redirect("conference:registration_list", pk=event.pk)
        return self.render_page(request, event, form, days)


class ConsentTextView(AccessMixin, View):
    """The consent text's versions; a new wording is added as the next version."""

    access_target = Event
    access_action = "edit"

    def render_page(self, request, event, form):
        return render(
            request,
            "conference/consent_texts.html",
            {
                "event": event,
                "form": form,
                "versions": event.consent_texts.order_by("-version"),
                "title": _("Samtykketekster: %(title)s") % {"title": event.title},
            },
        )

    def get(self, request, pk):
        event = access.get_for_user(request.user, Event, "edit", pk=pk)
        return self.render_page(request, event, ConsentTextForm())

    def post(self, request, pk):
        event = access.get_for_user(request.user, Event, "edit", pk=pk)
        form = ConsentTextForm(request.POST)
        if form.is_valid():
            try:
                consent = services.consent_text_add(event=event, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Samtykketekst version %(version)d er gemt.") % {"version": consent.version},
                )
                return redirect("conference:consent_texts", pk=event.pk)
        return self.render_page(request, event, form)
