"""Forms of the status note: validate and normalise; the services write."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharFormField, FreeTextFormField
from trivsel.schools.models import Period

from .services import approvers

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Crispy:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class NoteCreateForm(_Crispy, forms.Form):
    period = forms.ModelChoiceField(
        label=_("Halvår"),
        queryset=Period.objects.order_by("-start"),
        empty_label=_("Vælg halvår"),
        error_messages={"required": _("Vælg det halvår, notatet handler om.")},
    )
    as_of = forms.DateField(
        label=_("Opgjort pr."),
        required=False,
        widget=DATE,
        help_text=_(
            "Tal til og med denne dato; det planlagte er det, der ligger efter. "
            "Tom: samme dato som halvårets seneste notat, ellers halvårets sidste dag."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean(self):
        data = super().clean()
        period, as_of = data.get("period"), data.get("as_of")
        if period and as_of and as_of < period.start:
            self.add_error("as_of", _("Datoen kan ikke ligge før halvårets start."))
        return data


def narrative_field_name(part_id: str) -> str:
    return "narrative_" + part_id.replace(".", "__")


FRONT_MATTER = ("recipient", "meeting_date", "case_number", "sender", "dated")


class NoteTextsForm(_Crispy, forms.Form):
    """The texts of a draft: the front matter, introduction, one text per part (labelled by its
    heading) and the closing remark. Every free-text field passes the CPR guard."""

    as_of = forms.DateField(label=_("Opgjort pr."), widget=DATE)
    recipient = FreeTextFormField(
        label=_("Modtager"), max_length=200, widget=forms.TextInput(), help_text=_("fx udvalget")
    )
    meeting_date = forms.DateField(label=_("Mødedato"), required=False, widget=DATE)
    case_number = FreeCharFormField(label=_("Sagsnummer"), max_length=40, required=False)
    sender = FreeTextFormField(label=_("Afsender"), max_length=200, widget=forms.TextInput())
    dated = forms.DateField(
        label=_("Dato"),
        required=False,
        widget=DATE,
        help_text=_("Tom: datoen, notatet gøres endeligt."),
    )
    introduction = FreeTextFormField(
        label=_("Indledning"),
        required=False,
        help_text=_("Linjer, der starter med «- », bliver punkter."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.part_fields: dict[str, str] = {}
        for part_id, label in parts:
            name = narrative_field_name(part_id)
            self.fields[name] = FreeTextFormField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
            self.part_fields[part_id] = name
        self.fields["closing"] = FreeTextFormField(
            label=_("Afsluttende bemærkning"), required=False
        )
        self._helper()

    def narratives(self) -> dict[str, str]:
        return {
            part_id: self.cleaned_data.get(name, "").strip()
            for part_id, name in self.part_fields.items()
        }

    def front_matter(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in FRONT_MATTER}
        for name in ("recipient", "case_number", "sender"):
            data[name] = (data[name] or "").strip()
        return data


class ApprovalSendForm(forms.Form):
    """«Send til godkendelse»: the named approver, another coordinator."""

    approver = forms.ModelChoiceField(
        label=_("Godkender"),
        queryset=None,
        empty_label=_("Vælg godkender"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": _("Vælg, hvem der skal godkende notatet."),
            "invalid_choice": _("Vælg en godkender blandt koordinatorerne."),
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = approvers()
        if user is not None:
            queryset = queryset.exclude(pk=user.pk)
        self.fields["approver"].queryset = queryset
        self.fields["approver"].label_from_instance = lambda u: u.get_full_name() or u.username


class ApprovalDecisionForm(forms.Form):
    """The approver's decision: approve (a comment is optional) or return (it is required)."""

    comment = FreeTextFormField(
        label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("docx", _("Word (.docx)"))]
    )
