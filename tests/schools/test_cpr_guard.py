"""The CPR guard: no CPR number gets into the portal's free text, and no free-text field forgets
the guard. The two walks at the bottom (models, forms) cover every app added later."""

import pkgutil
from datetime import date, timedelta
from importlib import import_module
from importlib.util import find_spec

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from trivsel.schools.fields import (
    CPR_MESSAGE,
    FreeCharField,
    FreeTextField,
    FreeTextFormField,
    contains_cpr,
    validate_no_cpr,
)
from trivsel.schools.forms.records import PartnerForm, SchoolForm
from trivsel.schools.models import Partner, School

DANISH_MESSAGE = "Teksten ser ud til at indeholde et CPR-nummer. Skriv ikke CPR-numre i portalen."
PROJECT_APP_PREFIXES = ("trivsel.", "initiatives.", "consultants", "conference")


# --- what counts as a CPR number ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "010190\u20131234",  # an en dash, as word processors write it
        "Eleven (cpr 241287-4411) var fraværende.",
        "cpr:0101901234.",
        "Født 29. februar: 290200-1234",  # 29 Feb 2000, a leap year
        "290100-1234",  # 1900 is no leap year, but 2000 is: either century counts
        "311299-1234",
    ],
)
def test_it_finds_a_cpr_number(text):
    assert contains_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "310299-1234",  # 31 February does not exist
        "290201-1234",  # 29 Feb in 1901 and 2001: neither is a leap year
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "000190-1234",  # day 0
        "010090-1234",  # month 0
        "12010190123456",  # inside a longer run of digits
        "0101901234567",
        "9010190-1234",
        "010190-12345",  # five digits after the dash
        "Ring på 36 37 38 39 eller +45 2012 3456.",
        "Tlf. 20123456",
        "Budget: 1.234.567,50 kr., heraf 150.000 kr. fra TrygFonden",
        "Mødet er 01-01-2024 kl. 10.00; sagsnr. 24-010190-1234",
        "ISBN 978-87-02-12345-6",
        "Klasse 7.A har 24 elever.",
    ],
)
def test_it_leaves_other_numbers_alone(text):
    assert not contains_cpr(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 9999))
def test_every_real_birth_date_with_four_digits_is_a_cpr_number(birthday, serial):
    for separator in ("-", "", " "):
        assert contains_cpr(f"Notat: {birthday:%d%m%y}{separator}{serial:04d} slut")


def test_the_guard_says_so_in_danish():
    with pytest.raises(ValidationError) as raised:
        validate_no_cpr("Se 010190-1234")
    assert raised.value.code == "cpr"
    with translation.override("da"):
        assert raised.value.messages == [DANISH_MESSAGE]
        assert str(CPR_MESSAGE) == DANISH_MESSAGE
    validate_no_cpr("Ingen tal her")  # no error


# --- the fields ---------------------------------------------------------------------------------
def test_the_free_text_fields_carry_the_guard_once_and_keep_it_out_of_migrations():
    for field in (FreeTextField(), FreeCharField(max_length=200)):
        assert field.cpr_guarded
        assert field.validators.count(validate_no_cpr) == 1
        _name, _path, _args, kwargs = field.deconstruct()
        assert "validators" not in kwargs
    with pytest.raises(ValidationError):
        FreeCharField(max_length=200).clean("010190-1234", None)


def test_a_model_form_rejects_a_cpr_number_and_saves_nothing(db):
    form = PartnerForm(
        data={"name": "Headspace", "kind": "counselling", "description": "Eleven 0101901234"}
    )
    with translation.override("da"):
        assert not form.is_valid()
        assert form.errors["description"] == [DANISH_MESSAGE]
    assert not Partner.objects.exists()


def test_a_school_address_is_guarded_too(db):
    form = SchoolForm(data={"name": "Valhøj Skole", "address": "Rødovre Parkvej 100 010190-1234"})
    assert not form.is_valid()
    assert "address" in form.errors
    assert not School.objects.exists()


def test_a_plain_form_uses_the_free_text_form_field():
    class NoteForm(forms.Form):
        text = FreeTextFormField()

    assert not NoteForm(data={"text": "CPR 010190 1234"}).is_valid()
    assert NoteForm(data={"text": "Tlf. 36 37 38 39"}).is_valid()
    assert isinstance(NoteForm().fields["text"].widget, forms.Textarea)


# --- the walks: later apps cannot forget the guard ----------------------------------------------
# Every text field a person types carries the guard, names included, whatever its length. Only a
# field whose content is machine-made or structured may go here, with the reason:
# "app_label.Model.field": "why".
NOT_FREE_TEXT: dict[str, str] = {
    "schools.User.password": "a password hash, made by Django",
    "schools.User.username": "the login name: the e-mail address in lower case (services.users)",
    "schools.ReadLogEntry.username": "a copy of the reader's login name, made by the read log",
    "schools.ReadLogEntry.object_label": "made by the read log: kind and number, never text",
    "schools.ReadLogEntry.purpose": "a code from the read log's purposes (view, edit, export …)",
    "statusnote.NoteDocument.error": "the renderer's own error text, never typed",
    "statusnote.NoteDocument.task_id": "Celery's task id",
    "trials.Theme.grade_bands": "codes chosen from the grade bands (indskoling …)",
    "trials.TrialAction.grade_bands": "codes chosen from the grade bands (indskoling …)",
    "headspace.CalendarFeed.token": "a random token in the feed's address",
    "consultants.Activity.content_hash": "a hash of the synced entry, made by the server",
    "conference.Registration.token": "a random token in the private link",
    "statusnote.Commitment.section": "the key of the status-note section that stated the plan",
    "statusnote.Commitment.part": "the id of the note's part that stated the plan",
    "statusnote.Commitment.ref": "the section's own reference to the record (kind and number)",
}

