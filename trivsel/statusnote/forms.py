"""Forms of the status note: validate and normalise; the services write."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeTextFormField
from trivsel.schools.models import Period

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
            "Tom: halvårets sidste dag."
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


class NoteTextsForm(_Crispy, forms.Form):
    """The texts of a draft: introduction, one text per part (labelled by its heading) and the
    closing remark. Every field passes the CPR guard."""

    as_of = forms.DateField(label=_("Opgjort pr."), widget=DATE)
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


class DocumentForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("docx", _("Word (.docx)"))]
    )
