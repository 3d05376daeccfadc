"""Pages of the consultants' app. Thin: forms validate, services write, selectors read; access
through ``trivsel.schools.access`` (views.base) and every activity's details through the read log."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from functools import cache
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_GET

from trivsel.schools import access, confirm
from trivsel.schools.clock import today
from trivsel.schools.models import Period, Role, School, SchoolYear, User
from trivsel.schools.readlog import ReadLoggedMixin
from trivsel.schools.views.base import (
    AccessMixin,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)

from . import selectors, services
from .forms import (
    ActivityEditForm,
    ActivityForm,
    ActivitySearchForm,
    ChallengeTagForm,
    ExampleCaseForm,
    FollowUpForm,
    PeriodChoiceForm,
    PitMeetingForm,
    WellbeingCourseForm,
)
from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    ChallengeTag,
    ExampleCase,
    FollowUp,
    PitMeeting,
    WellbeingCourse,
)


# --- activities --------------------------------------------------------------------------------
class ActivityListView(ScopedListView):
    """All activities the user may read, filtered: the cross-school search («how was a similar
    situation handled elsewhere?»). Rows show no observation text; details are read-logged."""

    model = Activity
    template_name = "consultants/activity_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.search = ActivitySearchForm(self.request.GET or None)
        cleaned = self.search.cleaned_data if self.search.is_valid() else {}
        return selectors.activity_search(
            self.request.user,
            tag=cleaned.get("tag"),
            kind=cleaned.get("kind", ""),
            band=cleaned.get("band", ""),
            school=cleaned.get("school"),
            period=cleaned.get("period"),
        )

    def get_rows(self, object_list) -> list[dict]:
        return selectors.list_rows(object_list)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["search"] = self.search
        ctx["title"] = _("Konsulentaktiviteter")
        ctx["can_create"] = access.can(self.request.user, "edit", Activity)
        return ctx


class ActivityCreateView(AccessMixin, View):
    """The tablet quick-entry form. With JavaScript an entry goes to the browser's outbox and on
    to the sync endpoint (offline-safe); without, this view takes the POST itself — both through
    ``services.activity_record``, idempotent on the form's UUID."""

    access_target = Activity
    access_action = "edit"
    template_name = "consultants/activity_quick_form.html"

    def get(self, request):
        return self.render(self.make_form())

    def post(self, request):
        form = self.make_form(data=request.POST)
        form.instance.consultant = request.user
        if form.is_valid():
            try:
                result = services.activity_record(
                    consultant=request.user,
                    client_uuid=form.cleaned_data["client_uuid"],
                    fields=form.model_fields(),
                    tags=form.cleaned_data["tags"],
                    follow_ups=form.follow_ups(),
                )
            except services.SyncConflict as conflict:
                form.add_error(None, conflict.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if result.created:
                    messages.success(request, _("Aktiviteten er gemt."))
                else:
                    messages.info(
                        request, _("Aktiviteten var allerede gemt — intet er gemt to gange.")
                    )
                return HttpResponseRedirect(reverse("consultants:activity_create"))
        return self.render(form, status=400)

    def make_form(self, data=None) -> ActivityForm:
        user = self.request.user
        usual = selectors.usual_schools(user)
        initial = {
            "client_uuid": uuid.uuid4(),
            "date": today(),
            "duration_minutes": 45,
            "kind": ActivityKind.OBSERVATION,
            "status": ActivityStatus.HELD,
            "school": usual[0] if usual else None,
        }
        form = ActivityForm(data=data, initial=initial, class_year=self.year)
        schools = list(School.objects.order_by("name"))
        mine = [s for pk in usual for s in schools if s.pk == pk]
        choices = [("", _("Vælg skole"))]
        if mine:
            choices.append((_("Dine skoler"), [(s.pk, s.name) for s in mine]))
            choices.append((_("Alle skoler"), [(s.pk, s.name) for s in schools if s not in mine]))
        else:
            choices += [(s.pk, s.name) for s in schools]
        form.fields["school"].widget.choices = choices
        return form

    @cached_property
    def year(self):
        return SchoolYear.current()

    def render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": _("Ny registrering"),
                "classes_by_school": selectors.classes_by_school(self.year),
                "sync_url": reverse("consultants:sync"),
                "login_url": reverse("login"),
            },
            status=status,
        )


