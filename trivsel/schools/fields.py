"""The CPR guard: one validator that refuses text containing a Danish CPR number, and the
free-text model fields that carry it. Every free-text field in the portal uses one of them;
``tests/schools/test_cpr_guard.py`` walks all models and fails on a field that does not.
"""

from __future__ import annotations

import re
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


class _CprGuarded:
    """Adds the CPR validator and keeps it out of migrations (it is always there)."""

    cpr_guarded = True

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


class FreeTextField(_CprGuarded, models.TextField):
    """A multi-line free-text field that refuses CPR numbers."""


class FreeCharField(_CprGuarded, models.CharField):
    """A one-line free-text field (titles, short comments) that refuses CPR numbers."""


class FreeTextFormField(forms.CharField):
    """For forms that are not model forms (public sign-up, note texts)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(*args, **kwargs)
        self.validators.append(validate_no_cpr)
