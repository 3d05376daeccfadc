from datetime import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharFormField, FreeTextFormField
from trivsel.schools.forms.base import PortalForm

from .models import TargetGrade, outside_school_year


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.helper = FormHelper()
        self.helper.form_tag = False


class TargetGradeForm(PortalForm):
    class Meta:
        model = TargetGrade
        fields = ["school_year", "grade", "programme", "offer", "plan_notes"]

    def clean_grade(self):
        grade = self.cleaned_data["grade"]
        if grade is not None and grade > 10:
            raise forms.ValidationError(_("Klassetrin skal være mellem 0 og 10."))
        return grade

    def clean(self):
        data = super().clean()
        programme, offer, year = data.get("programme"), data.get("offer"), data.get("school_year")
        if programme and year and programme.school_year_id != year.pk:
            self.add_error("programme", _("Programmet hører til et andet skoleår."))
        if offer and programme and offer.programme_id != programme.pk:
            self.add_error("offer", _("Tilbuddet hører ikke til det valgte program."))
        return data


class TalkBookForm(_Crispy, forms.Form):
    school_class = forms.ModelChoiceField(label=_("Klasse"), queryset=None, empty_label=None)
    day = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Fra kl."), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Til kl."), widget=forms.TimeInput(attrs={"type": "time"}))
    counsellors = FreeCharFormField(
        label=_("Rådgivere fra Headspace"),
        max_length=190,
        help_text=_("Navne adskilt af komma."),
    )

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["school_class"].label_from_instance = lambda c: f"{c.school.name} {c.label}"

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            tz = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(
                datetime.combine(data["day"], data["start"]), tz
            )
            data["ends_at"] = timezone.make_aware(datetime.combine(data["day"], data["end"]), tz)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("Oplægget skal slutte efter det starter."))
        if (
            data.get("day")
            and data.get("school_class")
            and (refusal := outside_school_year(data["school_class"], data["day"]))
        ):
            self.add_error("day", refusal)
        return data


class FeedbackForm(_Crispy, forms.Form):
    feedback_score = forms.TypedChoiceField(
        label=_("Hvordan var oplægget for klassen? (1 = dårligt, 5 = rigtig godt)"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    feedback_comment = FreeTextFormField(label=_("Kommentar"), required=False)
