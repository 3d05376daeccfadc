"""Forms of the user administration: they offer only the roles and schools the asker may give,
and validate; the services write (and refuse again, should a request bypass the form)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import access, mail
from ..choices import LabelFieldChoiceField, SearchSelect
from ..fields import FreeCharFormField
from ..models import Job, Role, School, User
from ..services.users import assignable_roles, assignable_schools, validate_role_schools


class UserFormBase(forms.Form):
    first_name = FreeCharFormField(label=_("Fornavn"), max_length=150)
    last_name = FreeCharFormField(label=_("Efternavn"), max_length=150)
    role = forms.ChoiceField(label=_("Rolle"))
    schools = forms.ModelMultipleChoiceField(
        label=_("Skole(r)"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Skoleleder: én eller flere skoler. Medarbejder: præcis én. "
            "Konsulent, koordinator og konferenceadministrator: ingen."
        ),
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> carries the token
        roles = assignable_roles(actor)
        choices = [(v, label) for v, label in Role.choices if v in roles]
        # a leader has one role to give; a coordinator chooses deliberately
        self.fields["role"].choices = (
            choices if len(choices) == 1 else [("", _("Vælg rolle")), *choices]
        )
        self.fields["schools"].queryset = assignable_schools(actor).order_by("name")
        if self.fields["schools"].queryset.count() == 1 and not self.is_bound:
            self.fields["schools"].initial = list(self.fields["schools"].queryset)

    def clean(self):
        data = super().clean()
        if "role" in data and "schools" in data:
            try:
                validate_role_schools(data["role"], data["schools"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class UserInviteForm(UserFormBase):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    job = forms.ChoiceField(
        label=_("Stilling"),
        required=False,
        choices=[("", _("Ud fra rollen")), *Job.choices],
        help_text=_("Bruges på medarbejderlisten på skolen."),
    )

    field_order = ["email", "first_name", "last_name", "role", "schools", "job"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Der findes allerede en bruger med denne e-mailadresse."))
        return email


class UserUpdateForm(UserFormBase):
    pass


class UserFilterForm(forms.Form):
    """The filter row above the user list (GET)."""

    q = forms.CharField(
        label=_("Søg"),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "type": "search", "placeholder": _("Navn eller e-mail")}
        ),
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        required=False,
        choices=[("", _("Alle roller")), *Role.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    school = LabelFieldChoiceField(
        label=_("Skole"),
        required=False,
        queryset=School.objects.none(),
        label_field="name",  # str(school)
        empty_label=_("Alle skoler"),
        widget=SearchSelect(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = access.scope(actor, School.objects.all(), "read")
        if not access.can_all(actor, "edit", User):
            del self.fields["role"]  # a leader manages staff members only

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("q"):
            for word in data["q"].split():
                queryset = queryset.filter(
                    Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(email__icontains=word)
                    | Q(username__icontains=word)
                )
        if data.get("role"):
            queryset = queryset.filter(role=data["role"])
        if data.get("school"):
            queryset = queryset.filter(schools=data["school"])
        return queryset


class PasswordResetForm(auth_forms.PasswordResetForm):
    """«Glemt adgangskode»: Django's form, its mail made like every other mail of the portal
    (``trivsel.schools.mail``: plain text, a name as typed)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        mail.text_message("registration/password_reset", context, to_email).send()
