"""The portal's form renderer writes a <select> exactly as Django's templates do."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.models import Job, School, User
from trivsel.schools.renderers import PortalFormRenderer, input_html, select_html
from trivsel.schools.renderers import Select as DirectSelect

DJANGO = DjangoTemplates()
PORTAL = PortalFormRenderer()


def both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs=attrs, renderer=DJANGO),
        widget.render(name, value, attrs=attrs, renderer=PORTAL),
    )


CHOICES = [
    ("", "---------"),
    ("a", "Ærø & <Søby>"),
    (1, gettext_lazy("Skoleleder")),
    ("safe", mark_safe("<b>fed</b>")),
    ('q"uote', "Citat \"x\" og 'y'"),
    (datetime.date(2026, 11, 26), datetime.date(2026, 11, 26)),
    (2.5, 1234567),
]
GROUPED = [
    ("", "---------"),
    ("Nord", [("n1", "Nordskolen"), ("n2", "Nørre <Skole>")]),
    ("Syd", [("s1", "Sydskolen")]),
    ("x", "Uden gruppe"),
]


@pytest.mark.parametrize(
    "widget, value, attrs",
    [
        (forms.Select(choices=CHOICES), None, None),
        (forms.Select(choices=CHOICES), "a", {"id": "id_x", "class": "form-select"}),
        (forms.Select(choices=CHOICES), 1, {"required": True, "disabled": False, "data-n": 3}),
        (forms.Select(choices=CHOICES), "safe", {"aria-describedby": mark_safe("a&b")}),
        (forms.Select(choices=CHOICES), 'q"uote', {"title": 'Ti"tel <&>', "hx-get": None}),
        (forms.Select(choices=GROUPED), "n2", {"id": "id_g"}),
        (forms.Select(choices=[]), None, None),
        (forms.SelectMultiple(choices=CHOICES), ["a", 1], {"id": "id_m"}),
        (forms.SelectMultiple(choices=GROUPED), ["n1", "x"], None),
        (forms.NullBooleanSelect(), True, None),
        (forms.NullBooleanSelect(), None, {"class": "form-select"}),
        (forms.Select(choices=[("v", "L")], attrs={"class": "a", "autofocus": True}), "v", None),
    ],
)
def test_a_select_is_written_as_django_writes_it(widget, value, attrs):
    expected, actual = both(widget, "felt", value, attrs)
    assert actual == expected
    assert select_html(widget.get_context("felt", value, attrs)["widget"]) is not None  # fast path


INPUT_ATTRS = {
    "class": "form-control",
    "required": True,
    "disabled": False,
    "placeholder": "«x» & y",
}


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.TextInput(), None),
        (forms.TextInput(), ""),
        (forms.TextInput(attrs={"type": "search"}), 'a<b & "c"'),
        (forms.TextInput(attrs={"placeholder": gettext_lazy("Navn eller e-mail")}), 0),
        (forms.TextInput(), mark_safe("<i>sikker</i>")),
        (forms.DateInput(attrs={"type": "date"}), datetime.date(2026, 11, 26)),
        (forms.DateInput(format="%Y-%m-%d"), "2026-11-26"),
        (forms.DateTimeInput(), datetime.datetime(2026, 11, 26, 9, 5)),
        (forms.TimeInput(), datetime.time(9, 5)),
        (forms.NumberInput(attrs={"step": "0.5", "min": 0}), 2.5),
        (forms.EmailInput(), "a@b.dk"),
        (forms.URLInput(), "https://x.dk/?a=1&b=2"),
        (forms.PasswordInput(), "hemmelig"),
        (forms.PasswordInput(render_value=True), "hemmelig"),
        (forms.HiddenInput(), 17),
        (forms.CheckboxInput(), True),
        (forms.CheckboxInput(), False),
        (forms.CheckboxInput(), None),
        (forms.CheckboxInput(), "on"),
        (forms.FileInput(), None),
    ],
)
def test_an_input_is_written_as_django_writes_it(widget, value):
    for attrs in (None, INPUT_ATTRS, {"id": "id_felt"}):
        expected, actual = both(widget, "felt", value, attrs)
        assert actual == expected
    context = widget.get_context("felt", value, INPUT_ATTRS)["widget"]
    assert input_html(context) is not None  # the fast path


def test_model_choice_selects_match_django(db, school_a, school_b, coordinator):
    form_class = type(
        "F",
        (forms.Form,),
        {
            "school": forms.ModelChoiceField(School.objects.order_by("name"), required=False),
            "users": forms.ModelMultipleChoiceField(User.objects.order_by("username")),
            "job": forms.ChoiceField(choices=Job.choices),
        },
    )
    for data in (None, {"school": school_b.pk, "users": [coordinator.pk], "job": "teacher"}):
        django_form = form_class(data, renderer=DJANGO)
        portal_form = form_class(data, renderer=PORTAL)
        for name in ("school", "users", "job"):
            assert str(portal_form[name]) == str(django_form[name])


def test_an_unusual_option_template_is_left_to_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Custom(choices=[("a", "A")])
    context = widget.get_context("x", "a", None)["widget"]
    assert select_html(context) is None
    expected, actual = both(widget, "x", "a")
    assert actual == expected


def test_a_callable_value_is_left_to_the_templates():
    widget = forms.Select(choices=[("a", "A")], attrs={"data-x": lambda: "called"})
    assert select_html(widget.get_context("x", "a", None)["widget"]) is None
    expected, actual = both(widget, "x", "a")
    assert actual == expected


def test_the_portal_uses_it(settings):
    assert settings.FORM_RENDERER == "trivsel.schools.renderers.PortalFormRenderer"


def test_a_label_field_select_is_the_model_select_it_replaces(db, school_a, school_b, coordinator):
    def fields():
        model_field = forms.ModelChoiceField(School.objects.all(), required=False)
        fast_field = LabelFieldChoiceField(School.objects.all(), required=False, label_field="name")
        users = forms.ModelChoiceField(User.objects.order_by("username"), empty_label=None)
        users.label_from_instance = lambda u: u.get_username()
        fast_users = LabelFieldChoiceField(
            User.objects.order_by("username"), empty_label=None, label_field="username"
        )
        return {"school": model_field, "fast_school": fast_field, "u": users, "fast_u": fast_users}

    form_class = type("F", (forms.Form,), fields())
    for data in (None, {"school": school_b.pk, "fast_school": school_b.pk}):
        form = form_class(data)
        assert str(form["fast_school"]).replace("fast_school", "school") == str(form["school"])
        assert str(form["fast_u"]).replace("fast_u", "u") == str(form["u"])
    form = form_class({"fast_school": school_a.pk, "fast_u": coordinator.pk, "u": coordinator.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["fast_school"] == school_a
    assert form.cleaned_data["fast_u"] == coordinator
    assert not form_class({"fast_school": 987654, "u": coordinator.pk}).is_valid()


@pytest.mark.parametrize(
    "choices, value",
    [
        (CHOICES, None),
        (CHOICES, "a"),
        (CHOICES, 1),
        (CHOICES, 'q"uote'),
        ([("a", "A"), ("a", "A igen"), (None, "Ingen")], "a"),  # only the first is selected
        ([(None, "Ingen"), ("x", "X")], ""),
        ([], None),
        (GROUPED, "n2"),  # grouped: the usual way
    ],
)
def test_a_direct_select_is_a_select(choices, value):
    for attrs in (None, {"id": "id_felt", "class": "form-select", "required": True}):
        direct = DirectSelect(choices=choices).render("felt", value, attrs=attrs, renderer=PORTAL)
        usual = forms.Select(choices=choices).render("felt", value, attrs=attrs, renderer=DJANGO)
        assert direct == usual


def test_label_field_selects_are_direct_and_match_model_selects(db, school_a, school_b):
    field = LabelFieldChoiceField(School.objects.all(), label_field="name")
    assert isinstance(field.widget, DirectSelect)
    usual = forms.ModelChoiceField(School.objects.all())
    for value in (None, school_b.pk, str(school_a.pk), 987654):
        assert field.widget.render("s", value, renderer=PORTAL) == usual.widget.render(
            "s", value, renderer=DJANGO
        )
