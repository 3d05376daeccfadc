"""``trivsel.schools.widgets``: a select drawn in Python is Django's select, character for
character, and its model options cost one plain query, only when drawn."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe

from tests.factories import SchoolFactory
from trivsel.schools import widgets
from trivsel.schools.models import School

CHOICES = [
    ("", "Vælg <en>"),
    ("Dine skoler", [(1, "A & B"), (2, mark_safe("<i>C</i>"))]),
    ("Alle", [(3, '"Q"')]),
    (4, "D"),
    (None, "ingen"),
]


@pytest.mark.parametrize("value", [None, "", "2", 3, ["1"], "nope"])
@pytest.mark.parametrize(
    "attrs", [None, {"class": "form-select", "required": True, "disabled": False, "id": "id_x"}]
)
def test_the_select_draws_what_djangos_select_draws(value, attrs):
    django_select = forms.Select(choices=CHOICES, attrs={"data-x": "1 & 2"})
    ours = widgets.Select(choices=CHOICES, attrs={"data-x": "1 & 2"})
    assert ours.render("skole", value, attrs) == django_select.render("skole", value, attrs)


class SchoolForm(forms.Form):
    school = forms.ModelChoiceField(
        queryset=School.objects.order_by("name"), required=False, widget=widgets.Select
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].empty_label = "Alle skoler"
        widgets.values_choices(self.fields["school"])


def test_model_options_come_from_one_query_when_drawn_and_validation_still_checks(db):
    school_b, school_a = SchoolFactory(name="Nyager Skole"), SchoolFactory(name="Valhøj Skole")
    with CaptureQueriesContext(connection) as queries:
        form = SchoolForm({"school": str(school_a.pk)})
        assert form.is_valid() and form.cleaned_data["school"] == school_a
    assert len(queries) == 1  # the submitted school is checked; no options were read
    with CaptureQueriesContext(connection) as queries:
        html = str(form["school"])
    assert len(queries) == 1
    assert html == (
        '<select name="school" id="id_school">\n'
        '  <option value="">Alle skoler</option>\n\n'
        f'  <option value="{school_b.pk}">Nyager Skole</option>\n\n'
        f'  <option value="{school_a.pk}" selected>Valhøj Skole</option>\n\n'
        "</select>"
    )
    assert not SchoolForm({"school": "0"}).is_valid()
