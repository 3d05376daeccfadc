"""A small multiple-choice field for grade bands.

Stored as one comma-separated string of ``GradeBand`` values in band order («indskoling,udskoling»):
a filter, an export cell and a history row each read it as one plain value. The values never
contain each other, so ``grade_bands__contains="udskoling"`` filters correctly.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from trivsel.schools.models import GradeBand

BAND_ORDER = [band.value for band in GradeBand]


def normalise_bands(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    chosen = {str(v).strip() for v in value if str(v).strip()}
    unknown = chosen - set(BAND_ORDER)
    if unknown:
        raise ValidationError(
            _("Ukendt klassetrinsgruppe: %(bands)s."),
            params={"bands": ", ".join(sorted(unknown))},
            code="invalid_band",
        )
    return [band for band in BAND_ORDER if band in chosen]


class GradeBandsField(models.CharField):
    """A list of grade bands (indskoling / mellemtrin / udskoling)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return normalise_bands(value)

    def to_python(self, value):
        return normalise_bands(value)

    def get_prep_value(self, value):
        if isinstance(value, str):  # lookups such as __contains="udskoling"
            return value
        return ",".join(normalise_bands(value))

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj) or [])

    def validate(self, value, model_instance):
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):  # max_length is checked on the joined string
        return super().run_validators(",".join(value or []))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": GradeBand.choices,
            "required": not self.blank,
            "widget": forms.CheckboxSelectMultiple,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        # CharField.formfield would force a CharField; build ours directly
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value", "choices_form_class"):
            defaults.pop(key, None)
        return form_class(**defaults)


def band_labels(bands) -> list[str]:
    labels = dict(GradeBand.choices)
    return [str(labels[b]) for b in normalise_bands(bands)]
