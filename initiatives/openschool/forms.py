from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeTextFormField
from trivsel.schools.forms.base import PortalForm
from trivsel.schools.models import GradeBand

from .models import Application, Offer, Programme, Report

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(PortalForm):
    class Meta:
        model = Programme
        fields = ["school_year", "budget", "decided_notes", "next_year_notes"]

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("Budgettet kan ikke være negativt."))
        return budget


class OfferForm(PortalForm):
    grade_bands = forms.MultipleChoiceField(
        label=_("Målgruppe (trin)"),
        choices=GradeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Offer
        fields = [
            "programme",
            "partner",
            "title",
            "description",
            "grade_bands",
            "price_kind",
            "price",
        ]

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price is not None and price < 0:
            raise forms.ValidationError(_("Prisen kan ikke være negativ."))
        return price


class ApplicationForm(PortalForm):
    submit = forms.BooleanField(
        label=_("Indsend ansøgningen nu (ellers gemmes den som kladde)"), required=False
    )

    class Meta:
        model = Application
        fields = [
            "school",
            "offer",
            "own_title",
            "amount",
            "purpose",
            "target_classes",
            "planned_start",
            "planned_end",
        ]
        widgets = {
            "planned_start": DATE,
            "planned_end": DATE,
            "target_classes": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, schools, offers, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None
        self.fields["offer"].queryset = offers
        self.fields["offer"].empty_label = _("— egen aktivitet —")
        self.fields["target_classes"].queryset = classes
        self.fields["target_classes"].label_from_instance = lambda c: f"{c.school.name} {c.label}"
        if self.instance.pk:  # the school of an application does not change
            del self.fields["school"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Beløbet skal være større end 0 kr."))
        return amount

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data


class DecisionForm(forms.Form):
    APPROVE, CHANGES, REJECT = "approve", "changes", "reject"
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[
            (APPROVE, _("Godkend (helt eller delvist)")),
            (CHANGES, _("Bed om ændringer")),
            (REJECT, _("Afvis")),
        ],
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Bevilget beløb (kr.)"), max_digits=12, decimal_places=2, required=False
    )
    reason = FreeTextFormField(label=_("Begrundelse til skolen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.APPROVE and not data.get("amount"):
            self.add_error("amount", _("Skriv det beløb, der bevilges."))
        if (
            data.get("decision") in (self.CHANGES, self.REJECT)
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Skriv en begrundelse til skolen."))
        return data


class ReportForm(PortalForm):
    class Meta:
        model = Report
        fields = [
            "held_from",
            "held_to",
            "class_count",
            "pupil_count",
            "spent_amount",
            "wellbeing_effect",
            "staff_participation",
        ]
        widgets = {"held_from": DATE, "held_to": DATE}

    def clean(self):
        data = super().clean()
        start, end = data.get("held_from"), data.get("held_to")
        if start and end and end < start:
            self.add_error("held_to", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data
