"""Pages of the trials app. Thin: access through ``trivsel.schools.access`` (views.base), reads
through ``selectors``, writes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from trivsel.schools import access
from trivsel.schools.exports import ExportMixin
from trivsel.schools.models import SchoolYear
from trivsel.schools.views.base import (
    AccessMixin,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    add_service_errors,
)

from . import selectors, services
from .filters import TrialActionFilter
from .forms import (
    AttachmentForm,
    EvaluationForm,
    ProgrammeItemForm,
    RolloutPlanForm,
    ThemeDayForm,
    ThemeForm,
    TrialActionForm,
)
from .models import (
    EVALUATION_FIELDS,
    Attachment,
    ProgrammeItem,
    RolloutPlan,
    Theme,
    ThemeDay,
    TrialAction,
)


# --- trial actions -------------------------------------------------------------------------------
def _join(values) -> str:
    return ", ".join(str(v) for v in values)


class TrialActionListView(ExportMixin, ScopedListView):
    """The network's trial actions, own school first; ``?format=csv|xlsx`` exports the filtered
    list with the same queries (themes and classes prefetched)."""

    model = TrialAction
    template_name = "trials/trialaction_list.html"
    paginate_by = 50
    export_filename = "proevehandlinger"
    export_columns = [
        (gettext_lazy("Skole"), "school.name"),
        (gettext_lazy("Titel"), "title"),
        (gettext_lazy("Temaer"), lambda a: _join(t.name for t in a.themes.all())),
        (gettext_lazy("Klassetrin"), "grade_band_text"),
        (gettext_lazy("Klasser"), lambda a: _join(c.label for c in a.classes.all())),
        (gettext_lazy("Start"), "start"),
        (gettext_lazy("Slut"), "end"),
        (gettext_lazy("Status"), "status"),
        (gettext_lazy("Formål"), "aim"),
        (gettext_lazy("Aktiviteter"), "activities"),
        (gettext_lazy("Hvad lærte vi"), "learned"),
        (gettext_lazy("Effekt, elevernes mentale sundhed (1–5)"), "effect_pupils"),
        (gettext_lazy("Effekt, elevernes mentale sundhed — uddybning"), "effect_pupils_text"),
        (gettext_lazy("Effekt, trivsel i klassen (1–5)"), "effect_class"),
        (gettext_lazy("Effekt, trivsel i klassen — uddybning"), "effect_class_text"),
        (gettext_lazy("Beslutning"), "decision"),
        (gettext_lazy("Fortsættelse"), "continuation"),
        (gettext_lazy("Evalueret den"), "evaluated_at"),
    ]

    @cached_property
    def filterset(self) -> TrialActionFilter:
        return TrialActionFilter(
            self.request.GET or None,
            queryset=selectors.readable(self.request.user),
            request=self.request,
        )

    def get_queryset(self):
        user = self.request.user
        if not self.request.GET:
            qs = selectors.readable(user)
        elif self.filterset.is_valid():
            qs = self.filterset.qs
        else:
            qs = self.filterset.queryset.none()
        if self.request.GET.get("format") is None:
            return selectors.for_list(qs, user)
        return selectors.for_export(qs, user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["groups"] = selectors.list_groups(ctx["object_list"])
        ctx["filter_form"] = self.filterset.form
        ctx["filtered"] = bool(self.request.GET)
        ctx["title"] = _("Prøvehandlinger")
        ctx["create_url"] = (
            reverse("trials:trialaction_create")
            if access.can(self.request.user, "edit", TrialAction)
            else None
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query_string"] = query.urlencode()
        return ctx


class TrialActionDetailView(ScopedDetailView):
    model = TrialAction
    template_name = "trials/trialaction_detail.html"

    def get_object(self, queryset=None):
        return selectors.trial_action_for_detail(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_edit"] = access.can(self.request.user, "edit", self.object)
        ctx["not_started"] = services.evaluation_opens(self.object) is not None
        ctx["has_draft"] = not self.object.is_evaluated and any(
            getattr(self.object, name) not in (None, "") for name in EVALUATION_FIELDS
        )
        ctx["history"] = selectors.history_of(self.object)
        ctx["attachment_form"] = AttachmentForm()
        ctx["title"] = self.object.title
        return ctx


class TrialActionFormMixin:
    model = TrialAction
    form_class = TrialActionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = selectors.editable_schools(self.request.user)
        return kwargs

    def form_valid(self, form):
        try:
            self.object = services.trial_action_save(
                trial_action=form.instance,
                themes=form.cleaned_data["themes"],
                classes=form.cleaned_data["classes"],
                staff=form.cleaned_data["staff"],
                user=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(object=self.object))
        return HttpResponseRedirect(self.object.get_absolute_url())


class TrialActionCreateView(TrialActionFormMixin, ScopedCreateView):
    success_message = gettext_lazy("Prøvehandlingen «{object}» er oprettet.")
    cancel_url = reverse_lazy("trials:trialaction_list")

    def get_initial(self):
        schools = selectors.editable_schools(self.request.user)
        return {"school": schools.first()} if schools.count() == 1 else {}


class TrialActionUpdateView(TrialActionFormMixin, ScopedUpdateView):
    success_message = gettext_lazy("Prøvehandlingen «{object}» er gemt.")

    def get_queryset(self):
        return TrialAction.objects.select_related("school")

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class TrialActionEvaluateView(ScopedUpdateView):
    """The evaluation: «Gem kladde» keeps what is written so far; «Gem og markér som evalueret»
    needs every field. Not before the action's start date (the detail page says when)."""

    model = TrialAction
    form_class = EvaluationForm
    template_name = "trials/evaluation_form.html"
    DRAFT = "kladde"

    def get_queryset(self):
        return TrialAction.objects.select_related("school")

    def _not_yet(self):
        """Before the start date: back to the action, with the date it can be evaluated from."""
        action = self.get_object()
        if (not_started := services.evaluation_opens(action)) is not None:
            messages.error(self.request, not_started.messages[0])
            return HttpResponseRedirect(action.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self._not_yet() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._not_yet() or super().post(request, *args, **kwargs)

    def is_draft(self) -> bool:
        return (
            self.request.method == "POST"
            and self.request.POST.get("action") == self.DRAFT
            and not self.object.is_evaluated
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "complete": not self.is_draft()}

    def get_title(self):
        return _("Evaluér «%(title)s»") % {"title": self.object.title}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def form_valid(self, form):
        data = form.cleaned_data
        draft = self.is_draft()
        # a fresh copy through the same scoped lookup (the form has changed self.object in memory)
        action = self.get_object()
        try:
            services.trial_action_evaluate(
                trial_action=action,
                complete=not draft,
                **{name: data[name] for name in EvaluationForm.Meta.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if draft:
            text = _(
                "Kladden til evalueringen af «%(title)s» er gemt. Prøvehandlingen er ikke "
                "markeret som evalueret endnu."
            )
        else:
            text = _("Evalueringen af «%(title)s» er gemt. Status: evalueret.")
        messages.success(self.request, text % {"title": action.title})
        return HttpResponseRedirect(action.get_absolute_url())


# --- attachments ---------------------------------------------------------------------------------
class AttachmentUploadView(AccessMixin, generic.FormView):
    access_target = Attachment
    access_action = "edit"
    form_class = AttachmentForm
    template_name = "portal/object_form.html"

    @cached_property
    def trial_action(self):
        return access.get_for_user(
            self.request.user,
            TrialAction.objects.select_related("school"),
            "edit",
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        self.trial_action  # noqa: B018 - 404/403 before showing the form
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["trial_action"] = self.trial_action
        ctx["title"] = _("Tilføj bilag til «%(title)s»") % {"title": self.trial_action.title}
        ctx["cancel_url"] = self.trial_action.get_absolute_url()
        return ctx

    def form_valid(self, form):
        try:
            attachment = services.attachment_upload(
                trial_action=self.trial_action,
                file=form.cleaned_data["file"],
                user=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Bilaget «%(name)s» er tilføjet.") % {"name": attachment})
        return HttpResponseRedirect(self.trial_action.get_absolute_url())

    def post(self, request, *args, **kwargs):
        self.trial_action  # noqa: B018 - 404/403 before reading the upload
        return super().post(request, *args, **kwargs)


class AttachmentDownloadView(AccessMixin, generic.View):
    access_target = Attachment

    def get(self, request, pk):
        attachment = access.get_for_user(request.user, Attachment, "read", pk=pk)
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404(_("Filen findes ikke længere.")) from None
        # always as a download, never rendered inline: an uploaded file cannot run in our origin
        return FileResponse(handle, as_attachment=True, filename=attachment.name)


class AttachmentDeleteView(ScopedDeleteView):
    model = Attachment

    def get_queryset(self):
        return Attachment.objects.select_related("trial_action")

    def form_valid(self, form):
        name, action = str(self.object), self.object.trial_action
        services.attachment_delete(attachment=self.object)
        messages.success(self.request, _("Bilaget «%(name)s» er slettet.") % {"name": name})
        return HttpResponseRedirect(action.get_absolute_url())


# --- coverage ------------------------------------------------------------------------------------
class CoverageView(AccessMixin, generic.TemplateView):
    access_target = "page:trials_coverage"
    template_name = "trials/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        request = self.request
        years = list(SchoolYear.objects.order_by("-start"))
        year = next((y for y in years if str(y.pk) == request.GET.get("skoleaar")), None)
        coverage = selectors.coverage(request.user, school_year=year, page=request.GET.get("page"))
        ctx.update(
            title=_("Dækning: skoler × temaer"),
            years=years,
            year=year,
            coverage=coverage,
            page_obj=coverage["page"],
            is_paginated=coverage["page"].has_other_pages(),
        )
        return ctx


# --- themes --------------------------------------------------------------------------------------
class ThemeListView(ScopedListView):
    model = Theme
    create_url_name = "trials:theme_create"
    paginate_by = None
    columns = [
        ("name", gettext_lazy("Tema")),
        ("grade_band_text", gettext_lazy("Målgruppe")),
        ("description", gettext_lazy("Beskrivelse")),
        ("is_active", gettext_lazy("Aktivt")),
    ]
    empty_text = gettext_lazy("Der er ingen temaer endnu.")


class ThemeCreateView(ScopedCreateView):
    model = Theme
    form_class = ThemeForm
    success_url = reverse_lazy("trials:theme_list")
    cancel_url = reverse_lazy("trials:theme_list")
    success_message = gettext_lazy("Temaet «{object}» er oprettet.")


class ThemeUpdateView(ScopedUpdateView):
    model = Theme
    form_class = ThemeForm
    success_url = reverse_lazy("trials:theme_list")
    cancel_url = reverse_lazy("trials:theme_list")
    success_message = gettext_lazy("Temaet «{object}» er gemt.")


# --- theme days ----------------------------------------------------------------------------------
class ThemeDayListView(ScopedListView):
    model = ThemeDay
    create_url_name = "trials:themeday_create"
    paginate_by = None
    columns = [
        ("title", gettext_lazy("Temadag")),
        ("date", gettext_lazy("Dato")),
        ("place", gettext_lazy("Sted")),
        ("audience", gettext_lazy("Målgruppe")),
    ]
    empty_text = gettext_lazy("Der er ingen temadage endnu.")


class ThemeDayDetailView(ScopedDetailView):
    model = ThemeDay
    template_name = "trials/themeday_detail.html"

    def get_queryset(self):
        user = self.request.user
        readable = access.scope(user, TrialAction.objects.all(), "read").select_related("school")
        plans = access.annotate_can(
            access.scope(user, RolloutPlan.objects.all(), "read"), user, "edit"
        )
        return ThemeDay.objects.prefetch_related(
            "themes",
            Prefetch(
                "programme",
                queryset=ProgrammeItem.objects.prefetch_related(
                    Prefetch("trial_actions", queryset=readable.order_by("school__name"))
                ),
            ),
            Prefetch(
                "rollout_plans",
                queryset=plans.select_related("school")
                .prefetch_related(
                    Prefetch("trial_actions", queryset=readable.order_by("school__name", "title"))
                )
                .order_by("school__name"),
            ),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["title"] = self.object.title
        ctx["can_edit_day"] = access.can(user, "edit", ThemeDay)
        planned = {p.school_id for p in self.object.rollout_plans.all()}
        ctx["can_add_plan"] = selectors.editable_schools(user).exclude(pk__in=planned).exists()
        return ctx


class ThemeDayFormMixin:
    model = ThemeDay
    form_class = ThemeDayForm

    def form_valid(self, form):
        try:
            self.object = services.theme_day_save(
                theme_day=form.instance, themes=form.cleaned_data["themes"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(object=self.object))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ThemeDayCreateView(ThemeDayFormMixin, ScopedCreateView):
    success_message = gettext_lazy("Temadagen «{object}» er oprettet.")
    cancel_url = reverse_lazy("trials:themeday_list")


class ThemeDayUpdateView(ThemeDayFormMixin, ScopedUpdateView):
    success_message = gettext_lazy("Temadagen «{object}» er gemt.")

    def get_cancel_url(self):
        return self.object.get_absolute_url()


# --- programme items -----------------------------------------------------------------------------
class ProgrammeItemFormMixin:
    model = ProgrammeItem
    form_class = ProgrammeItemForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            self.object = services.programme_item_save(
                item=form.instance, trial_actions=form.cleaned_data["trial_actions"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Programpunktet er gemt."))
        return HttpResponseRedirect(self.object.theme_day.get_absolute_url())


class ProgrammeItemCreateView(ProgrammeItemFormMixin, ScopedCreateView):
    @cached_property
    def theme_day(self):
        return access.get_for_user(self.request.user, ThemeDay, "edit", pk=self.kwargs["pk"])

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.theme_day = self.theme_day
        return form

    def get_title(self):
        return _("Nyt programpunkt — %(day)s") % {"day": self.theme_day}

    def get_cancel_url(self):
        return self.theme_day.get_absolute_url()


class ProgrammeItemUpdateView(ProgrammeItemFormMixin, ScopedUpdateView):
    def get_queryset(self):
        return ProgrammeItem.objects.select_related("theme_day")

    def get_cancel_url(self):
        return self.object.theme_day.get_absolute_url()


class ProgrammeItemDeleteView(ScopedDeleteView):
    model = ProgrammeItem

    def get_queryset(self):
        return ProgrammeItem.objects.select_related("theme_day")

    def get_success_url(self):
        return self.object.theme_day.get_absolute_url()


# --- roll-out plans ------------------------------------------------------------------------------
class RolloutPlanFormMixin:
    model = RolloutPlan
    form_class = RolloutPlanForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["schools"] = selectors.editable_schools(self.request.user)
        return kwargs

    def form_valid(self, form):
        try:
            self.object = services.rollout_plan_save(
                plan=form.instance, trial_actions=form.cleaned_data["trial_actions"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Udrulningsplanen for %(school)s er gemt.") % {"school": self.object.school},
        )
        return HttpResponseRedirect(self.object.theme_day.get_absolute_url())


class RolloutPlanCreateView(RolloutPlanFormMixin, ScopedCreateView):
    @cached_property
    def theme_day(self):
        return access.get_for_user(self.request.user, ThemeDay, "read", pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and access.can(request.user, "edit", RolloutPlan):
            self.theme_day  # noqa: B018 - 404 for an unknown day
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.theme_day = self.theme_day
        return form

    def get_title(self):
        return _("Udrulningsplan fra %(day)s") % {"day": self.theme_day}

    def get_cancel_url(self):
        return self.theme_day.get_absolute_url()


class RolloutPlanUpdateView(RolloutPlanFormMixin, ScopedUpdateView):
    def get_queryset(self):
        return RolloutPlan.objects.select_related("theme_day", "school")

    def get_title(self):
        return _("Udrulningsplan for %(school)s") % {"school": self.object.school}

    def get_cancel_url(self):
        return self.object.theme_day.get_absolute_url()
