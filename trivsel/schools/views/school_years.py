"""Every August: import a school year's classes from a file, «Nyt skoleår», and switching the
current year. Coordinators only (the «page:school_year_admin» row of ``access``). Thin views: the
forms read the input, the services in ``services/`` write."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView

from .. import access
from ..class_file import COLUMNS
from ..forms.school_years import ClassImportForm, NewSchoolYearForm
from ..models import School, SchoolYear
from ..services.classes import ClassImportError, classes_import
from ..services.school_years import (
    SchoolYearAdvanceError,
    school_year_advance,
    school_year_advance_check,
    school_year_advance_plan,
    school_year_make_current,
    zero_classes_now,
)
from .base import AccessMixin

MAX_ERRORS_SHOWN = 100
EXAMPLE_ROWS = [(0, "A", 22), (0, "B", 21), (1, "A", 24), (9, "A", 23)]


class SchoolYearAdminMixin(AccessMixin):
    access_target = "page:school_year_admin"
    access_action = "edit"


# --- class import ----------------------------------------------------------------------------
class ClassImportView(SchoolYearAdminMixin, FormView):
    form_class = ClassImportForm
    template_name = "schools/class_import.html"
    success_url = reverse_lazy("schools:schoolyear_list")

    def school_years(self):
        return access.scope(self.request.user, SchoolYear.objects.all(), "edit")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school_years": self.school_years()}

    def get_initial(self):
        # ?aar=<pk> from the list's row; else the newest year (in August: the one just created)
        years = self.school_years()
        wanted = self.request.GET.get("aar", "")
        chosen = years.filter(pk=wanted).first() if wanted.isdigit() else None
        return {"school_year": chosen or years.first()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(title=_("Importér klasser"), columns=COLUMNS, example_rows=EXAMPLE_ROWS)
        return ctx

    def form_valid(self, form):
        year = form.cleaned_data["school_year"]
        try:
            result = classes_import(school_year=year, rows=form.rows)
        except ClassImportError as exc:
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    row_errors=exc.errors[:MAX_ERRORS_SHOWN],
                    more_errors=max(0, len(exc.errors) - MAX_ERRORS_SHOWN),
                    file_name=form.cleaned_data["file"].name,
                )
            )
        messages.success(
            self.request,
            ngettext(
                "%(count)d klasse er oprettet i skoleåret %(year)s.",
                "%(count)d klasser er oprettet i skoleåret %(year)s.",
                result.created,
            )
            % {"count": result.created, "year": year},
        )
        return super().form_valid(form)


class ClassImportExampleView(SchoolYearAdminMixin, View):
    """A small CSV to start from: semicolons and a BOM, so Danish Excel opens it as columns."""

    def get(self, request):
        schools = list(
            access.scope(request.user, School.objects.order_by("name"), "read").values_list(
                "name", flat=True
            )[:2]
        ) or ["Valhøj Skole"]
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for school in schools:
            writer.writerows(
                (school, grade, letter, pupils) for grade, letter, pupils in EXAMPLE_ROWS
            )
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="klasser-eksempel.csv"'
        return response


# --- «Nyt skoleår» ---------------------------------------------------------------------------
class _AdvanceableYearRequired:
    """Runs after the access check (later in the MRO): finds the current year and refuses, before
    any form, when there is none or when next year already exists."""

    list_url = reverse_lazy("schools:schoolyear_list")

    def refuse(self, message):
        messages.error(self.request, message)
        return HttpResponseRedirect(self.list_url)

    def dispatch(self, request, *args, **kwargs):
        self.current = SchoolYear.current()
        if self.current is None:
            return self.refuse(_("Der er intet aktuelt skoleår at gå videre fra."))
        try:
            self.next_name, _start, _end = school_year_advance_check(current=self.current)
        except SchoolYearAdvanceError as exc:
            return self.refuse(str(exc))
        return super().dispatch(request, *args, **kwargs)


class NewSchoolYearView(SchoolYearAdminMixin, _AdvanceableYearRequired, View):
    """GET: the form with this year's 0. klasser filled in; POST ``action=preview``: what will
    happen, nothing saved; POST ``action=confirm``: do it; POST ``action=edit``: back to the form."""

    template_name = "schools/new_school_year.html"

    def make_form(self, data=None):
        schools = access.scope(self.request.user, School.objects.order_by("name"), "edit")
        initial = {}
        for school_id, now in zero_classes_now(current=self.current).items():
            initial[f"count_{school_id}"] = now.count
            initial[f"pupils_{school_id}"] = now.pupils
        initial["from_year"] = self.current.pk
        return NewSchoolYearForm(data, schools=schools, initial=initial)

    def render(self, form, plan=None):
        return render(
            self.request,
            self.template_name,
            {
                "title": _("Nyt skoleår"),
                "form": form,
                "plan": plan,
                "current": self.current,
                "next_name": self.next_name,
            },
        )

    def get(self, request):
        return self.render(self.make_form())

    def post(self, request):
        form = self.make_form(request.POST)
        action = request.POST.get("action", "preview")
        if action == "edit" or not form.is_valid():
            return self.render(form)
        # the year the form was filled in for: a form sent twice is refused by the service
        from_year = access.get_for_user(
            request.user, SchoolYear, "edit", pk=form.cleaned_data["from_year"] or self.current.pk
        )
        try:
            if action == "confirm":
                new_year = school_year_advance(
                    current=from_year, new_zero_classes=form.new_zero_classes()
                )
            else:
                plan = school_year_advance_plan(
                    current=from_year, new_zero_classes=form.new_zero_classes()
                )
                return self.render(form, plan=plan)
        except SchoolYearAdvanceError as exc:
            return self.refuse(str(exc))
        count = new_year.classes.count()
        messages.success(
            request,
            ngettext(
                "Skoleåret %(year)s er oprettet med %(count)d klasse og er nu det aktuelle skoleår.",
                "Skoleåret %(year)s er oprettet med %(count)d klasser og er nu det aktuelle skoleår.",
                count,
            )
            % {"year": new_year, "count": count},
        )
        return HttpResponseRedirect(self.list_url)


class SchoolYearMakeCurrentView(SchoolYearAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        year = access.get_for_user(request.user, SchoolYear, "edit", pk=pk)
        school_year_make_current(school_year=year)
        messages.success(request, _("%(year)s er nu det aktuelle skoleår.") % {"year": year})
        return HttpResponseRedirect(reverse("schools:schoolyear_list"))
