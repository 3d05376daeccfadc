"""The trials list's quick widgets write exactly the HTML of Django's own widget templates."""

import datetime

import pytest
from django import forms
from django.utils.safestring import mark_safe

from initiatives.trials.links import pk_url
from initiatives.trials.widgets import QuickDateInput, QuickSelect, QuickTextInput

CHOICES = [
    ("", "---------"),
    (1, "Valhøj Skole"),
    ("x", 'Tom & Jerry\'s <"skole">'),
    ("Gruppe <a>", [("g1", "Første"), ("g2", mark_safe("<b>Anden</b>"))]),
]


@pytest.mark.parametrize("value", [None, "", "1", 1, "x", "g2", "ukendt"])
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "form-select", "id": "id_f"}, {"required": True, "disabled": False}]
)
def test_quick_select_writes_what_djangos_select_writes(value, attrs):
    django_html = forms.Select(attrs=attrs, choices=CHOICES).render("f", value)
    assert QuickSelect(attrs=attrs, choices=CHOICES).render("f", value) == django_html


@pytest.mark.parametrize(
    "django_widget,quick_widget,value",
    [
        (forms.TextInput, QuickTextInput, None),
        (forms.TextInput, QuickTextInput, 'søvn & "skærm" <b>'),
        (forms.DateInput, QuickDateInput, datetime.date(2023, 9, 1)),
        (forms.DateInput, QuickDateInput, "2023-09-01"),
        (forms.DateInput, QuickDateInput, ""),
    ],
)
def test_quick_inputs_write_what_djangos_inputs_write(django_widget, quick_widget, value):
    attrs = {"type": "date", "class": "form-control", "id": "id_f"}
    expected = django_widget(attrs=attrs).render("f", value)
    assert quick_widget(attrs=attrs).render("f", value) == expected


def test_a_pk_url_is_the_reversed_url(db):
    from django.urls import reverse

    detail = pk_url("trials:trialaction_detail")
    for pk in (1, 42, 2147483646):
        assert detail(pk) == reverse("trials:trialaction_detail", args=[pk])
