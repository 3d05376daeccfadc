"""Pages of the shared records: the coordinators' management of schools, classes, staff,
organisations, partners, school years and half-years. Thin views; access through ``access``."""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import access, clock
from ..choices import labels
from ..exports import ExportMixin
from ..forms.records import (
    OrganisationForm,
    PartnerForm,
    PeriodForm,
    SchoolClassForm,
    SchoolForm,
    SchoolYearForm,
    StaffForm,
)
from ..links import row_url
from ..models import (
    Job,
    Organisation,
    Partner,
    Period,
    School,
    SchoolClass,
    SchoolYear,
    Staff,
)
from .base import (
    SCHOOLS_A_PAGE,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    yes_no,
)


# --- schools ---------------------------------------------------------------------------------
def school_table(user, year) -> list[dict]:
    """The schools the user may read with ``can_edit``, their links and the year's class, pupil
    and staff counts, as plain rows in one query: the access module's own queryset (as a
    subquery) joined to the counts aggregated once per table — not a subquery per school."""
    scoped = access.annotate_can(access.scope(user, School.objects.all(), "read"), user, "edit")
    try:
        sql, params = (
            scoped.order_by().values_list("pk", "name", "can_edit").query.sql_with_params()
        )
    except EmptyResultSet:  # the scope is empty (e.g. a login with no school yet)
        return []
    school_class, staff = (
        connection.ops.quote_name(model._meta.db_table) for model in (SchoolClass, Staff)
    )
    # table names from the models; the scope's SQL and the year are the ORM's and a parameter
    query = f"""
        SELECT s.id, s.name, s.can_edit,
               COALESCE(c.n, 0), COALESCE(c.pupils, 0), COALESCE(st.n, 0)
        FROM ({sql}) AS s (id, name, can_edit)
        LEFT JOIN (SELECT school_id, COUNT(*) AS n, SUM(pupil_count) AS pupils
                   FROM {school_class} WHERE school_year_id = %s GROUP BY school_id) c
               ON c.school_id = s.id
        LEFT JOIN (SELECT school_id, COUNT(*) AS n
                   FROM {staff} WHERE is_active GROUP BY school_id) st
               ON st.school_id = s.id
        ORDER BY s.name"""  # noqa: S608 - see the comment above
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, year.pk if year else None])
        found = cursor.fetchall()
    detail, edit = row_url("schools:school_detail"), row_url("schools:school_update")
    return [
        {
            "pk": pk,
            "name": name,
            "class_count": classes,
            "pupil_count": pupils,
            "staff_count": staff_count,
            "url": detail(pk),
            "edit_url": edit(pk) if can_edit else "",
        }
        for pk, name, can_edit, classes, pupils, staff_count in found
    ]


class SchoolTableView(ScopedListView):
    """A page of the school table (``school_table``) for the current school year."""

    model = School
    paginate_by = SCHOOLS_A_PAGE

    def get_queryset(self):
        self.year = SchoolYear.current()
        return school_table(self.request.user, self.year)

    def get_rows(self, object_list) -> list[dict]:
        return object_list

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["year"] = self.year
        return ctx


class SchoolListView(SchoolTableView):
    template_name = "schools/school_list.html"
    create_url_name = "schools:school_create"


class SchoolDetailView(ScopedDetailView):
    model = School
    template_name = "schools/school_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        year = SchoolYear.current()
        ctx["year"] = year
        ctx["classes"] = (
            self.object.classes.filter(school_year=year).order_by("grade", "letter") if year else []
        )
        ctx["staff"] = self.object.staff.select_related("user").order_by("name")
        ctx["can_edit_school"] = access.can(user, "edit", self.object)
        ctx["can_edit_classes"] = access.can_all(user, "edit", SchoolClass)
        ctx["can_edit_staff"] = access.can(user, "edit", Staff)
        return ctx


class SchoolCreateView(ScopedCreateView):
    model = School
    form_class = SchoolForm
    success_message = gettext_lazy("Skolen «{object}» er oprettet.")


class SchoolUpdateView(ScopedUpdateView):
    model = School
    form_class = SchoolForm
    success_message = gettext_lazy("Skolen «{object}» er gemt.")


# --- classes ---------------------------------------------------------------------------------
class SchoolClassCreateView(ScopedCreateView):
    model = SchoolClass
    form_class = SchoolClassForm
    success_message = gettext_lazy("Klassen {object} er oprettet.")

    @cached_property
    def school(self):
        return access.get_for_user(self.request.user, School, "edit", pk=self.kwargs["school_pk"])

    def get_initial(self):
        return {"school_year": SchoolYear.current()}

    def get_title(self):
        return _("Ny klasse på %(school)s") % {"school": self.school}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.school = self.school  # so the uniqueness check sees the school
        return form

    def get_success_url(self):
        return self.school.get_absolute_url()


class SchoolClassUpdateView(ScopedUpdateView):
    model = SchoolClass
    form_class = SchoolClassForm
    success_message = gettext_lazy("Klassen {object} er gemt.")

    def get_queryset(self):
        return SchoolClass.objects.select_related("school", "school_year")

    def get_success_url(self):
        return self.object.school.get_absolute_url()


class SchoolClassDeleteView(ScopedDeleteView):
    model = SchoolClass

    def get_success_url(self):
        return self.object.school.get_absolute_url()


# --- staff -----------------------------------------------------------------------------------
STAFF_FIELDS = ("pk", "name", "job", "school__name", "organisation__name", "email", "is_active")


