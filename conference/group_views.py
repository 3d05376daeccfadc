"""Sign-ups by a staff login: a teacher or leader signs up a group of pupils of their own school
for a conference (first names, class, accompanying adult, guardians' consent), and a leader
nominates own staff for a course. Every read of a pupil's registration is logged (read log)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from trivsel.schools import access, clock, confirm, readlog, versioning
from trivsel.schools.locking import LockTimeout
from trivsel.schools.models import SchoolClass, SchoolYear, Staff
from trivsel.schools.views.base import AccessMixin, add_service_errors

from . import services
from .forms import ConsentForm, NominationForm, PupilGroupForm, PupilRowFormSet
from .models import (
    BookingStatus,
    DayBooking,
    Event,
    EventKind,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)
from .selectors import log_pupil_reads


def _event_for(user, pk, action: str, kind: str) -> Event:
    events = access.scope(user, Event.objects.filter(kind=kind), action)
    event = events.filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _with_bookings(qs):
    bookings = DayBooking.objects.select_related("day").order_by("day__date")
    return qs.select_related("school", "school_class").prefetch_related(
        Prefetch("bookings", queryset=bookings)
    )


def _events(user, kind: str, action: str):
    return (
        access.scope(user, Event.objects.filter(kind=kind), action)
        .prefetch_related("days")
        .order_by("-registration_opens")
    )


def _events_page(request, sections: list[dict], title: str):
    """Conferences to sign pupils up for and courses to nominate for, as the user may."""
    return render(request, "conference/group_events.html", {"sections": sections, "title": title})


# --- pupils ----------------------------------------------------------------------------------
class PupilEventListView(AccessMixin, View):
    """One menu entry for staff logins: conferences (pupils) and, for leaders, courses."""

    access_target = Event
    access_action = "pupils"

    def get(self, request):
        sections = [
            {
                "title": _("Konferencer: tilmeld elever"),
                "events": _events(request.user, EventKind.CONFERENCE, "pupils"),
                "url_name": "conference:pupil_list",
            }
        ]
        if access.can(request.user, "nominate", Event):
            sections.append(
                {
                    "title": _("Kurser: nominér medarbejdere"),
                    "events": _events(request.user, EventKind.COURSE, "nominate"),
                    "url_name": "conference:course_detail",
                }
            )
        return _events_page(request, sections, _("Tilmeldinger fra skolen"))


class PupilListView(AccessMixin, View):
    """The signer's pupils for one conference (a leader: the whole school's), and the form to
    sign up a group."""

    access_target = Event
    access_action = "pupils"

    def classes(self):
        qs = SchoolClass.objects.filter(school__in=access.school_ids(self.request.user))
        if current := SchoolYear.current():
            qs = qs.filter(school_year=current)
        return qs.select_related("school").order_by("school__name", "grade", "letter")

    def render_page(self, request, event, form, formset):
        pupils = list(
            _with_bookings(
                access.scope(
                    request.user,
                    Registration.objects.filter(event=event, kind=ParticipantKind.PUPIL),
                    "read",
                )
            ).order_by("school_class__grade", "school_class__letter", "name")
        )
        log_pupil_reads(request.user, pupils, readlog.ReadPurpose.VIEW)
        window = event.window_state(clock.now())
        return render(
            request,
            "conference/pupil_list.html",
            {
                "event": event,
                "title": _("Elever: %(title)s") % {"title": event.title},
                "pupils": pupils,
                "window": window,
                # a closed window: no form to fill in eight rows of and then be refused
                "form": form if window == "open" else None,
                "formset": formset,
            },
        )

    def get(self, request, pk):
        event = _event_for(request.user, pk, "pupils", EventKind.CONFERENCE)
        form = PupilGroupForm(event=event, classes=self.classes())
        return self.render_page(request, event, form, PupilRowFormSet(prefix="pupil"))

    def post(self, request, pk):
        event = _event_for(request.user, pk, "pupils", EventKind.CONFERENCE)
        if not event.is_open(clock.now()):
            messages.error(request, _("Tilmeldingen er ikke åben. Der er ikke gemt noget."))
            return redirect("conference:pupil_list", pk=event.pk)
        form = PupilGroupForm(request.POST, event=event, classes=self.classes())
        formset = PupilRowFormSet(request.POST, prefix="pupil")
        if form.is_valid() and formset.is_valid():
            rows = [f for f in formset.forms if f.cleaned_data.get("first_name")]
            try:
                created = services.pupils_register(
                    event=event,
                    school_class=form.cleaned_data["school_class"],
                    accompanying_adult=form.cleaned_data["accompanying_adult"],
                    pupils=[
                        services.PupilEntry(
                            first_name=f.cleaned_data["first_name"],
                            guardian_name=f.cleaned_data["guardian_name"],
                            consent_given_at=f.consent_given_at(),
                        )
                        for f in rows
                    ],
                    days=form.cleaned_data["days"],
                    signed_up_by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except LockTimeout as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _group_outcome(created))
                return redirect("conference:pupil_list", pk=event.pk)
        return self.render_page(request, event, form, formset)


def _group_outcome(created: list[Registration]) -> str:
    """«8 elever er tilmeldt. 5. marts: 4 har fået plads, 2 er på venteliste. …» (one query)."""
    rows = (
        DayBooking.objects.filter(registration__in=created)
        .values("day__date", "status")
        .annotate(n=Count("pk"))
        .order_by("day__date")
    )
    per_day: dict = {}
    for row in rows:
        per_day.setdefault(row["day__date"], {})[row["status"]] = row["n"]
    texts = [
        ngettext("%(n)d elev er tilmeldt.", "%(n)d elever er tilmeldt.", len(created))
        % {"n": len(created)}
    ]
    for day, counts in per_day.items():
        confirmed = counts.get(BookingStatus.CONFIRMED, 0)
        waiting = counts.get(BookingStatus.WAITING, 0)
        texts.append(
            _("%(date)s: %(confirmed)d har fået plads, %(waiting)d er på venteliste.")
            % {
                "date": date_format(day, "j. F"),
                "confirmed": confirmed,
                "waiting": waiting,
            }
        )
    missing = sum(1 for r in created if not r.has_consent)
    if missing:
        texts.append(
            _(
                "%(n)d mangler forældresamtykke: deres plads bekræftes først, når samtykket "
                "er registreret."
            )
            % {"n": missing}
        )
    return " ".join(texts)


class PupilConsentView(AccessMixin, View):
    """Records a guardian's consent later; the pupil's days are then booked under the lock."""

    access_target = Registration
    access_action = "pupils"

    def get_registration(self):
        registration = access.get_for_user(
            self.request.user,
            Registration.objects.select_related("event", "school", "school_class"),
            "pupils",
            pk=self.kwargs["pk"],
        )
        readlog.log_read(self.request.user, registration, readlog.ReadPurpose.EDIT)
        return registration

    def render_page(self, request, registration, form):
        return render(
            request,
            "conference/pupil_consent.html",
            {
                "registration": registration,
                "event": registration.event,
                "consent": registration.event.current_consent(),
                "form": form,
                "title": _("Forældresamtykke for %(name)s") % {"name": registration.name},
            },
        )

    def get(self, request, pk):
        registration = self.get_registration()
        form = ConsentForm(
            initial={
                "guardian_name": registration.guardian_name,
                "consent_date": registration.consent_given_at.date()
                if registration.consent_given_at
                else None,
            }
        )
        versioning.add_field(form, registration)
        return self.render_page(request, registration, form)

    def post(self, request, pk):
        registration = self.get_registration()
        form = ConsentForm(request.POST)
        versioning.add_field(form, registration)
        if registration.status == RegistrationStatus.CANCELLED:
            form.is_valid()
            form.add_error(None, _("Tilmeldingen er afmeldt."))
        elif form.is_valid():
            try:
                services.registration_record_consent(
                    registration=registration,
                    guardian_name=form.cleaned_data["guardian_name"],
                    given_at=form.consent_given_at(),
                    version=versioning.expected_version(form),
                )
            except versioning.EditConflict as conflict:
                conflict.show(form)
            except ValidationError as error:
                add_service_errors(form, error)
            except LockTimeout as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Samtykket for %(name)s er registreret.") % {"name": registration.name},
                )
                return redirect("conference:pupil_list", pk=registration.event_id)
        return self.render_page(request, registration, form)


# --- courses ---------------------------------------------------------------------------------
class CourseListView(AccessMixin, View):
    access_target = Event
    access_action = "nominate"

    def get(self, request):
        return _events_page(
            request,
            [
                {
                    "title": _("Kurser"),
                    "events": _events(request.user, EventKind.COURSE, "nominate"),
                    "url_name": "conference:course_detail",
                }
            ],
            _("Nominér medarbejdere til kurser"),
        )


class CourseDetailView(AccessMixin, View):
    """A course: a leader sees and nominates own school's staff; a conference admin sees every
    school's nominees (and manages them on the event's list)."""

    access_target = Event
    access_action = "nominate"

    def staff_choices(self, event):
        taken = Registration.objects.filter(event=event).exclude(
            status=RegistrationStatus.CANCELLED
        )
        return (
            access.scope(self.request.user, Staff.objects.filter(school__isnull=False), "edit")
            .exclude(email="")
            .exclude(email__in=taken.values("email"))
            .select_related("school")
            .order_by("name")
        )

    def render_page(self, request, event, form):
        nominees = list(
            access.annotate_can(
                _with_bookings(
                    access.scope(request.user, Registration.objects.filter(event=event), "read")
                ),
                request.user,
                "nominate",
            ).order_by("school__name", "name")
        )
        per_school = (
            access.scope(request.user, Registration.objects.filter(event=event), "read")
            .exclude(status=RegistrationStatus.CANCELLED)
            .values("school__name")
            .annotate(
                # people, not day bookings: the join to bookings repeats a person per day
                n=Count("pk", distinct=True),
                confirmed=Count(
                    "pk", filter=Q(bookings__status=BookingStatus.CONFIRMED), distinct=True
                ),
            )
            .order_by("school__name")
        )
        window = event.window_state(clock.now())
        has_staff = window == "open" and form.fields["staff"].queryset.exists()
        return render(
            request,
            "conference/course_detail.html",
            {
                "event": event,
                "title": event.title,
                "nominees": nominees,
                "per_school": per_school,
                "window": window,
                "form": form if has_staff else None,
                "can_manage": access.can(request.user, "edit", event),
            },
        )

    def get(self, request, pk):
        event = _event_for(request.user, pk, "nominate", EventKind.COURSE)
        form = NominationForm(event=event, staff=self.staff_choices(event))
        return self.render_page(request, event, form)

    def post(self, request, pk):
        event = _event_for(request.user, pk, "nominate", EventKind.COURSE)
        if not event.is_open(clock.now()):
            messages.error(request, _("Tilmeldingen er ikke åben. Der er ikke gemt noget."))
            return redirect("conference:course_detail", pk=event.pk)
        form = NominationForm(request.POST, event=event, staff=self.staff_choices(event))
        if form.is_valid():
            try:
                registration = services.course_nominate(
                    event=event,
                    staff=form.cleaned_data["staff"],
                    days=form.cleaned_data["days"],
                    nominated_by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except LockTimeout as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s er nomineret til kurset og får en bekræftelse på e-mail.")
                    % {"name": registration.name},
                )
                return redirect("conference:course_detail", pk=event.pk)
        return self.render_page(request, event, form)


class NominationWithdrawView(AccessMixin, View):
    access_target = Registration
    access_action = "nominate"
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = access.get_for_user(
            request.user, Registration.objects.select_related("event"), "nominate", pk=pk
        )
        asked = confirm.ask_first(
            request,
            question=_("Tag %(name)s af «%(course)s»?")
            % {"name": registration.name, "course": registration.event.title},
            details=_("Pladsen går videre til den første på ventelisten."),
            confirm_label=_("Ja, tag af kurset"),
            back_url=reverse("conference:course_detail", kwargs={"pk": registration.event_id}),
        )
        if asked is not None:
            return asked
        try:
            promoted = services.registration_cancel(registration=registration)
        except ValidationError as error:  # taken off already: pressed twice, or by someone else
            messages.info(request, error.messages[0])
        except LockTimeout as error:
            messages.error(request, str(error))
        else:
            text = _("%(name)s er taget af kurset.") % {"name": registration.name}
            if promoted:
                text += " " + _("%(n)d fra ventelisten har fået plads.") % {"n": len(promoted)}
            messages.success(request, text)
        return redirect("conference:course_detail", pk=registration.event_id)