class ActivityDetailView(ScopedDetailView):
    model = Activity
    template_name = "consultants/activity_detail.html"

    def get_object(self, queryset=None):
        return selectors.activity_for_reading(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["title"] = str(self.object)
        ctx["tags"] = self.object.tags.order_by("name")
        ctx["follow_ups"] = self.object.follow_ups.all()
        ctx["can_edit"] = access.can(user, "edit", self.object)
        ctx["today"] = today()
        return ctx


class ActivityUpdateView(ReadLoggedMixin, ScopedUpdateView):
    model = Activity
    form_class = ActivityEditForm
    success_message = gettext_lazy("Aktiviteten er gemt.")

    def get_queryset(self):
        return Activity.objects.select_related("school", "consultant")

    def form_valid(self, form):
        # the activity and its tags in one transaction
        with transaction.atomic():
            return super().form_valid(form)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ActivityDeleteView(ScopedDeleteView):
    model = Activity
    success_url = reverse_lazy("consultants:activity_list")


class FollowUpCreateView(ScopedCreateView):
    model = FollowUp
    form_class = FollowUpForm
    success_message = gettext_lazy("Opfølgningen er tilføjet.")

    @cached_property
    def activity(self):
        return access.get_for_user(
            self.request.user, Activity.objects.all(), "edit", pk=self.kwargs["pk"]
        )

    def get_title(self):
        return _("Ny opfølgning · %(activity)s") % {"activity": self.activity}

    def form_valid(self, form):
        form.instance.activity = self.activity
        return super().form_valid(form)

    def get_success_url(self):
        return self.activity.get_absolute_url()


class FollowUpDoneView(AccessMixin, View):
    access_target = FollowUp
    access_action = "edit"
    http_method_names = ["post"]

    def post(self, request, pk):
        follow_up = access.get_for_user(
            request.user, FollowUp.objects.select_related("activity"), "edit", pk=pk
        )
        done = request.POST.get("done", "1") == "1"
        services.follow_up_set_done(follow_up=follow_up, done=done)
        messages.success(
            request,
            _("Opfølgningen er markeret som udført.") if done else _("Opfølgningen er genåbnet."),
        )
        return HttpResponseRedirect(
            request.POST.get("next") if _safe_next(request) else follow_up.get_absolute_url()
        )


def _safe_next(request) -> bool:
    nxt = request.POST.get("next", "")
    return bool(nxt) and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()})


# --- the service worker (served from the site root so its scope covers the form) -------------
_SW_FILE = Path(__file__).resolve().parent / "static" / "consultants" / "sw.js"


@cache
def _sw_source() -> str:
    return _SW_FILE.read_text(encoding="utf-8")


@require_GET
def service_worker(request):
    shell = [
        reverse("consultants:activity_create"),
        static("vendor/bootstrap/css/bootstrap.min.css"),
        static("vendor/bootstrap/js/bootstrap.bundle.min.js"),
        static("css/portal.css"),
        static("js/portal.js"),
        static("django_htmx/htmx-2.min.js"),
        static("img/favicon.svg"),
        static("consultants/consultants.css"),
        static("consultants/outbox.js"),
        static("consultants/quickentry.js"),
    ]
    source = _sw_source()
    version = hashlib.sha256((source + "".join(shell)).encode()).hexdigest()[:12]
    body = source.replace("__APP_SHELL__", json.dumps(shell)).replace("__VERSION__", version)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


# --- learning across schools: overviews -------------------------------------------------------
class WeekView(AccessMixin, View):
    """A consultant's week (a coordinator picks the consultant)."""

    access_target = "page:consultants_learning"
    template_name = "consultants/week.html"

    def get(self, request):
        user = request.user
        try:
            day = date.fromisoformat(request.GET.get("dato", ""))
        except ValueError:
            day = today()
        consultants = list(User.objects.filter(role=Role.CONSULTANT, is_active=True))
        chosen = user if user.role == Role.CONSULTANT else None
        wanted = request.GET.get("konsulent", "")
        for c in consultants:
            if str(c.pk) == wanted:
                chosen = c
        if chosen is None and consultants:
            chosen = consultants[0]
        start, end = selectors.week_bounds(day)
        rows = list(selectors.consultant_week(user, chosen, day)) if chosen else []
        return render(
            request,
            self.template_name,
            {
                "title": _("Ugeoversigt"),
                "rows": rows,
                "start": start,
                "end": end,
                "previous": start.fromordinal(start.toordinal() - 7),
                "next": start.fromordinal(start.toordinal() + 7),
                "consultants": consultants,
                "chosen": chosen,
                "total_minutes": sum(a.duration_minutes for a in rows),
            },
        )


