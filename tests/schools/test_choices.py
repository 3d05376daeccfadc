"""A model select whose options come from columns (``LabelFieldChoiceField``) is the model select
it replaces: the same options, the same validation and cleaned value."""

from __future__ import annotations

from django import forms

from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.models import School, User


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


def test_the_select_template_writes_the_options_as_djangos_own_templates_do():
    from django.forms.renderers import DjangoTemplates

    choices = [("", "---------"), ("a", "A & <b>"), (1, "Én"), ('q"uote', "Q")]
    choices += [("Gruppe", [("g1", "G1"), ("g2", "G2")])]
    for value in (None, "a", 1, 'q"uote', "g2"):
        for attrs in (None, {"id": "x", "class": "form-select", "required": True}):
            widget = forms.Select(choices=choices)
            ours = widget.render("f", value, attrs=attrs)  # settings.FORM_RENDERER
            assert ours == widget.render("f", value, attrs=attrs, renderer=DjangoTemplates())


def test_a_filter_with_few_options_is_a_select(db, school_a, school_b):
    from trivsel.schools.choices import SearchSelect

    field = LabelFieldChoiceField(School.objects.order_by("name"), label_field="name")
    assert isinstance(field.widget, SearchSelect)
    usual = forms.ModelChoiceField(School.objects.order_by("name"))
    assert field.widget.render("s", school_a.pk) == usual.widget.render("s", school_a.pk)


def test_a_filter_with_many_options_is_a_search_box_whose_names_stand_for_their_choice(
    db, school_a, school_b, monkeypatch
):
    from trivsel.schools.choices import SearchSelect

    monkeypatch.setattr(SearchSelect, "limit", 1)
    form_class = type(
        "F",
        (forms.Form,),
        {
            "school": LabelFieldChoiceField(
                School.objects.order_by("name"), label_field="name", required=False
            )
        },
    )
    html = str(form_class({"school": school_a.pk})["school"])
    assert html.startswith('<input type="search" name="school" value="Valhøj Skole"')
    assert 'list="id_school-valg"' in html and "<select" not in html
    assert '<option value="Nyager Skole"></option><option value="Valhøj Skole"></option>' in html
    for typed in ("Nyager Skole", "  nyager skole ", str(school_b.pk)):
        form = form_class({"school": typed})
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["school"] == school_b
    assert not form_class({"school": "Ingen Skole"}).is_valid()
    assert form_class({"school": ""}).is_valid()
