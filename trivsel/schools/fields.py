"""The CPR guard and the text cleaner for everything a person types: one validator that refuses
text containing a Danish CPR number, one function that removes control characters, and the
model and form fields that apply both. Every text field a person types uses one of them, names
included; ``tests/schools/test_cpr_guard.py`` walks all models and forms and fails on one that
does not.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

CPR_MESSAGE = _("Teksten ser ud til at indeholde et CPR-nummer. Skriv ikke CPR-numre i portalen.")

# ddmmyy, then an optional dash or space, then four digits; not part of a longer number.
_CPR_RE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[-\s\u2010\u2011\u2013]?(\d{4})(?![\d])")


def _is_real_date(day: int, month: int, yy: int) -> bool:
    for century in (1900, 2000):
        try:
            date(century + yy, month, day)
        except ValueError:
            continue
        return True
    return False


def contains_cpr(text: str | None) -> bool:
    if not text:
        return False
    for match in _CPR_RE.finditer(str(text)):
        day, month, yy = (int(g) for g in match.groups()[:3])
        if _is_real_date(day, month, yy):
            return True
    return False


def validate_no_cpr(value) -> None:
    if contains_cpr(value):
        raise ValidationError(CPR_MESSAGE, code="cpr")


# Line breaks and tabs belong in multi-line text; a one-line field gets a space for them.
_MULTILINE_KEEP = frozenset("\t\n\r")
_LINE_BREAKS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def clean_text(value, *, multiline: bool):
    """``value`` without control characters (NUL, ESC, vertical tab …; Unicode's Cc, and the
    lone surrogates JSON can carry), which no person means to type and which break exports (xlsx
    refuses them) and PostgreSQL (NUL). Multi-line text keeps tab and line breaks; one-line text
    gets a space for them."""
    if not isinstance(value, str):
        return value
    if value.isprintable():  # the common case, without a loop
        return value
    out = []
    for char in value:
        kept = multiline and char in _MULTILINE_KEEP
        if kept or unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp"):
            out.append(char)
        elif char in _LINE_BREAKS:
            out.append(" ")
    return "".join(out)


class _CprGuarded:
    """Adds the CPR validator (kept out of migrations: it is always there), cleans control
    characters in ``to_python`` (so ``full_clean()`` cleans what a service saves) and gives model
    forms the matching form field."""

    cpr_guarded = True
    multiline = False
    free_text = True  # the change log shows only that it changed, never the text

    def __init__(self, *args, sensitive: bool = False, **kwargs):
        # sensitive=True: hidden in the admin (trivsel.schools.privacy); no effect on the database
        self.sensitive = sensitive
        super().__init__(*args, **kwargs)
        if validate_no_cpr not in self.validators:
            self.validators.append(validate_no_cpr)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def to_python(self, value):
        return clean_text(super().to_python(value), multiline=self.multiline)

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault(
                "form_class", FreeTextFormField if self.multiline else FreeCharFormField
            )
        return super().formfield(**kwargs)


class FreeTextField(_CprGuarded, models.TextField):
    """A multi-line free-text field that refuses CPR numbers."""

    multiline = True


class FreeCharField(_CprGuarded, models.CharField):
    """A one-line free-text field (titles, short comments) that refuses CPR numbers."""


class NameField(FreeCharField):
    """A name or label a person types (a school, a person, a place, a subject): guarded and
    cleaned like free text, but no prose — the change log shows its old and new value."""

    free_text = False


class FreeTextFormField(forms.CharField):
    """For forms that are not model forms (public sign-up, note texts): cleans control
    characters — keeping line breaks and tabs when the widget is a textarea — and refuses CPR
    numbers."""

    cpr_guarded = True
    default_widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", self.default_widget)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_no_cpr)

    def to_python(self, value):
        multiline = isinstance(self.widget, forms.Textarea)
        return super().to_python(clean_text(value, multiline=multiline))


class FreeCharFormField(FreeTextFormField):
    """The one-line kind (a name, a job title): a text input; line breaks become spaces."""

    default_widget = forms.TextInput
