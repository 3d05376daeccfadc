"""Forms of the registration engine: they validate and normalise; ``conference.services`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeTextFormField

from .models import BookingStatus, EventDay, ParticipantKind, RegistrationStatus

DAY_NOT_IN_EVENT = _("En af de valgte dage hører ikke til arrangementet. Vælg blandt dagene her.")


class DaysField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Hvilke dage deltager du?"))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Vælg mindst én dag."),
                "invalid_choice": DAY_NOT_IN_EVENT,
                "invalid_pk_value": DAY_NOT_IN_EVENT,
            },
        )
        super().__init__(*args, **kwargs)

    def label_from_instance(self, day: EventDay) -> str:
        return f"{day.date:%d.%m.%Y}, kl. {day.start:%H:%M}–{day.end:%H:%M}"


class SignupForm(forms.Form):
    """The public sign-up (no login). ``website`` is a honeypot: people never see it."""

    name = forms.CharField(label=_("Navn"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@rk.dk.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=_("Vælg din organisation"),
        error_messages={
            "invalid_choice": _(
                "Vælg en organisation fra listen; den valgte kan ikke tilmelde sig."
            )
        },
    )
    job_title = forms.CharField(label=_("Stilling"), max_length=150, required=False)
    days = DaysField(queryset=None)
    dietary_needs = FreeTextFormField(
        label=_("Kost (allergier, vegetar …)"),
        max_length=300,
        required=False,
        widget=forms.TextInput,
    )
    accessibility_needs = FreeTextFormField(
        label=_("Behov for tilgængelighed (kørestol, tolk …)"),
        max_length=300,
        required=False,
        widget=forms.TextInput,
    )
    website = forms.CharField(
        label=_("Lad dette felt være tomt"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = event.organisations.order_by("name")
        self.fields["days"].queryset = event.days.order_by("date")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                _("Formularen kunne ikke sendes. Prøv igen uden automatisk udfyldning."),
                code="honeypot",
            )
        return data


class ChangeDaysForm(forms.Form):
    days = DaysField(queryset=None)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].queryset = event.days.order_by("date")


class RegistrationFilterForm(forms.Form):
    """The admin list's search and filters (GET); unknown values are ignored, never a 500."""

    q = forms.CharField(label=_("Søg (navn, e-mail)"), max_length=100, required=False)
    day = forms.ModelChoiceField(label=_("Dag"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Deltagertype"),
        choices=[("", _("Alle"))] + list(ParticipantKind.choices),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle"))]
        + [(RegistrationStatus.CANCELLED.value, RegistrationStatus.CANCELLED.label)]
        + [(s.value, s.label) for s in BookingStatus if s != BookingStatus.CANCELLED],
        required=False,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = event.days.order_by("date")
        self.fields["organisation"].queryset = event.organisations.order_by("name")
