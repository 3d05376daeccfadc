"""Forms validate and normalise; the same ``ActivityForm`` checks a tablet's POST and a JSON entry
from the offline outbox, so both speak the same Danish error messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.fields import FreeCharFormField, validate_no_cpr
from trivsel.schools.forms.base import PortalForm
from trivsel.schools.models import GradeBand, Period, School, SchoolClass, SchoolYear

from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    ChallengeTag,
    ExampleCase,
    FollowUp,
    Participant,
    PitMeeting,
    WellbeingCourse,
)


class ChipsWidget(forms.CheckboxSelectMultiple):
    """Big toggle chips on the quick-entry form (its template draws each option as a button)."""


def _large_widgets(fields: dict[str, forms.Field]) -> None:
    """Bootstrap's large controls: touch targets for one hand on a tablet."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-lg"
        else:
            css = "form-control form-control-lg"
        widget.attrs["class"] = css


class ActivityForm(forms.ModelForm):
    client_uuid = forms.UUIDField(
        widget=forms.HiddenInput,
        validators=[validate_no_cpr],  # a UUID never matches; keeps the project's form walk simple
        error_messages={
            "invalid": _("Registrerings-id'et er ugyldigt."),
            "required": _("Registrerings-id mangler."),
        },
    )
    participants = forms.MultipleChoiceField(
        label=_("Deltagere"), choices=Participant.choices, required=False, widget=ChipsWidget
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Udfordringer"),
        queryset=ChallengeTag.objects.filter(is_active=True),
        required=False,
        widget=ChipsWidget,
        error_messages={"invalid_choice": _("Ukendt udfordring.")},
    )
    follow_up_what = FreeCharFormField(label=_("Opfølgning: hvad"), max_length=300, required=False)
    follow_up_who = FreeCharFormField(label=_("Hvem"), max_length=120, required=False)
    follow_up_due = forms.DateField(
        label=_("Senest"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Activity
        fields = [
            "school",
            "school_class",
            "date",
            "start_time",
            "duration_minutes",
            "kind",
            "status",
            "participants",
            "observation",
            "tags",
            "shared_with_leadership",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "observation": forms.Textarea(attrs={"rows": 5}),
            "duration_minutes": forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
        }
        error_messages = {
            "school": {"required": _("Vælg en skole."), "invalid_choice": _("Ukendt skole.")},
            "school_class": {"invalid_choice": _("Ukendt klasse.")},
            "date": {"required": _("Angiv en dato."), "invalid": _("Datoen er ugyldig.")},
            "kind": {"required": _("Vælg en type.")},
        }

    def __init__(self, *args, class_year: SchoolYear | None = None, **kwargs):
        super().__init__(*args, **kwargs)  # copies the fields as _set_up_activity_fields left them
        # unbound: offer the current year's classes; bound: accept any class, the model checks
        # that it belongs to the school
        if not self.is_bound and class_year is not None:
            classes = self.fields["school_class"].queryset
            self.fields["school_class"].queryset = classes.filter(school_year=class_year)
        self.fields["school"].widget.attrs["data-class-target"] = self["school_class"].id_for_label

    def _get_validation_exclusions(self):
        """School and class were loaded by their choice fields: the model's own check that the
        row exists would ask the database a second time. ``Activity.clean`` (the class belongs
        to the school) still runs."""
        exclude = super()._get_validation_exclusions()
        return exclude | {
            name for name in ("school", "school_class") if self.cleaned_data.get(name) is not None
        }

    def clean(self):
        data = super().clean()
        if (data.get("follow_up_who") or data.get("follow_up_due")) and not data.get(
            "follow_up_what"
        ):
            self.add_error("follow_up_what", _("Skriv hvad der skal følges op på."))
        return data

    def model_fields(self) -> dict:
        names = [n for n in self.Meta.fields if n != "tags"]
        return {n: self.cleaned_data.get(n) for n in names}

    def follow_ups(self) -> list[dict]:
        what = (self.cleaned_data.get("follow_up_what") or "").strip()
        if not what:
            return []
        return [
            {
                "what": what,
                "who": (self.cleaned_data.get("follow_up_who") or "").strip(),
                "due": self.cleaned_data.get("follow_up_due"),
            }
        ]


def _set_up_activity_fields(fields: dict[str, forms.Field]) -> None:
    """What every ``ActivityForm`` offers, set once on the class; each form deep-copies it. Done
    in ``__init__`` it was half the cost of making the form, once per synced entry."""
    fields["school"].queryset = School.objects.order_by("name")
    fields["school_class"].queryset = SchoolClass.objects.select_related("school").order_by(
        "grade", "letter"
    )
    fields["school_class"].label_from_instance = lambda c: f"{c.label}"
    fields["school_class"].empty_label = _("Ingen bestemt klasse")
    fields["kind"].choices = ActivityKind.choices
    fields["status"].choices = ActivityStatus.choices
    _large_widgets(fields)


_set_up_activity_fields(ActivityForm.base_fields)


class ActivityEditForm(PortalForm):
    """Editing a recorded activity (online, on the server): the same fields, crispy layout."""

    participants = forms.MultipleChoiceField(
        label=_("Deltagere"), choices=Participant.choices, required=False, widget=ChipsWidget
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Udfordringer"),
        queryset=ChallengeTag.objects.all(),
        required=False,
        widget=ChipsWidget,
    )

    class Meta:
        model = Activity
        fields = ActivityForm.Meta.fields + ["course"]
        widgets = ActivityForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        school_id = self.instance.school_id
        self.fields["school"].queryset = School.objects.order_by("name")
        self.fields["school_class"].queryset = SchoolClass.objects.filter(
            school_id=school_id
        ).order_by("-school_year__start", "grade", "letter")
        self.fields["course"].queryset = WellbeingCourse.objects.filter(school_id=school_id)


class FollowUpForm(PortalForm):
    class Meta:
        model = FollowUp
        fields = ["what", "who", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ChallengeTagForm(PortalForm):
    class Meta:
        model = ChallengeTag
        fields = ["name", "is_active"]


class WellbeingCourseForm(PortalForm):
    class Meta:
        model = WellbeingCourse
        fields = [
            "school",
            "school_class",
            "topic",
            "start_date",
            "planned_sessions",
            "evaluation",
        ]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = SchoolClass.objects.select_related(
            "school", "school_year"
        ).order_by("school__name", "-school_year__start", "grade", "letter")
        self.fields["school_class"].label_from_instance = lambda c: (
            f"{c.school} · {c.label} ({c.school_year})"
        )


class PitMeetingForm(PortalForm):
    class Meta:
        model = PitMeeting
        fields = ["school", "date", "cases_discussed", "themes", "contribution"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ExampleCaseForm(PortalForm):
    class Meta:
        model = ExampleCase
        fields = ["title", "text", "period", "tags"]
        widgets = {"tags": ChipsWidget}


class ActivitySearchForm(forms.Form):
    """The cross-school search: «how was a similar situation handled elsewhere?» The model
    selects read two columns, not a model per option (60 schools in the 10× demo)."""

    tag = LabelFieldChoiceField(
        ChallengeTag.objects.all(),
        label_field="name",
        label=_("Udfordring"),
        required=False,
        empty_label=_("Alle udfordringer"),
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Alle typer")), *ActivityKind.choices], required=False
    )
    band = forms.ChoiceField(
        label=_("Trin"), choices=[("", _("Alle trin")), *GradeBand.choices], required=False
    )
    school = LabelFieldChoiceField(
        School.objects.order_by("name"),
        label_field="name",
        label=_("Skole"),
        required=False,
        empty_label=_("Alle skoler"),
    )
    period = LabelFieldChoiceField(
        Period.objects.order_by("-start"),
        label_field="name",
        label=_("Halvår"),
        required=False,
        empty_label=_("Alle halvår"),
    )


class PeriodChoiceForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Halvår"), queryset=Period.objects.order_by("-start"), required=False
    )
