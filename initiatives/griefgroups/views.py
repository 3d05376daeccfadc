"""Pages of the grief-group initiative. Thin: access through ``trivsel.schools.access``, writes
through ``services``, cross-relation reads through ``selectors``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from trivsel.schools import access, clock, confirm, versioning
from trivsel.schools.links import row_url
from trivsel.schools.locking import LockTimeout
from trivsel.schools.models import Period, School, Staff
from trivsel.schools.readlog import ReadLoggedMixin, log_read
from trivsel.schools.views.base import (
    SCHOOLS_A_PAGE,
    AccessMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedFormMixin,
    ScopedListView,
    ScopedUpdateView,
    VersionCheckMixin,
    add_service_errors,
    page_of,
)

from . import selectors, services
from .forms import (
    CompletionForm,
    CourseForm,
    CourseSessionForm,
    DecisionForm,
    EvaluationForm,
    GriefGroupForm,
    GroupMeetingForm,
    HourlyRateForm,
    NominationForm,
)
from .models import (
    Attendance,
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
    NominationStatus,
)


# --- the course ----------------------------------------------------------------------------
class CourseListView(ScopedListView):
    model = Course
    create_url_name = "griefgroups:course_create"
    title = gettext_lazy("Sorggruppelederkurser")
    empty_text = gettext_lazy("Der er endnu ikke oprettet et sorggruppelederkursus.")
    columns = [
        ("title", gettext_lazy("Kursus")),
        ("provider", gettext_lazy("Udbyder")),
        ("start_date", gettext_lazy("Første dag")),
        ("end_date", gettext_lazy("Sidste dag")),
        ("seats", gettext_lazy("Pladser")),
        ("confirmed", gettext_lazy("Bekræftede")),
    ]

    def base_queryset(self):
        return (
            Course.objects.select_related("provider")
            .annotate(
                confirmed=Count(
                    "nominations", filter=Q(nominations__status=NominationStatus.CONFIRMED)
                )
            )
            .order_by("-start_date")
        )


class CourseCreateView(ScopedCreateView):
    model = Course
    form_class = CourseForm
    success_message = gettext_lazy("Kurset «{object}» er oprettet.")

    def get_success_url(self):
        return self.object.get_absolute_url()


class CourseUpdateView(ScopedUpdateView):
    model = Course
    form_class = CourseForm
    success_message = gettext_lazy("Kurset «{object}» er gemt.")

    def get_success_url(self):
        return self.object.get_absolute_url()

    def form_valid(self, form):
        # the seats are checked against the confirmed nominations under the course's lock
        try:
            self.object = services.course_update(course=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except LockTimeout as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(object=self.object))
        return HttpResponseRedirect(self.get_success_url())


class CourseDetailView(ScopedDetailView):
    model = Course
    template_name = "griefgroups/course_detail.html"

    def get_queryset(self):
        return Course.objects.select_related("provider", "grant_giver")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, course = self.request.user, self.object
        nominations = list(selectors.nominations_for(user, course))
        confirmed = selectors.course_confirmed_count(course)
        ctx.update(
            title=course.title,
            sessions=course.sessions.annotate(
                present=Count("attendances", filter=Q(attendances__present=True))
            ),
            confirmed=confirmed,
            nominations_closed=course.nominations_closed_reason(
                confirmed=confirmed, today=clock.today()
            ),
            per_school=selectors.participants_per_school(course),
            nominations=nominations,
            can_edit=access.can(user, "edit", course),
            can_decide=access.can(user, "confirm", Nomination),
            can_nominate=access.can(user, "edit", Nomination),
            can_attendance=access.can(user, "edit", Attendance),
            decision_form=DecisionForm(),
            statuses=NominationStatus,
        )
        return ctx


class SessionCreateView(ScopedCreateView):
    model = CourseSession
    form_class = CourseSessionForm
    success_message = gettext_lazy("Kursusgangen {object} er oprettet.")

    @cached_property
    def course(self):
        return access.get_for_user(self.request.user, Course, "edit", pk=self.kwargs["course_pk"])

    def get_title(self):
        return _("Ny kursusgang på %(course)s") % {"course": self.course}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.course = self.course
        return form

    def get_success_url(self):
        return self.course.get_absolute_url()


class SessionUpdateView(ScopedUpdateView):
    model = CourseSession
    form_class = CourseSessionForm
    success_message = gettext_lazy("Kursusgangen {object} er gemt.")

    def get_queryset(self):
        return CourseSession.objects.select_related("course")

    def get_success_url(self):
        return self.object.course.get_absolute_url()


class NominationCreateView(ScopedFormMixin, AccessMixin, FormView):
    """A leader nominates staff of their own school (a coordinator: of any school)."""

    access_target = Nomination
    access_action = "edit"
    form_class = NominationForm

    @cached_property
    def course(self):
        return access.get_for_user(self.request.user, Course, "read", pk=self.kwargs["course_pk"])

    def get_title(self):
        return _("Indstil medarbejder til %(course)s") % {"course": self.course}

    def get(self, request, *args, **kwargs):
        if reason := self.closed_reason():
            messages.info(request, reason)
            return HttpResponseRedirect(self.course.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def closed_reason(self) -> str:
        confirmed = selectors.course_confirmed_count(self.course)
        return self.course.nominations_closed_reason(confirmed=confirmed, today=clock.today())

    def get_cancel_url(self):
        return self.course.get_absolute_url()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        schools = access.scope(self.request.user, School.objects.all(), "read")
        if not access.can_all(self.request.user, "edit", Nomination):
            schools = schools.filter(pk__in=access.school_ids(self.request.user))
        kwargs["staff_qs"] = (
            Staff.objects.filter(school__in=schools, is_active=True)
            .exclude(griefgroup_nominations__course=self.course)
            .select_related("school")
            .order_by("school__name", "name")
        )
        return kwargs

    def form_valid(self, form):
        staff = form.cleaned_data["staff"]
        try:
            services.nomination_create(
                course=self.course, staff=staff, nominated_by=self.request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s er indstillet til kurset.") % {"name": staff})
        return HttpResponseRedirect(self.course.get_absolute_url())


class _NominationActionView(AccessMixin, View):
    """POST-only actions on one nomination."""

    access_target = Nomination
    http_method_names = ["post"]

    def get_nomination(self):
        return access.get_for_user(
            self.request.user,
            Nomination.objects.select_related("course", "staff__school"),
            self.access_action,
            pk=self.kwargs["pk"],
        )

    def done(self, nomination):
        return HttpResponseRedirect(nomination.course.get_absolute_url() + "#indstillinger")


class NominationDecideView(_NominationActionView):
    access_action = "confirm"

    def post(self, request, *args, **kwargs):
        nomination = self.get_nomination()
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vælg en gyldig afgørelse."))
            return self.done(nomination)
        status = form.cleaned_data["status"]
        try:
            if status == NominationStatus.CONFIRMED:
                services.nomination_confirm(nomination=nomination, confirmed_by=request.user)
            else:
                services.nomination_set_status(
                    nomination=nomination, status=status, decided_by=request.user
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except LockTimeout as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": nomination.staff, "status": NominationStatus(status).label},
            )
        return self.done(nomination)


class NominationWithdrawView(_NominationActionView):
    access_action = "edit"

    def post(self, request, *args, **kwargs):
        nomination = self.get_nomination()
        asked = confirm.ask_first(
            request,
            question=_("Træk indstillingen af %(name)s tilbage?") % {"name": nomination.staff},
            details=_("%(name)s er så ikke længere indstillet til «%(course)s».")
            % {"name": nomination.staff, "course": nomination.course},
            confirm_label=_("Ja, træk tilbage"),
            back_url=nomination.course.get_absolute_url() + "#indstillinger",
        )
        if asked is not None:
            return asked
        try:
            services.nomination_withdraw(nomination=nomination)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except LockTimeout as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Indstillingen af %(name)s er trukket tilbage.") % {"name": nomination.staff},
            )
        return self.done(nomination)


class NominationCompleteView(_NominationActionView):
    access_action = "confirm"

    def post(self, request, *args, **kwargs):
        nomination = self.get_nomination()
        form = CompletionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
            return self.done(nomination)
        try:
            services.nomination_complete(
                nomination=nomination,
                completed=form.cleaned_data["completed"],
                completed_on=form.cleaned_data["completed_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except LockTimeout as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Gennemførelse for %(name)s er gemt.") % {"name": nomination.staff}
            )
        return self.done(nomination)


class SessionAttendanceView(AccessMixin, View):
    """The attendance grid of one session: a checkbox per confirmed participant (tablet-sized)."""

    access_target = Attendance
    access_action = "edit"
    template_name = "griefgroups/attendance.html"

    def get_session(self):
        return access.get_for_user(
            self.request.user,
            CourseSession.objects.select_related("course"),
            "read",
            pk=self.kwargs["pk"],
        )

    def participants(self, session):
        return (
            Nomination.objects.filter(course=session.course_id, status=NominationStatus.CONFIRMED)
            .select_related("staff__school")
            .order_by("staff__school__name", "staff__name")
        )

    def render_page(self, request, session, present, version, error=""):
        return render(
            request,
            self.template_name,
            {
                "title": _("Fremmøde %(session)s") % {"session": session},
                "session": session,
                "participants": self.participants(session),
                "present": present,
                # the session's version guards its attendance grid (versioning)
                "lock_version": version,
                "error": error,
            },
        )

    def get(self, request, *args, **kwargs):
        session = self.get_session()
        present = set(
            Attendance.objects.filter(session=session, present=True).values_list(
                "nomination_id", flat=True
            )
        )
        return self.render_page(request, session, present, versioning.version_of(session))

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        form = versioning.VersionForm(request.POST)
        form.is_valid()  # the version alone: always valid
        try:
            ids = [int(v) for v in request.POST.getlist("present")]
            with versioning.claimed(form, session):
                n = services.attendance_record(session=session, present_ids=ids)
        except versioning.EditConflict as conflict:
            # the ticks as they were sent, the current version: saving again is deliberate
            return self.render_page(request, session, set(ids), conflict.current, str(conflict))
        except (ValueError, ValidationError) as error:
            text = (
                " ".join(error.messages)
                if isinstance(error, ValidationError)
                else _("Ugyldigt valg.")
            )
            messages.error(request, text)
            return HttpResponseRedirect(request.path)
        messages.success(request, _("Fremmødet er gemt: %(n)s til stede.") % {"n": n})
        return HttpResponseRedirect(session.course.get_absolute_url())


class TrainedLeadersView(AccessMixin, TemplateView):
    """«Uddannede sorggruppeledere» per school: plain rows, no model instances (~120 at 10×)."""

    access_target = Nomination
    template_name = "griefgroups/trained_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Uddannede sorggruppeledere")
        schools = selectors.trained_leaders_by_school(self.request.user)
        ctx.update(page_of(schools, self.request, SCHOOLS_A_PAGE))
        ctx["schools"] = ctx["object_list"]
        return ctx


# --- groups --------------------------------------------------------------------------------
class GroupListView(ScopedListView):
    model = GriefGroup
    template_name = "griefgroups/group_list.html"
    create_url_name = "griefgroups:group_create"
    title = gettext_lazy("Sorggrupper")
    empty_text = gettext_lazy("Der er ingen sorggrupper, du kan se.")

    def get_queryset(self):
        return selectors.group_rows_for(self.request.user)

    def get_rows(self, object_list) -> list[dict]:
        page = list(object_list)
        leaders = selectors.leader_names([g["pk"] for g in page])
        detail, edit = row_url("griefgroups:group_detail"), row_url("griefgroups:group_update")
        return [
            {
                **g,
                "url": detail(g["pk"]),
                "edit_url": edit(g["pk"]),
                "leaders": ", ".join(leaders.get(g["pk"], [])),
            }
            for g in page
        ]


class GroupDetailView(ReadLoggedMixin, ScopedDetailView):
    model = GriefGroup
    template_name = "griefgroups/group_detail.html"

    def get_queryset(self):
        return GriefGroup.objects.select_related("school")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, group = self.request.user, self.object
        evaluations = selectors.evaluations_with_figures(
            access.scope(user, Evaluation.objects.filter(group=group))
        )
        evaluated = {f.evaluation.period_id for f in evaluations}
        ctx.update(
            title=group.name,
            leaders=group.leaders.select_related("school").order_by("name"),
            meetings=access.annotate_can(
                access.scope(user, group.meetings.all()), user, "edit"
            ).order_by("-date"),
            evaluations=evaluations,
            periods_open=[
                p
                for p in Period.objects.filter(end__gte=group.start_date).order_by("start")
                if p.pk not in evaluated
            ],
            can_edit=access.can(user, "edit", group),
            can_meetings=access.can(user, "meetings", group),
        )
        return ctx


class _GroupFormMixin:
    model = GriefGroup
    form_class = GriefGroupForm

    def editable_schools(self):
        return (
            access.scope(self.request.user, School.objects.all(), "read").filter(
                pk__in=access.school_ids(self.request.user)
            )
            if not access.can_all(self.request.user, "edit", GriefGroup)
            else School.objects.all()
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = self.editable_schools()
        # trained leaders of any school may run a group (a leader from a neighbouring school)
        kwargs["trained"] = selectors.trained_staff_at(School.objects.all())
        return kwargs

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        leaders = data.pop("leaders")
        try:
            if self.object is None:
                self.object = services.griefgroup_create(leaders=leaders, **data)
                text = _("Sorggruppen «%(name)s» er oprettet.")
            else:
                self.object = services.griefgroup_update(group=self.object, leaders=leaders, **data)
                text = _("Sorggruppen «%(name)s» er gemt.")
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except LockTimeout as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, text % {"name": self.object.name})
        return HttpResponseRedirect(self.object.get_absolute_url())


class GroupCreateView(_GroupFormMixin, ScopedCreateView):
    title = gettext_lazy("Ny sorggruppe")

    def get_initial(self):
        return {"places": 8}


class GroupUpdateView(ReadLoggedMixin, _GroupFormMixin, ScopedUpdateView):
    pass


class MeetingCreateView(ScopedCreateView):
    """A group leader (or the school's leader) records a meeting."""

    model = GroupMeeting
    access_action = "edit"
    form_class = GroupMeetingForm

    @cached_property
    def group(self):
        group = access.get_for_user(
            self.request.user,
            GriefGroup.objects.select_related("school"),
            "meetings",
            pk=self.kwargs["group_pk"],
        )
        log_read(self.request.user, group, "meeting")
        return group

    def get_title(self):
        return _("Nyt møde i %(group)s") % {"group": self.group.name}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["group"] = self.group
        return kwargs

    def form_valid(self, form):
        try:
            self.object = services.meeting_save(
                group=self.group, recorded_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except LockTimeout as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Mødet %(date)s er gemt.") % {"date": f"{self.object.date:%d.%m.%Y}"}
        )
        return HttpResponseRedirect(self.group.get_absolute_url())


class MeetingUpdateView(ScopedUpdateView):
    model = GroupMeeting
    form_class = GroupMeetingForm

    def get_queryset(self):
        return GroupMeeting.objects.select_related("group__school")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["group"] = self.object.group
        log_read(self.request.user, self.object.group, "meeting")
        return kwargs

    def form_valid(self, form):
        try:
            services.meeting_save(group=self.object.group, meeting=self.object, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except LockTimeout as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Mødet er gemt."))
        return HttpResponseRedirect(self.object.group.get_absolute_url())


class EvaluationView(ScopedFormMixin, AccessMixin, VersionCheckMixin, FormView):
    """The group's evaluation for one half-year (created or updated)."""

    access_target = Evaluation
    access_action = "edit"
    form_class = EvaluationForm
    template_name = "griefgroups/evaluation_form.html"

    @cached_property
    def group(self):
        group = access.get_for_user(
            self.request.user,
            GriefGroup.objects.select_related("school"),
            "edit",
            pk=self.kwargs["pk"],
        )
        log_read(self.request.user, group, "evaluation")
        return group

    @cached_property
    def period(self):
        return access.get_for_user(self.request.user, Period, "read", pk=self.kwargs["period_pk"])

    def get_title(self):
        return _("Evaluering af %(group)s — %(period)s") % {
            "group": self.group.name,
            "period": self.period,
        }

    def get_cancel_url(self):
        return self.group.get_absolute_url()

    @cached_property
    def evaluation(self):
        return Evaluation.objects.filter(group=self.group, period=self.period).first()

    def versioned_object(self):
        return self.evaluation  # None until the first save: the form then carries version 0

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.evaluation or Evaluation(
            group=self.group,
            period=self.period,
            places=self.group.places,
            referred_count=self.group.referred_count,
        )
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["intro"] = _(
            "Behov: %(referred)s henviste elever til %(places)s pladser (%(waiting)s på venteliste). "
            "Driftsudgiften beregnes af ledertimerne i halvårets møder × timesatsen plus materialer."
        ) % {
            "referred": self.group.referred_count,
            "places": self.group.places,
            "waiting": self.group.waiting_count,
        }
        return ctx

    def form_valid(self, form):
        try:
            services.evaluation_save(group=self.group, period=self.period, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Evalueringen for %(period)s er gemt.") % {"period": self.period}
        )
        return HttpResponseRedirect(self.group.get_absolute_url())


# --- cost ----------------------------------------------------------------------------------
class HourlyRateView(ScopedFormMixin, AccessMixin, FormView):
    """The hourly rate history; the coordinator sets a new rate."""

    access_target = HourlyRate
    form_class = HourlyRateForm
    template_name = "griefgroups/hourlyrate.html"
    title = gettext_lazy("Timesats for sorggruppeledere")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rates"] = access.scope(self.request.user, HourlyRate.objects.select_related("set_by"))
        ctx["can_edit"] = access.can(self.request.user, "edit", HourlyRate)
        return ctx

    def post(self, request, *args, **kwargs):
        if not access.can(request.user, "edit", HourlyRate):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            rate = services.hourly_rate_set(set_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Timesatsen er gemt: %(rate)s.") % {"rate": rate})
        return HttpResponseRedirect(reverse("griefgroups:hourly_rate"))


class ScalingView(AccessMixin, View):
    access_target = "page:griefgroups_scaling"
    template_name = "griefgroups/scaling.html"

    def get(self, request, *args, **kwargs):
        as_of = clock.today()
        estimate, evaluations = selectors.scaling_page(request.user, as_of)
        return render(
            request,
            self.template_name,
            {
                "title": _("Skaleringsoverslag: sorggrupper på alle skoler"),
                "estimate": estimate,
                "as_of": as_of,
                "evaluations": evaluations,
            },
        )
