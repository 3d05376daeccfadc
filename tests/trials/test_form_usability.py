"""The trial-action form is short to fill in: the classes are this school year's classes of the
school, as checkboxes grouped by grade band; labels start with a capital; the list's filters say
«Alle» instead of «---------»."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import SchoolClassFactory, SchoolYearFactory

pytestmark = pytest.mark.django_db


def test_the_classes_are_this_years_classes_of_the_school_grouped_by_grade_band(
    client_for, leader_a, school_a, school_b, school_year, class_a, class_b
):
    first = SchoolClassFactory(school=school_a, school_year=school_year, grade=1, letter="A")
    last_year = SchoolYearFactory(
        name="2022/23", start=date(2022, 8, 1), end=date(2023, 7, 31), is_current=False
    )
    old = SchoolClassFactory(school=school_a, school_year=last_year, grade=6, letter="A")
    response = client_for(leader_a).get(reverse("trials:trialaction_create"))
    field = response.context["form"].fields["classes"]

    assert set(field.queryset) == {first, class_a}  # not last year's, not school B's
    assert old not in field.queryset and class_b not in field.queryset
    groups = dict(field.choices)
    assert list(groups) == ["Indskoling (0.–3.)", "Udskoling (7.–9.)"]
    assert groups["Indskoling (0.–3.)"] == [(first.pk, "1.A")]
    page = response.content.decode()
    assert re.search(r'<input type="checkbox"[^>]*name="classes"', page)
    assert "<strong>Indskoling (0.–3.)</strong>" in page
    assert '<select name="classes"' not in page


def test_form_labels_start_with_a_capital_letter(client_for, leader_a, school_a, school_year):
    form = client_for(leader_a).get(reverse("trials:trialaction_create")).context["form"]
    lower = [str(f.label) for f in form.fields.values() if f.label and str(f.label)[0].islower()]
    assert not lower
    assert str(form.fields["grade_bands"].label) == "Klassetrin"  # «klassetrin» before


def test_the_list_filters_say_alle_instead_of_dashes(client_for, coordinator, school_year):
    page = client_for(coordinator).get(reverse("trials:trialaction_list")).content.decode()
    assert "---------" not in page
    assert '<option value="" selected>Alle</option>' in page
