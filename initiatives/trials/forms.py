"""Forms of the trials app: they validate and normalise; services write."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import access
from trivsel.schools.forms.base import PortalForm
from trivsel.schools.models import GradeBand, School, SchoolClass, SchoolYear, Staff, grade_band

from .models import (
    EVALUATION_FIELDS,
    Decision,
    ProgrammeItem,
    RolloutPlan,
    Status,
    Theme,
    ThemeDay,
    TrialAction,
)
from .uploads import MAX_SIZE, validate_attachment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
SCORES = [(n, str(n)) for n in range(1, 6)]


class ClassChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.school} · {obj.label} ({obj.school_year})"


class TrialActionForm(PortalForm):
    classes = ClassChoiceField(
        queryset=SchoolClass.objects.none(),
        required=False,
        label=_("Klasser"),
        help_text=_("Kun klasser på prøvehandlingens egen skole."),
        error_messages={
            "invalid_choice": _(
                "Klassen findes ikke blandt de klasser, du kan vælge (kun egen skoles klasser)."
            )
        },
    )

    class Meta:
        model = TrialAction
        fields = [
            "school",
            "title",
            "themes",
            "grade_bands",
            "classes",
            "start",
            "end",
            "aim",
            "activities",
            "staff",
            "status",
        ]
        widgets = {
            "start": DATE,
            "end": DATE,
            "themes": forms.CheckboxSelectMultiple,
            "aim": forms.Textarea(attrs={"rows": 3}),
            "activities": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None if schools.count() == 1 else "---------"
        self.fields["themes"].queryset = Theme.objects.filter(
            is_active=True
        ) | Theme.objects.filter(
            pk__in=self.instance.themes.values("pk") if self.instance.pk else []
        )
        self._offer_classes(schools)
        self.fields["staff"].queryset = (
            Staff.objects.filter(school__in=schools, is_active=True)
            .select_related("school")
            .order_by("school__name", "name")
        )
        self.fields["staff"].help_text = _("Kun medarbejdere fra prøvehandlingens egen skole.")
        if self.instance.status == Status.EVALUATED:
            del self.fields["status"]  # an evaluated action stays evaluated; edit its evaluation
        else:
            self.fields["status"].choices = [
                (Status.PLANNED, Status.PLANNED.label),
                (Status.RUNNING, Status.RUNNING.label),
            ]
            self.fields["status"].help_text = _(
                "«Evalueret» sættes, når evalueringen er udfyldt (knappen «Evaluér»)."
            )

    def _offer_classes(self, schools):
        """The current school year's classes of the action's school (its classes from earlier
        years too when editing), as checkboxes grouped by grade band — not every class of
        every year in one long list."""
        if self.instance.pk and self.instance.school_id:
            schools = schools.filter(pk=self.instance.school_id)
        year = SchoolYear.current()
        offered = Q(school_year=year) if year else Q()
        if self.instance.pk:
            offered |= Q(pk__in=self.instance.classes.values("pk"))
        classes = (
            SchoolClass.objects.filter(offered, school__in=schools)
            .select_related("school", "school_year")
            .order_by("school__name", "-school_year__start", "grade", "letter")
        )
        field = self.fields["classes"]
        field.queryset = classes
        field.widget = forms.CheckboxSelectMultiple()
        several = len({c.school_id for c in classes}) > 1
        bands = dict(GradeBand.choices)
        groups: dict[str, list] = {}
        for c in classes:
            group = str(bands[grade_band(c.grade)])
            if several:
                group = f"{c.school} · {group}"
            label = (
                c.label
                if c.school_year_id == getattr(year, "pk", None)
                else (f"{c.label} ({c.school_year})")
            )
            groups.setdefault(group, []).append((c.pk, label))
        field.choices = list(groups.items())
        field.help_text = _("Skolens klasser i indeværende skoleår.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Slutdatoen ligger før startdatoen."))
        school = data.get("school")
        if school is not None:
            foreign = [c for c in data.get("classes") or [] if c.school_id != school.pk]
            if foreign:
                self.add_error(
                    "classes",
                    _("Klassen %(classes)s hører ikke til %(school)s.")
                    % {
                        "classes": ", ".join(f"{c.label} ({c.school})" for c in foreign),
                        "school": school,
                    },
                )
            foreign_staff = [s for s in data.get("staff") or [] if s.school_id != school.pk]
            if foreign_staff:
                self.add_error(
                    "staff",
                    _("%(staff)s arbejder ikke på %(school)s.")
                    % {"staff": ", ".join(s.name for s in foreign_staff), "school": school},
                )
        if not data.get("grade_bands") and not data.get("classes"):
            self.add_error(
                "grade_bands", _("Vælg mindst ét klassetrin eller konkrete klasser som målgruppe.")
            )
        return data


class EvaluationForm(PortalForm):
    """The separate evaluation step: saved as a draft with what is written so far, or complete —
    then every field is required (``complete=True``, «Gem og markér som evalueret»)."""

    effect_pupils = forms.TypedChoiceField(
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label=_("Effekt på elevernes mentale sundhed (1–5)"),
        help_text=_("1 = ingen mærkbar effekt, 5 = stor positiv effekt"),
    )
    effect_class = forms.TypedChoiceField(
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label=_("Effekt på trivslen i klassen (1–5)"),
        help_text=_("1 = ingen mærkbar effekt, 5 = stor positiv effekt"),
    )
    decision = forms.ChoiceField(
        choices=Decision.choices, required=False, widget=forms.RadioSelect, label=_("Beslutning")
    )

    class Meta:
        model = TrialAction
        fields = list(EVALUATION_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("learned", "effect_pupils_text", "effect_class_text", "continuation")
        }

    def __init__(self, *args, complete: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete
        for field in self.fields.values():
            field.required = False

    def clean(self):
        data = super().clean()
        if self.complete:
            for name in self.Meta.fields:
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("Skal udfyldes for at evaluere."))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, billeder eller Office-filer, højst %(mb)d MB.")
        % {"mb": MAX_SIZE // (1024 * 1024)},
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Det var ikke en fil."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        file = self.cleaned_data["file"]
        validate_attachment(file)
        return file


class ThemeForm(PortalForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "grade_bands", "is_active"]


class ThemeDayForm(PortalForm):
    class Meta:
        model = ThemeDay
        fields = ["title", "date", "place", "audience", "themes", "description"]
        widgets = {"date": DATE, "themes": forms.CheckboxSelectMultiple}


class TrialActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.school} · {obj.title}"


def _trial_action_choices(user):
    return (
        access.scope(user, TrialAction.objects.all(), "read")
        .select_related("school")
        .order_by("school__name", "-start", "title")
    )


class ProgrammeItemForm(PortalForm):
    trial_actions = TrialActionChoiceField(
        queryset=TrialAction.objects.none(),
        required=False,
        label=_("Præsenterede prøvehandlinger"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title", "presenter", "trial_actions"]
        widgets = {"starts_at": TIME, "ends_at": TIME}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trial_actions"].queryset = _trial_action_choices(user)


class RolloutPlanForm(PortalForm):
    trial_actions = TrialActionChoiceField(
        queryset=TrialAction.objects.none(),
        required=False,
        label=_("Prøvehandlinger der udrulles"),
        help_text=_("Egne eller andre skolers prøvehandlinger."),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RolloutPlan
        fields = [
            "school",
            "trial_actions",
            "how",
            "responsible",
            "deadline",
            "follow_up_status",
            "follow_up_note",
        ]
        widgets = {"deadline": DATE, "how": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if self.instance.pk:
            self.fields["school"].disabled = True
            self.fields["school"].queryset = School.objects.filter(pk=self.instance.school_id)
        self.fields["school"].empty_label = None if schools.count() == 1 else "---------"
        self.fields["trial_actions"].queryset = _trial_action_choices(user)