class StaffListView(ExportMixin, ScopedListView):
    model = Staff
    create_url_name = "schools:staff_create"
    columns = [
        ("name", gettext_lazy("Navn")),
        ("job", gettext_lazy("Stilling")),
        ("workplace", gettext_lazy("Arbejdssted")),
        ("email", gettext_lazy("E-mail")),
        ("is_active", gettext_lazy("Aktiv")),
    ]
    export_columns = [(heading, path) for path, heading in columns]

    def get_export_filename(self) -> str:
        return f"medarbejdere-{clock.today():%Y-%m-%d}"

    def base_queryset(self):
        return Staff.objects.select_related("school", "organisation").order_by("name")

    def paginate_queryset(self, queryset, page_size):
        # the page reads only the columns it shows (the export still reads the model queryset)
        return super().paginate_queryset(queryset.values(*STAFF_FIELDS, "can_edit"), page_size)

    def get_rows(self, object_list) -> list[dict]:
        """The generic list's rows from plain values: name, job, workplace, e-mail, active."""
        jobs, edit = labels(Job.choices), row_url("schools:staff_update")
        headings = [str(heading) for _path, heading in self.columns]
        return [
            {
                "cells": list(
                    zip(
                        headings,
                        (
                            s["name"],
                            jobs.get(s["job"], s["job"]),
                            s["school__name"] or s["organisation__name"] or "",  # workplace
                            s["email"],
                            yes_no(s["is_active"]),
                        ),
                        (None,) * 5,
                        strict=True,
                    )
                ),
                "edit_url": edit(s["pk"]) if s["can_edit"] else "",
                "name": s["name"],
            }
            for s in object_list
        ]


class StaffFormMixin:
    model = Staff
    form_class = StaffForm
    success_url = reverse_lazy("schools:staff_list")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if not access.can_all(self.request.user, "edit", Staff):
            kwargs["schools"] = access.scope(self.request.user, School.objects.all(), "read")
        return kwargs


class StaffCreateView(StaffFormMixin, ScopedCreateView):
    success_message = gettext_lazy("Medarbejderen {object} er oprettet.")


class StaffUpdateView(StaffFormMixin, ScopedUpdateView):
    success_message = gettext_lazy("Medarbejderen {object} er gemt.")


# --- organisations and partners ------------------------------------------------------------
class OrganisationListView(ScopedListView):
    model = Organisation
    create_url_name = "schools:organisation_create"
    access_action = "edit"
    columns = [
        ("name", gettext_lazy("Navn")),
        ("kind", gettext_lazy("Type")),
        ("parent", gettext_lazy("Hører under")),
    ]

    def base_queryset(self):
        return Organisation.objects.select_related("parent")


class OrganisationCreateView(ScopedCreateView):
    model = Organisation
    form_class = OrganisationForm
    success_url = reverse_lazy("schools:organisation_list")
    success_message = gettext_lazy("Organisationen «{object}» er oprettet.")


class OrganisationUpdateView(ScopedUpdateView):
    model = Organisation
    form_class = OrganisationForm
    success_url = reverse_lazy("schools:organisation_list")
    success_message = gettext_lazy("Organisationen «{object}» er gemt.")


class PartnerListView(ScopedListView):
    model = Partner
    create_url_name = "schools:partner_create"
    access_action = "edit"
    columns = [
        ("name", gettext_lazy("Navn")),
        ("kind", gettext_lazy("Type")),
        ("contact_email", gettext_lazy("Kontakt")),
    ]


class PartnerCreateView(ScopedCreateView):
    model = Partner
    form_class = PartnerForm
    success_url = reverse_lazy("schools:partner_list")
    success_message = gettext_lazy("Partneren «{object}» er oprettet.")


class PartnerUpdateView(ScopedUpdateView):
    model = Partner
    form_class = PartnerForm
    success_url = reverse_lazy("schools:partner_list")
    success_message = gettext_lazy("Partneren «{object}» er gemt.")


# --- school years ----------------------------------------------------------------------------
class SchoolYearListView(ScopedListView):
    model = SchoolYear
    access_target = "page:school_year_admin"
    access_action = "edit"
    template_name = "schools/schoolyear_list.html"

    def base_queryset(self):
        return SchoolYear.objects.annotate(class_count=Count("classes")).order_by("-start")

    def get_rows(self, object_list) -> list[dict]:
        make_current = row_url("schools:schoolyear_make_current")
        return [
            {
                "name": year.name,
                "start": year.start,
                "end": year.end,
                "class_count": year.class_count,
                "is_current": year.is_current,
                "edit_url": year.get_edit_url(),
                "make_current_url": make_current(year.pk),
            }
            for year in object_list
        ]


class SchoolYearCreateView(ScopedCreateView):
    model = SchoolYear
    form_class = SchoolYearForm
    success_url = reverse_lazy("schools:schoolyear_list")
    success_message = gettext_lazy("Skoleåret {object} er oprettet.")


class SchoolYearUpdateView(ScopedUpdateView):
    model = SchoolYear
    form_class = SchoolYearForm
    success_url = reverse_lazy("schools:schoolyear_list")
    success_message = gettext_lazy("Skoleåret {object} er gemt.")


# --- half-years (the periods a status note covers) ---------------------------------------------
class PeriodListView(ScopedListView):
    model = Period
    access_action = "edit"
    create_url_name = "schools:period_create"
    columns = [
        ("name", gettext_lazy("Halvår")),
        ("start", gettext_lazy("Start")),
        ("end", gettext_lazy("Slut")),
    ]


class PeriodCreateView(ScopedCreateView):
    model = Period
    form_class = PeriodForm
    success_url = reverse_lazy("schools:period_list")
    success_message = gettext_lazy("Halvåret {object} er oprettet.")


class PeriodUpdateView(ScopedUpdateView):
    model = Period
    form_class = PeriodForm
    success_url = reverse_lazy("schools:period_list")
    success_message = gettext_lazy("Halvåret {object} er gemt.")
