"""Forms of the registration engine: they validate and normalise; ``conference.services`` writes."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from trivsel.schools import clock
from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.fields import FreeCharFormField, FreeTextFormField

from . import selectors
from .models import BookingStatus, Event, EventDay, ParticipantKind, RegistrationStatus

DAY_NOT_IN_EVENT = _("En af de valgte dage hører ikke til arrangementet. Vælg blandt dagene her.")


class _DaysWithPlacesIterator(ModelChoiceIterator):
    """The choices as the form shows them: with ``with_places`` each day carries its count of
    confirmed places. Counted when the checkboxes are rendered, not when a post is validated."""

    def __iter__(self):
        event = self.field.places_event
        if event is not None:
            self.queryset = selectors.days_with_places(event)
            if self.field.event_full is None:
                self.field.event_full = selectors.event_is_full(event)
        return super().__iter__()


class DaysField(forms.ModelMultipleChoiceField):
    """The event's days as checkboxes. With ``with_places(event)`` each day also says whether
    there is room («12 ledige pladser») or a sign-up lands on the waiting list."""

    widget = forms.CheckboxSelectMultiple
    iterator = _DaysWithPlacesIterator
    places_event = None
    event_full: bool | None = False

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

    def with_places(self, event: Event) -> None:
        # validating a post needs only the event's days; the places are counted (one query,
        # and one for the overall capacity) only if the form is shown (see the iterator above)
        self.places_event, self.event_full = event, None
        self.queryset = event.days.order_by("date")

    def label_from_instance(self, day: EventDay) -> str:
        label = f"{day.date:%d.%m.%Y}, kl. {day.start:%H:%M}–{day.end:%H:%M}"
        confirmed = getattr(day, "confirmed", None)
        if confirmed is None:
            return label
        free = 0 if self.event_full else max(day.capacity - confirmed, 0)
        if free:
            places = ngettext("%(n)d ledig plads", "%(n)d ledige pladser", free) % {"n": free}
        else:
            places = gettext("fuldt – venteliste")
        return f"{label} · {places}"


class SignupForm(forms.Form):
    """The public sign-up (no login). ``website`` is a honeypot: people never see it."""

    name = FreeCharFormField(label=_("Navn"), max_length=150)
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
    job_title = FreeCharFormField(label=_("Stilling"), max_length=150, required=False)
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
        self.fields["days"].with_places(event)

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
    # two columns per option, not a model; a plain Select, whose name crispy makes the CSS class
    organisation = LabelFieldChoiceField(
        None, label_field="name", label=_("Organisation"), required=False, widget=forms.Select
    )
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

    def show_organisations(self, choices) -> None:
        """Draw the organisation options from ``(pk, name)`` pairs in name order that the page
        has at hand (``selectors.list_summary``): no query of their own. A chosen organisation
        is still checked against the database."""
        field = self.fields["organisation"]
        field.widget.choices = [("", field.empty_label), *choices]

    def show_days(self, days) -> None:
        """Draw the day options from the event's days (in date order) that the page has fetched
        already: no query of their own. A chosen day is still checked against the database."""
        field = self.fields["day"]
        field.widget.choices = [("", field.empty_label), *((d.pk, str(d)) for d in days)]


# --- pupils (a staff login signs up a group of its own school) -------------------------------
class PupilGroupForm(forms.Form):
    school_class = forms.ModelChoiceField(
        label=_("Klasse"),
        queryset=None,
        empty_label=_("Vælg klasse"),
        error_messages={"invalid_choice": _("Vælg en klasse fra din egen skole.")},
    )
    accompanying_adult = FreeCharFormField(
        label=_("Ledsagende voksen"),
        max_length=150,
        help_text=_("Den voksne fra skolen, der er med eleverne på dagen."),
    )
    days = DaysField(queryset=None, label=_("Hvilke dage deltager eleverne?"))

    def __init__(self, *args, event, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["days"].with_places(event)


class ConsentFieldsMixin:
    """A guardian's consent: both who and when, or neither (then the place waits for it)."""

    def clean_consent(self, data: dict, required: bool) -> dict:
        guardian, given_on = (data.get("guardian_name") or "").strip(), data.get("consent_date")
        if given_on and given_on > clock.today():
            self.add_error("consent_date", _("Datoen for samtykket kan ikke ligge i fremtiden."))
        if required or guardian or given_on:
            if not guardian:
                self.add_error("guardian_name", _("Skriv hvem der gav samtykket."))
            if not given_on:
                self.add_error("consent_date", _("Skriv hvornår samtykket blev givet."))
        data["guardian_name"] = guardian
        return data

    def consent_given_at(self):
        given_on = self.cleaned_data.get("consent_date")
        if not given_on:
            return None
        return timezone.make_aware(datetime.combine(given_on, time(12)))


