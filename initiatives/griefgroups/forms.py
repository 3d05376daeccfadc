"""Forms validate and normalise; the services write."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.schools.forms.base import PortalForm
from trivsel.schools.models import GradeBand, Partner, Period, Staff

from .models import (
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    NominationStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CourseForm(PortalForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "provider",
            "start_date",
            "end_date",
            "seats",
            "grant_giver",
            "grant_amount",
            "grant_covers",
            "description",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Partner.objects.order_by("name")
        self.fields["grant_giver"].queryset = Partner.objects.order_by("name")


class CourseSessionForm(PortalForm):
    class Meta:
        model = CourseSession
        fields = ["date", "start_time", "end_time", "topic"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}


class NominationForm(forms.Form):
    staff = forms.ModelChoiceField(queryset=Staff.objects.none(), label=_("Medarbejder"))

    def __init__(self, *args, staff_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["staff"].queryset = staff_qs if staff_qs is not None else Staff.objects.none()
        self.fields["staff"].label_from_instance = lambda s: f"{s.name} ({s.school})"


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (NominationStatus.CONFIRMED, NominationStatus.CONFIRMED.label),
            (NominationStatus.WAITING, NominationStatus.WAITING.label),
            (NominationStatus.DECLINED, NominationStatus.DECLINED.label),
        ],
        label=_("Afgørelse"),
    )


class CompletionForm(forms.Form):
    completed = forms.BooleanField(label=_("Har gennemført kurset"), required=False)
    completed_on = forms.DateField(label=_("Gennemført dato"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("completed") and not data.get("completed_on"):
            self.add_error("completed_on", _("Angiv hvornår kurset blev gennemført."))
        return data


class GriefGroupForm(PortalForm):
    grade_bands = forms.MultipleChoiceField(
        choices=GradeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Målgruppe (skoletrin)"),
        required=False,
    )

    class Meta:
        model = GriefGroup
        fields = [
            "school",
            "name",
            "leaders",
            "start_date",
            "grade_bands",
            "places",
            "referred_count",
            "waiting_count",
        ]
        widgets = {"start_date": DATE, "leaders": forms.CheckboxSelectMultiple}

    def __init__(self, *args, schools=None, trained=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None
        self.fields["leaders"].queryset = trained
        self.fields["leaders"].label_from_instance = lambda s: f"{s.name} ({s.school})"
        self._group_leaders(schools, trained)
        self.fields["leaders"].help_text = _(
            "Kun medarbejdere, der har gennemført sorggruppelederkurset."
        )
        self.fields["leaders"].error_messages["invalid_choice"] = _(
            "Kun medarbejdere, der har gennemført sorggruppelederkurset, kan være ledere."
        )

    def _group_leaders(self, schools, trained):
        """The school's own trained staff first; trained staff of other schools (a leader
        from a neighbouring school may run a group) after them, marked with their school."""
        home = self.instance.school_id if self.instance.pk else None
        if home is None and schools is not None and len(schools) == 1:
            home = schools[0].pk
        if home is None or trained is None:
            return
        own = [(s.pk, s.name) for s in trained if s.school_id == home]
        others = [(s.pk, f"{s.name} ({s.school})") for s in trained if s.school_id != home]
        choices = []
        if own:
            choices.append((_("Skolens egne uddannede ledere"), own))
        if others:
            choices.append((_("Uddannede ledere fra andre skoler"), others))
        self.fields["leaders"].choices = choices


class GroupMeetingForm(PortalForm):
    class Meta:
        model = GroupMeeting
        fields = ["date", "pupils_present", "leader_hours", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.fields["pupils_present"].help_text = _(
            "Antal — aldrig navne. Gruppen har %(places)s pladser."
        ) % {"places": group.places}


class EvaluationForm(PortalForm):
    class Meta:
        model = Evaluation
        fields = [
            "leader_assessment",
            "benefit_text",
            "feedback_positive",
            "feedback_neutral",
            "feedback_negative",
            "materials_dkk",
        ]
        widgets = {
            "leader_assessment": forms.Select(choices=[(i, str(i)) for i in range(1, 6)]),
            "benefit_text": forms.Textarea(attrs={"rows": 4}),
        }


class HourlyRateForm(PortalForm):
    class Meta:
        model = HourlyRate
        fields = ["valid_from", "rate"]
        widgets = {"valid_from": DATE}

    def validate_unique(self):
        pass  # the service updates the rate of an existing day


class PeriodChoiceForm(forms.Form):
    period = forms.ModelChoiceField(queryset=Period.objects.order_by("-start"), label=_("Halvår"))
