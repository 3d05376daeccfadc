"""Forms of the shared records: schools, classes, organisations, partners, staff, school years
and half-years."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Organisation, Partner, Period, School, SchoolClass, SchoolYear, Staff
from .base import PortalForm


class SchoolForm(PortalForm):
    class Meta:
        model = School
        fields = ["name", "address", "email"]


class SchoolClassForm(PortalForm):
    instance_fields = ("school",)

    class Meta:
        model = SchoolClass
        fields = ["school_year", "grade", "letter", "pupil_count"]

    def clean_grade(self):
        grade = self.cleaned_data["grade"]
        if grade is not None and grade > 10:
            raise forms.ValidationError(_("Klassetrin skal være mellem 0 og 10."))
        return grade

    def clean_pupil_count(self):
        count = self.cleaned_data["pupil_count"]
        if count is not None and count < 0:
            raise forms.ValidationError(_("Antal elever kan ikke være negativt."))
        return count

    def clean_letter(self):
        return self.cleaned_data["letter"].strip().upper()


class OrganisationForm(PortalForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent"]


class PartnerForm(PortalForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "description", "website", "contact_email"]


class StaffForm(PortalForm):
    class Meta:
        model = Staff
        fields = ["name", "email", "job", "school", "organisation", "is_active"]

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:  # a leader: only their own school(s), no organisations
            self.fields["school"].queryset = schools
            self.fields["school"].required = True
            self.fields["school"].empty_label = None
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        if data.get("school") and data.get("organisation"):
            raise forms.ValidationError(
                _("En medarbejder hører til en skole eller en organisation, ikke begge.")
            )
        return data


class SchoolYearForm(PortalForm):
    class Meta:
        model = SchoolYear
        fields = ["name", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Slutdatoen skal ligge efter startdatoen."))
        return data


class PeriodForm(SchoolYearForm):
    class Meta(SchoolYearForm.Meta):
        model = Period
        fields = ["name", "start", "end"]
