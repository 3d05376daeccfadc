"""Forms of the August work: the class import and «Nyt skoleår». They validate and normalise only;
the services in ``services/`` do the writing."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from ..class_file import MAX_FILE_BYTES, read_class_file
from ..services.school_years import NewClasses

MAX_NEW_CLASSES = 10
MAX_PUPILS_PER_CLASS = 40


class ClassImportForm(forms.Form):
    school_year = forms.ModelChoiceField(
        label=_("Skoleår"),
        queryset=None,
        empty_label=None,
        help_text=_("Klasserne oprettes i dette skoleår."),
    )
    file = forms.FileField(
        label=_("Fil med klasser"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, school_years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = school_years
        self.fields["file"].help_text = _(
            "CSV (semikolon eller komma) eller Excel (.xlsx), højst %(mb)d MB."
        ) % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        self.rows = []
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template has the token

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.rows = read_class_file(upload)  # ClassFileError is a ValidationError
        return upload


class NewSchoolYearForm(forms.Form):
    """Per school: how many 0. klasser start next year and how many pupils in each. ``from_year``
    ties the form to the year it advances from, so sending it twice cannot advance twice."""

    from_year = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = list(schools)
        for school in self.schools:
            self.fields[f"count_{school.pk}"] = forms.IntegerField(
                label=_("Antal 0. klasser"),
                min_value=0,
                max_value=MAX_NEW_CLASSES,
                initial=0,
            )
            self.fields[f"pupils_{school.pk}"] = forms.IntegerField(
                label=_("Elever pr. klasse"),
                min_value=0,
                max_value=MAX_PUPILS_PER_CLASS,
                initial=0,
            )

    def rows(self):
        """(school, (count field, pupils field)) for the template."""
        return [
            (school, (self[f"count_{school.pk}"], self[f"pupils_{school.pk}"]))
            for school in self.schools
        ]

    def new_zero_classes(self) -> dict[int, NewClasses]:
        data = self.cleaned_data
        return {
            school.pk: NewClasses(
                count=data[f"count_{school.pk}"], pupils=data[f"pupils_{school.pk}"]
            )
            for school in self.schools
            if data.get(f"count_{school.pk}")
        }