class SchoolKindView(AccessMixin, View):
    """Activities per school and kind in a half-year."""

    access_target = "page:consultants_learning"
    template_name = "consultants/school_kind.html"

    def get(self, request):
        form = PeriodChoiceForm(request.GET or None)
        period = form.cleaned_data.get("period") if form.is_valid() else None
        if period is None and not request.GET.get("period"):
            period = Period.objects.filter(start__lte=today()).order_by("-start").first()
            form = PeriodChoiceForm(initial={"period": period})
        return render(
            request,
            self.template_name,
            {
                "title": _("Aktiviteter pr. skole og type"),
                "form": form,
                "period": period,
                "table": selectors.activities_per_school_and_kind(request.user, period),
            },
        )


class OverdueFollowUpsView(ScopedListView):
    model = FollowUp
    access_target = "page:consultants_learning"
    template_name = "consultants/followup_overdue.html"
    title = gettext_lazy("Opfølgninger over tid")

    def get_queryset(self):
        return selectors.overdue_follow_ups(self.request.user)

    def get_rows(self, object_list) -> list[dict]:
        return selectors.overdue_rows(object_list, self.request.user)


# --- challenge tags (coordinators) -----------------------------------------------------------
class ChallengeTagListView(ScopedListView):
    model = ChallengeTag
    template_name = "consultants/object_list.html"
    access_action = "edit"  # coordinators keep the list; consultants pick tags on the form
    create_url_name = "consultants:tag_create"
    columns = [("name", gettext_lazy("Udfordring")), ("is_active", gettext_lazy("I brug"))]
    empty_text = gettext_lazy("Der er ingen udfordringer endnu.")


class ChallengeTagCreateView(ScopedCreateView):
    model = ChallengeTag
    form_class = ChallengeTagForm
    success_url = reverse_lazy("consultants:tag_list")
    success_message = gettext_lazy("Udfordringen «{object}» er oprettet.")


class ChallengeTagUpdateView(ScopedUpdateView):
    model = ChallengeTag
    form_class = ChallengeTagForm
    success_url = reverse_lazy("consultants:tag_list")
    success_message = gettext_lazy("Udfordringen «{object}» er gemt.")


# --- wellbeing courses -------------------------------------------------------------------------
class ConsultantOwnedCreateMixin:
    """Create views whose record belongs to the consultant who creates it."""

    def form_valid(self, form):
        form.instance.consultant = self.request.user
        return super().form_valid(form)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.consultant = self.request.user  # so model validation sees the author
        return form


class WellbeingCourseListView(ScopedListView):
    model = WellbeingCourse
    template_name = "consultants/course_list.html"
    create_url_name = "consultants:course_create"
    empty_text = gettext_lazy("Der er ingen trivselsforløb endnu.")

    def base_queryset(self):
        return (
            WellbeingCourse.objects.select_related("school", "school_class", "consultant")
            # a subquery, not a join + GROUP BY: PostgreSQL counts the sessions of the page's
            # 50 rows only (after ORDER BY … LIMIT), and the paginator's COUNT skips it
            .annotate(
                held_sessions=Coalesce(
                    Subquery(
                        Activity.objects.filter(course=OuterRef("pk"), status=ActivityStatus.HELD)
                        .order_by()
                        .values("course")
                        .annotate(n=Count("pk"))
                        .values("n"),
                        output_field=IntegerField(),
                    ),
                    0,
                )
            )
            .order_by("-start_date", "pk")
        )

    def get_rows(self, object_list) -> list[dict]:
        return selectors.course_list_rows(object_list)


class WellbeingCourseDetailView(ScopedDetailView):
    model = WellbeingCourse
    template_name = "consultants/course_detail.html"

    def get_queryset(self):
        return WellbeingCourse.objects.select_related("school", "school_class", "consultant")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        # the sessions' rows show no observation text (each detail is read-logged on its own)
        ctx["sessions"] = selectors.activity_rows(user).filter(course=self.object)
        ctx["can_edit"] = access.can(user, "edit", self.object)
        ctx["title"] = str(self.object)
        return ctx


class WellbeingCourseCreateView(ConsultantOwnedCreateMixin, ScopedCreateView):
    model = WellbeingCourse
    form_class = WellbeingCourseForm
    success_message = gettext_lazy("Trivselsforløbet «{object}» er oprettet.")

    def get_success_url(self):
        return self.object.get_absolute_url()