# Fields whose content is checked by their own format, or chosen from a list.
_FORMATTED = (models.EmailField, models.URLField, models.SlugField, models.FilePathField)


def _is_free_text(field) -> bool:
    if getattr(field, "choices", None) or isinstance(field, _FORMATTED):
        return False
    return isinstance(field, models.TextField | models.CharField)


def _project_models():
    for model in apps.get_models(include_auto_created=False):
        if not model.__module__.startswith(PROJECT_APP_PREFIXES):
            continue
        if model.__name__.startswith("Historical") and hasattr(model, "instance_type"):
            continue  # simple_history's copy of a model that is walked itself
        yield model


def test_the_walk_sees_the_project_models():
    names = {m._meta.label for m in _project_models()}
    assert {"schools.School", "schools.Partner", "schools.User"} <= names
    assert not any(name.startswith(("auth.", "admin.", "sessions.")) for name in names)
    assert "schools.HistoricalSchool" not in names


def _unguarded_model_fields() -> list[str]:
    offenders = []
    for model in _project_models():
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.is_relation:
                continue
            name = f"{model._meta.label}.{field.name}"
            guarded = getattr(field, "cpr_guarded", False) or name in NOT_FREE_TEXT
            if _is_free_text(field) and not guarded:
                offenders.append(f"{name} ({type(field).__name__})")
    return offenders


def test_every_text_model_field_is_cpr_guarded_whatever_its_length():
    offenders = _unguarded_model_fields()
    assert not offenders, (
        "Text fields without the CPR guard — use trivsel.schools.fields.FreeTextField / "
        "FreeCharField: " + ", ".join(offenders)
    )


def test_the_exemptions_name_fields_that_exist():
    fields = {f"{m._meta.label}.{f.name}" for m in apps.get_models() for f in m._meta.get_fields()}
    assert set(NOT_FREE_TEXT) <= fields, set(NOT_FREE_TEXT) - fields


def _import_project_form_modules():
    """Every module that may define a form: the URLconf (every view) and each project module
    whose name speaks of forms or views."""
    import_module(settings.ROOT_URLCONF)
    for config in apps.get_app_configs():
        if not config.name.startswith(PROJECT_APP_PREFIXES):
            continue
        for info in pkgutil.walk_packages([config.path], prefix=f"{config.name}."):
            last = info.name.rsplit(".", 1)[-1]
            if "migrations" in info.name or not ("form" in last or "view" in last):
                continue
            if find_spec(info.name) is not None:
                import_module(info.name)


def _project_form_classes():
    _import_project_form_modules()
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted(
        (c for c in seen if c.__module__.startswith(PROJECT_APP_PREFIXES)),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


# Form fields whose text is never stored, or is structured, with the reason.
NOT_STORED: dict[str, str] = {
    "trivsel.schools.forms.users.UserFilterForm.q": "the user list's search box (GET, not saved)",
    "conference.forms.RegistrationFilterForm.q": "the registration list's search box (GET)",
    "conference.forms.SignupForm.website": "a honeypot: refused when filled, never saved",
    "trivsel.security.views_login.TokenForm.token": "a one-time code, checked and never saved",
}

# Form fields with a format of their own (an address, a number in text, an id).
_STRUCTURED_FORM_FIELDS = (
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.UUIDField,
    forms.GenericIPAddressField,
    forms.JSONField,
)


def _unguarded_form_fields(form_class) -> list[str]:
    """Text form fields that are not the guarded, cleaning free-text form field (a model form
    gets it from a guarded model field)."""
    found = []
    for name, field in form_class.base_fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field, _STRUCTURED_FORM_FIELDS):
            continue
        if isinstance(field, FreeTextFormField) and validate_no_cpr in field.validators:
            continue
        found.append(f"{form_class.__module__}.{form_class.__qualname__}.{name}")
    return found


def test_every_text_form_field_is_cpr_guarded_and_cleaned():
    classes = _project_form_classes()
    assert PartnerForm in classes
    names = {f"{c.__module__}.{c.__qualname__}" for c in classes}
    # the walk reaches forms outside forms.py too
    assert {
        "conference.admin_views.GroupMessageForm",
        "trivsel.schools.forms.users.UserInviteForm",
    } <= names
    offenders = [
        name for cls in classes for name in _unguarded_form_fields(cls) if name not in NOT_STORED
    ]
    assert not offenders, (
        "use FreeCharFormField / FreeTextFormField or a guarded model field: "
        + ", ".join(offenders)
    )


def test_the_form_walk_would_catch_an_unguarded_field_of_any_length():
    class Careless(forms.Form):
        note = forms.CharField(widget=forms.Textarea)
        name = forms.CharField(max_length=30)

    assert _unguarded_form_fields(Careless) == [
        f"{__name__}.{Careless.__qualname__}.note",
        f"{__name__}.{Careless.__qualname__}.name",
    ]


def test_dates_of_both_centuries_are_checked():
    # the last day of February in every year of both centuries: 29 only in leap years
    for year in (1900, 1904, 2000, 2001, 2024):
        feb_last = date(year, 3, 1) - timedelta(days=1)
        assert contains_cpr(f"{feb_last:%d%m%y}-1234")
