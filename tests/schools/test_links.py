"""Per-row links and choice labels, the cheap way, give what reverse() and get_FOO_display()
give."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.utils import translation

from trivsel.schools.choices import choice_label
from trivsel.schools.links import pk_url, row_url
from trivsel.schools.models import Job, Role, Staff, User
from trivsel.schools.views.base import cell_value


def _one_int_pk_names(resolver=None, namespace=""):
    """Every URL name of the portal that takes one integer «pk» (namespaces included)."""
    resolver = resolver or get_resolver()
    for name, possibilities in resolver.reverse_dict.lists():
        if isinstance(name, str) and any(
            list(converters) == ["pk"] and type(converters["pk"]).__name__ == "IntConverter"
            for _bits, _pattern, _defaults, converters in possibilities
        ):
            yield f"{namespace}{name}"
    for sub_namespace, (_prefix, sub) in resolver.namespace_dict.items():
        yield from _one_int_pk_names(sub, f"{namespace}{sub_namespace}:")


def test_pk_url_is_reverse_for_every_pk_url_of_the_portal():
    names = sorted(set(_one_int_pk_names()))
    assert "schools:school_detail" in names and "schools:staff_update" in names
    for name in names:
        url_of = row_url(name)
        for pk in (0, 7, 12345678901):
            assert pk_url(name, pk) == reverse(name, args=[pk]) == url_of(pk), name


def test_pk_url_follows_the_script_prefix():
    try:
        set_script_prefix("/portal/")
        assert pk_url("schools:school_detail", 3) == reverse("schools:school_detail", args=[3])
        assert pk_url("schools:school_detail", 3).startswith("/portal/")
    finally:
        set_script_prefix("/")
    assert not pk_url("schools:school_detail", 3).startswith("/portal/")


def test_anything_but_an_integer_key_goes_through_reverse():
    with pytest.raises(NoReverseMatch):
        pk_url("schools:school_detail", None)
    with pytest.raises(NoReverseMatch):
        pk_url("schools:school_detail", -1)
    assert pk_url("schools:school_detail", "5") == reverse("schools:school_detail", args=["5"])


@pytest.mark.parametrize("role", [*Role.values, "", "unknown"])
def test_the_role_label_is_djangos(role):
    user = User(role=role)
    assert user.get_role_display() == user._get_FIELD_display(User._meta.get_field("role"))


@pytest.mark.parametrize("job", [*Job.values, "gone"])
def test_choice_label_and_the_list_cells_give_djangos_label(job):
    staff = Staff(job=job, name="Bo")
    assert choice_label(staff, "job") == staff.get_job_display()
    assert cell_value(staff, "job") == staff.get_job_display()
    assert cell_value(staff, "name") == "Bo"
    assert cell_value(staff, "is_active") == "Ja"
    assert cell_value(staff, "school.name") == ""


def test_a_boolean_cell_says_yes_or_no_in_the_users_language():
    with translation.override("en"):
        assert cell_value(Staff(is_active=True), "is_active") == "Yes"
        assert cell_value(Staff(is_active=False), "is_active") == "No"
    assert cell_value(Staff(is_active=False), "is_active") == "Nej"