class WellbeingCourseUpdateView(ScopedUpdateView):
    model = WellbeingCourse
    form_class = WellbeingCourseForm
    success_message = gettext_lazy("Trivselsforløbet «{object}» er gemt.")

    def get_success_url(self):
        return self.object.get_absolute_url()


# --- PIT meetings ------------------------------------------------------------------------------
class PitMeetingListView(ScopedListView):
    model = PitMeeting
    template_name = "consultants/pit_list.html"
    create_url_name = "consultants:pit_create"
    columns = [
        ("date", gettext_lazy("Dato")),
        ("school", gettext_lazy("Skole")),
        ("consultant", gettext_lazy("Konsulent")),
        ("cases_discussed", gettext_lazy("Drøftede sager")),
        ("themes", gettext_lazy("Temaer")),
    ]
    empty_text = gettext_lazy("Der er ingen PIT-møder endnu.")

    def base_queryset(self):
        return PitMeeting.objects.select_related("school", "consultant")

    def get_rows(self, object_list) -> list[dict]:
        return selectors.pit_list_rows(object_list)


class PitMeetingCreateView(ConsultantOwnedCreateMixin, ScopedCreateView):
    model = PitMeeting
    form_class = PitMeetingForm
    success_url = reverse_lazy("consultants:pit_list")
    success_message = gettext_lazy("PIT-mødet er gemt.")

    def get_initial(self):
        return {"date": today()}


class PitMeetingUpdateView(ScopedUpdateView):
    model = PitMeeting
    form_class = PitMeetingForm
    success_url = reverse_lazy("consultants:pit_list")
    success_message = gettext_lazy("PIT-mødet er gemt.")


# --- example cases for the status note -------------------------------------------------------
class ExampleCaseListView(ScopedListView):
    model = ExampleCase
    template_name = "consultants/case_list.html"
    create_url_name = "consultants:case_create"
    empty_text = gettext_lazy("Der er ingen eksempler endnu.")

    def base_queryset(self):
        return ExampleCase.objects.select_related("period", "author")

    def get_rows(self, object_list) -> list[dict]:
        return [
            {
                "url": case.get_absolute_url(),
                "title": case.title,
                "period": case.period.name,
                "approved": case.is_approved,
                "status": case.get_status_display(),
                "author": str(case.author),
            }
            for case in object_list
        ]


class ExampleCaseDetailView(ScopedDetailView):
    model = ExampleCase
    template_name = "consultants/case_detail.html"

    def get_queryset(self):
        return ExampleCase.objects.select_related("period", "author", "approved_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["title"] = self.object.title
        ctx["can_edit"] = access.can(user, "edit", self.object)
        ctx["can_approve"] = access.can(user, "edit", "page:consultants_case_approve")
        ctx["identifying_names"] = (
            services.example_case_identifying_names(title=self.object.title, text=self.object.text)
            if ctx["can_approve"]
            else []
        )
        return ctx


class ExampleCaseCreateView(ScopedCreateView):
    model = ExampleCase
    form_class = ExampleCaseForm
    success_message = gettext_lazy("Eksemplet «{object}» er gemt som kladde.")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.author = self.request.user
        return form

    def get_success_url(self):
        return self.object.get_absolute_url()


class ExampleCaseUpdateView(ScopedUpdateView):
    model = ExampleCase
    form_class = ExampleCaseForm
    success_message = gettext_lazy("Eksemplet «{object}» er gemt.")

    def get_success_url(self):
        return self.object.get_absolute_url()


class ExampleCaseApproveView(AccessMixin, View):
    """POST: a coordinator approves (or withdraws the approval of) an example case."""

    access_target = "page:consultants_case_approve"
    access_action = "edit"
    http_method_names = ["post"]

    def post(self, request, pk):
        case = access.get_for_user(request.user, ExampleCase.objects.all(), "edit", pk=pk)
        if request.POST.get("action") == "withdraw":
            asked = confirm.ask_first(
                request,
                question=_("Træk godkendelsen af «%(title)s» tilbage?") % {"title": case.title},
                details=_(
                    "Eksemplet kan så ikke bruges i statusnotatet, før det er godkendt igen."
                ),
                confirm_label=_("Ja, træk godkendelsen tilbage"),
                back_url=case.get_absolute_url(),
            )
            if asked is not None:
                return asked
            services.example_case_withdraw(case=case)
            messages.success(request, _("Godkendelsen er trukket tilbage."))
        else:
            try:
                services.example_case_approve(case=case, coordinator=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Eksemplet er godkendt og kan bruges i statusnotatet."))
        return HttpResponseRedirect(case.get_absolute_url())
