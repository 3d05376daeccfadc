"""Åben Skole pages. Thin: scope through ``access``, writes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from trivsel.schools import access
from trivsel.schools.exports import export_response
from trivsel.schools.locking import LockTimeout
from trivsel.schools.models import School, SchoolClass
from trivsel.schools.views.base import (
    AccessMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    add_service_errors,
)

from . import selectors, services
from .forms import ApplicationForm, DecisionForm, OfferForm, ProgrammeForm, ReportForm
from .models import Application, Offer, Programme, Status


# --- programmes and offers (coordinator) ---------------------------------------------------
class ProgrammeListView(ScopedListView):
    model = Programme
    create_url_name = "openschool:programme_create"
    columns = [
        ("school_year", gettext_lazy("Skoleår")),
        ("budget", gettext_lazy("Budget (kr.)")),
    ]

    def base_queryset(self):
        return Programme.objects.select_related("school_year")


class ProgrammeCreateView(ScopedCreateView):
    model = Programme
    form_class = ProgrammeForm
    success_url = reverse_lazy("openschool:programme_list")
    success_message = gettext_lazy("Programmet «{object}» er oprettet.")


class ProgrammeUpdateView(ScopedUpdateView):
    model = Programme
    form_class = ProgrammeForm
    success_url = reverse_lazy("openschool:programme_list")
    success_message = gettext_lazy("Programmet «{object}» er gemt.")

    def form_valid(self, form):
        # the budget is checked against the approved sum under the approvals' lock
        try:
            self.object = services.programme_update(programme=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        except LockTimeout as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(object=self.object))
        return redirect(self.get_success_url())


class OfferListView(ScopedListView):
    model = Offer
    create_url_name = "openschool:offer_create"
    empty_text = gettext_lazy("Der er ingen tilbud endnu.")
    columns = [
        ("title", gettext_lazy("Titel")),
        ("partner.name", gettext_lazy("Partner")),
        ("grade_band_labels", gettext_lazy("Målgruppe")),
        ("price", gettext_lazy("Pris (kr.)")),
        ("price_kind", gettext_lazy("Pristype")),
        ("programme.school_year.name", gettext_lazy("Skoleår")),
    ]

    def base_queryset(self):
        return Offer.objects.select_related("partner", "programme__school_year")


class OfferCreateView(ScopedCreateView):
    model = Offer
    form_class = OfferForm
    success_url = reverse_lazy("openschool:offer_list")
    success_message = gettext_lazy("Tilbuddet «{object}» er oprettet.")


class OfferUpdateView(ScopedUpdateView):
    model = Offer
    form_class = OfferForm
    success_url = reverse_lazy("openschool:offer_list")
    success_message = gettext_lazy("Tilbuddet «{object}» er gemt.")


# --- applications ---------------------------------------------------------------------------
class ApplicationListView(ScopedListView):
    model = Application
    template_name = "openschool/application_list.html"
    create_url_name = "openschool:application_create"
    empty_text = gettext_lazy("Der er ingen ansøgninger endnu.")

    def get_queryset(self):
        self.programme = selectors.current_programme()
        return selectors.application_rows_for(self.request.user, self.programme)

    def get_rows(self, object_list) -> list[dict]:
        return selectors.application_rows(object_list)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Åben Skole-ansøgninger")
        ctx["programme"] = self.programme
        ctx["can_see_overview"] = access.can(self.request.user, "read", "page:openschool_overview")
        return ctx


class _ApplicationFormMixin:
    template_name = "portal/object_form.html"

    @cached_property
    def programme(self):
        programme = selectors.current_programme()
        if programme is None:
            raise Http404(_("Der er intet Åben Skole-program for det aktuelle skoleår."))
        return programme

    def form_kwargs(self):
        user = self.request.user
        if access.can_all(user, "edit", Application):
            schools = School.objects.all()
        else:
            schools = School.objects.filter(pk__in=access.school_ids(user))
        return {
            "schools": schools,
            "offers": self.programme.offers.select_related("partner"),
            "classes": SchoolClass.objects.filter(
                school__in=schools, school_year=self.programme.school_year_id
            ).select_related("school"),
        }


class ApplicationCreateView(_ApplicationFormMixin, AccessMixin, generic.FormView):
    access_target = Application
    access_action = "edit"
    form_class = ApplicationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Ansøg om Åben Skole-midler (%(year)s)") % {
            "year": self.programme.school_year
        }
        ctx["cancel_url"] = reverse("openschool:application_list")
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            app = services.application_create(
                by=self.request.user,
                programme=self.programme,
                school=data["school"],
                offer=data.get("offer"),
                own_title=data.get("own_title") or "",
                amount=data["amount"],
                purpose=data["purpose"],
                planned_start=data["planned_start"],
                planned_end=data["planned_end"],
                target_classes=data.get("target_classes") or [],
                submit=data.get("submit", False),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Ansøgningen er indsendt.")
            if app.status == Status.SUBMITTED
            else _("Kladden er gemt."),
        )
        return redirect(app.get_absolute_url())


class ApplicationUpdateView(_ApplicationFormMixin, ScopedUpdateView):
    model = Application
    form_class = ApplicationForm

    @cached_property
    def programme(self):
        return self.object.programme

    def get_queryset(self):
        return Application.objects.select_related("programme", "school")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs()}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        classes = data.pop("target_classes", None) or []
        submit = data.pop("submit", False)
        try:
            app = services.application_update(
                application=self.object,
                by=self.request.user,
                target_classes=classes,
                submit=submit,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Ansøgningen er indsendt.")
            if app.status == Status.SUBMITTED
            else _("Kladden er gemt."),
        )
        return redirect(app.get_absolute_url())


class ApplicationDetailView(ScopedDetailView):
    model = Application
    template_name = "openschool/application_detail.html"

    def get_queryset(self):
        return Application.objects.select_related(
            "school", "offer__partner", "programme__school_year", "decided_by", "report"
        ).prefetch_related(
            Prefetch("target_classes", queryset=SchoolClass.objects.order_by("grade", "letter"))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, app = self.request.user, self.object
        may_approve = access.can(user, "approve", Application)
        ctx["can_edit"] = app.is_editable and access.can(user, "edit", app)
        ctx["can_decide"] = may_approve and app.status == Status.SUBMITTED
        ctx["can_report"] = (
            app.is_allocated and not hasattr(app, "report") and access.can(user, "edit", app)
        )
        if ctx["can_decide"]:
            ctx["decision_form"] = kwargs.get("decision_form") or DecisionForm(
                initial={"amount": app.amount}
            )
            ctx["remaining"] = services.remaining_budget(app.programme)
        ctx["report"] = getattr(app, "report", None)
        ctx["title"] = str(app)
        return ctx


class ApplicationDecideView(ApplicationDetailView):
    """POST only: the coordinator's decision. A refusal re-shows the page with the message."""

    access_action = "approve"
    object_action = "approve"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = app = self.get_object()
        try:
            services.require_undecided(app)  # decided before this press arrived
        except ValidationError as exc:
            messages.warning(request, exc.messages[0])
            return redirect(app.get_absolute_url())
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == DecisionForm.APPROVE:
                    services.allocation_approve(
                        application=app,
                        amount=data["amount"],
                        approved_by=request.user,
                        reason=data.get("reason", ""),
                    )
                elif data["decision"] == DecisionForm.CHANGES:
                    services.application_request_changes(
                        application=app, by=request.user, reason=data["reason"]
                    )
                else:
                    services.application_reject(
                        application=app, by=request.user, reason=data["reason"]
                    )
            except ValidationError as exc:
                if getattr(exc, "code", None) == "already_decided":
                    # lost the race (or pressed twice): the page as it is now, and why
                    messages.warning(request, exc.messages[0])
                    return redirect(app.get_absolute_url())
                add_service_errors(form, exc)
            except LockTimeout as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Afgørelsen er gemt, og skolen får besked på e-mail."))
                return redirect(app.get_absolute_url())
        ctx = self.get_context_data(object=app, decision_form=form)
        return self.render_to_response(ctx, status=400)