class PupilRowForm(ConsentFieldsMixin, forms.Form):
    first_name = FreeCharFormField(
        label=_("Fornavn"), max_length=40, required=False, help_text=_("Kun fornavn.")
    )
    guardian_name = FreeCharFormField(
        label=_("Samtykke givet af (forælder/værge)"), max_length=150, required=False
    )
    consent_date = forms.DateField(
        label=_("Samtykke givet den"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Skriv en gyldig dato.")},
    )

    def clean_first_name(self) -> str:
        name = " ".join(self.cleaned_data["first_name"].split())
        if any(ch.isdigit() for ch in name) or len(name.split()) > 2:
            raise forms.ValidationError(_("Skriv kun elevens fornavn."), code="not_first_name")
        return name

    def clean(self):
        data = super().clean()
        if not data.get("first_name"):
            if data.get("guardian_name") or data.get("consent_date"):
                self.add_error("first_name", _("Skriv elevens fornavn."))
            return data
        return self.clean_consent(data, required=False)


PupilRowFormSet = forms.formset_factory(PupilRowForm, extra=8, max_num=40, validate_max=True)


class ConsentForm(ConsentFieldsMixin, forms.Form):
    guardian_name = FreeCharFormField(label=_("Samtykke givet af (forælder/værge)"), max_length=150)
    consent_date = forms.DateField(
        label=_("Samtykke givet den"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Skriv en gyldig dato.")},
    )

    def clean(self):
        return self.clean_consent(super().clean(), required=True)


# --- courses (a leader nominates own staff) --------------------------------------------------
class NominationForm(forms.Form):
    staff = forms.ModelChoiceField(
        label=_("Medarbejder"),
        queryset=None,
        empty_label=_("Vælg medarbejder"),
        error_messages={"invalid_choice": _("Vælg en medarbejder fra din egen skole.")},
    )
    days = DaysField(queryset=None, label=_("Hvilke dage?"))

    def __init__(self, *args, event, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["days"].with_places(event)


# --- event management (conference admins) ----------------------------------------------------
class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "slug",
            "description",
            "place",
            "capacity",
            "registration_opens",
            "registration_closes",
            "organisations",
            "facilitators",
            "contact_email",
        ]
        widgets = {
            "registration_opens": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "registration_closes": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "organisations": forms.CheckboxSelectMultiple,
            "facilitators": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and opens >= closes:
            self.add_error("registration_closes", _("Tilmeldingen skal åbne før den lukker."))
        return data


class EventDayForm(forms.ModelForm):
    class Meta:
        model = EventDay
        fields = ["date", "start", "end", "capacity"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start >= end:
            self.add_error("end", _("Starttiden skal ligge før sluttiden."))
        return data


EventDayFormSet = forms.inlineformset_factory(
    Event, EventDay, form=EventDayForm, extra=1, can_delete=True, min_num=1, validate_min=True
)


class ConsentTextForm(forms.Form):
    text = FreeTextFormField(
        label=_("Ny samtykketekst"),
        help_text=_("Teksten forældre giver samtykke til. En ny tekst bliver en ny version."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