class ReportCreateView(AccessMixin, generic.FormView):
    access_target = Application
    access_action = "edit"
    form_class = ReportForm
    template_name = "portal/object_form.html"

    @cached_property
    def application(self):
        return access.get_for_user(
            self.request.user,
            Application.objects.select_related("school", "offer"),
            "edit",
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Afrapportering: %(app)s") % {"app": self.application}
        ctx["cancel_url"] = self.application.get_absolute_url()
        return ctx

    def form_valid(self, form):
        try:
            services.report_submit(
                application=self.application, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Tak for afrapporteringen."))
        return redirect(self.application.get_absolute_url())


# --- the coordinators' money overview -----------------------------------------------------
class OverviewView(AccessMixin, generic.TemplateView):
    access_target = "page:openschool_overview"
    template_name = "openschool/overview.html"

    def get_programme(self):
        pk = self.request.GET.get("program")
        if pk:
            return access.get_for_user(
                self.request.user, Programme.objects.select_related("school_year"), "read", pk=pk
            )
        return selectors.current_programme()

    def get(self, request, *args, **kwargs):
        programme = self.get_programme()
        overview = selectors.money_overview(programme) if programme else None
        if overview and request.GET.get("format") == "xlsx":
            return _xlsx(overview)
        return self.render_to_response(
            self.get_context_data(
                overview=overview,
                programmes=Programme.objects.select_related("school_year"),
                title=_("Åben Skole: økonomi"),
            )
        )


def _xlsx(overview: dict) -> HttpResponse:
    """Money per school, then per partner, as one Excel sheet (the shared export helper)."""
    rows = [{"kind": _("Skole"), **r} for r in overview["by_school"]] + [
        {"kind": _("Partner"), **r} for r in overview["by_partner"]
    ]
    columns = [
        (_("Pr."), "kind"),
        (_("Navn"), lambda r: str(r["name"])),
        (_("Ansøgninger"), "applications"),
        (_("Ansøgt"), "applied"),
        (_("Bevilget"), "approved"),
        (_("Afrapporteret"), "reported"),
        (_("Rest af bevilling"), "remaining"),
    ]
    name = f"aaben-skole-{overview['programme'].school_year.name.replace('/', '-')}"
    return export_response(rows, columns, filename=name, fmt="xlsx")
