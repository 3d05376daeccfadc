"""The school tables' rows, written by the ``school_rows`` tag, are the rows their template loops
wrote (whitespace between tags aside)."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import SchoolClassFactory, SchoolFactory
from trivsel.schools import access
from trivsel.schools.views import school_overview

# the loops schools/school_list.html and schools/home.html had before the tag
LIST_LOOP = """{% load i18n humanize %}
  {% for school in object_list %}
  <tr><td><a href="{{ school.get_absolute_url }}">{{ school.name }}</a></td><td class="text-end">{{ school.class_count }}</td><td class="text-end">{{ school.pupil_count|default:0|intcomma }}</td><td class="text-end">{{ school.staff_count }}</td>
  <td class="text-end">{% if school.can_edit %}<a class="btn btn-sm btn-outline-primary" href="{{ school.get_edit_url }}">{% translate "Redigér" %}<span class="visually-hidden"> {{ school.name }}</span></a>{% endif %}</td></tr>
  {% endfor %}"""  # noqa: E501
HOME_LOOP = """{% load humanize %}
    {% for school in object_list %}
      <tr><td><a href="{{ school.get_absolute_url }}">{{ school.name }}</a></td><td class="text-end">{{ school.class_count }}</td><td class="text-end">{{ school.pupil_count|default:0|intcomma }}</td><td class="text-end">{{ school.staff_count }}</td></tr>
    {% endfor %}"""  # noqa: E501


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["da", "en"])
def test_school_rows_write_what_the_template_loops_wrote(
    db, school_year, school_a, leader_a, coordinator, staff_a, language
):
    SchoolFactory(name='Ærø <Skole> & "co"')
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=1234)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=5)
    for user in (coordinator, leader_a):
        schools = list(access.annotate_can(school_overview(user, school_year), user, "edit"))
        assert any(s.can_edit for s in schools) or user == leader_a
        context = Context({"object_list": schools})
        with translation.override(language):
            for loop, tag in (
                (
                    LIST_LOOP,
                    "{% load school_rows %}{% school_rows object_list edit_buttons=True %}",
                ),
                (HOME_LOOP, "{% load school_rows %}{% school_rows object_list %}"),
            ):
                assert _same(Template(tag).render(context)) == _same(Template(loop).render(context))
    assert "1.239" in Template("{% load school_rows %}{% school_rows object_list %}").render(
        Context({"object_list": school_overview(coordinator, school_year)})
    )


def orm_overview(user, year):
    """school_overview as the ORM's three Subquery expressions (what it was)."""
    from django.db.models import Count, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    from trivsel.schools.models import School, SchoolClass, Staff

    classes = (
        SchoolClass.objects.filter(school=OuterRef("pk"), school_year=year)
        .order_by()
        .values("school")
    )
    staff = Staff.objects.filter(school=OuterRef("pk"), is_active=True).order_by().values("school")
    return (
        access.scope(user, School.objects.all(), "read")
        .annotate(
            class_count=Coalesce(Subquery(classes.annotate(n=Count("pk")).values("n")), 0),
            pupil_count=Coalesce(Subquery(classes.annotate(n=Sum("pupil_count")).values("n")), 0),
            staff_count=Coalesce(Subquery(staff.annotate(n=Count("pk")).values("n")), 0),
        )
        .order_by("name")
    )


def test_the_overview_counts_are_the_orm_subqueries_counts(
    db, school_year, school_a, school_b, leader_a, coordinator, staff_a
):
    from tests.factories import SchoolYearFactory, StaffFactory

    other_year = SchoolYearFactory(name="2019/20", is_current=False)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=21)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=0)
    SchoolClassFactory(school=school_b, school_year=other_year, pupil_count=9)
    StaffFactory(school=school_b, is_active=False)
    StaffFactory(school=school_b)
    SchoolFactory(name="Tom skole")
    fields = ("pk", "name", "class_count", "pupil_count", "staff_count")
    for user in (coordinator, leader_a):
        for year in (school_year, other_year, None):
            expected = list(orm_overview(user, year).values_list(*fields))
            assert list(school_overview(user, year).values_list(*fields)) == expected
            assert expected  # every actor sees at least one school


# the loop schools/home.html had before the ``class_badges`` tag
BADGE_LOOP = """{% for c in own_classes %}{% if c.school_id == school.pk %}<span role="listitem" class="badge text-bg-light border fs-6">{{ c.label }} <span class="text-body-secondary">({{ c.pupil_count }})</span></span>{% endif %}{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["da", "en"])
def test_class_badges_write_what_the_template_loop_wrote(
    db, school_year, school_a, school_b, leader_a, language
):
    from trivsel.schools.models import SchoolClass
    from trivsel.schools.templatetags.school_rows import class_badges
    from trivsel.schools.views import own_class_rows

    leader_a.schools.add(school_b)
    SchoolClassFactory(
        school=school_a, school_year=school_year, grade=0, letter="<&>", pupil_count=1234
    )
    SchoolClassFactory(school=school_a, school_year=school_year, grade=8, letter="A", pupil_count=5)
    SchoolClassFactory(school=school_b, school_year=school_year, grade=3, letter='"', pupil_count=0)
    models = (
        access.scope(leader_a, SchoolClass.objects.filter(school_year=school_year), "read")
        .select_related("school")
        .order_by("school__name", "grade", "letter")
    )
    rows = own_class_rows(leader_a, school_year)
    assert len(rows) == 3
    with translation.override(language):
        for school in (school_a, school_b):
            old = Template(BADGE_LOOP).render(Context({"own_classes": models, "school": school}))
            assert class_badges(rows, school.pk) == old
            assert old.count("listitem") == (2 if school == school_a else 1)


def test_the_school_list_rows_are_the_overview_with_can_edit(
    db, school_year, school_a, school_b, leader_a, coordinator, staff_a
):
    """``school_table`` (the school list's one query of plain rows) gives each school the
    overview's counts and the access module's ``can_edit``, in the overview's order."""
    from tests.factories import SchoolYearFactory, StaffFactory
    from trivsel.schools.views import school_table

    other_year = SchoolYearFactory(name="2019/20", is_current=False)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=21)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=0)
    SchoolClassFactory(school=school_b, school_year=other_year, pupil_count=9)
    StaffFactory(school=school_b, is_active=False)
    StaffFactory(school=school_b)
    SchoolFactory(name="Tom skole")
    fields = ("pk", "name", "can_edit", "class_count", "pupil_count", "staff_count")
    for user in (coordinator, leader_a):
        for year in (school_year, other_year, None):
            overview = access.annotate_can(school_overview(user, year), user, "edit")
            expected = list(overview.values_list(*fields))
            assert [tuple(row) for row in school_table(user, year)] == expected
            assert expected


def test_the_school_list_of_a_login_whose_scope_is_empty_is_empty(db, school_a, school_year):
    from tests.conftest import make_actor
    from trivsel.schools.models import Role
    from trivsel.schools.views import school_table

    nowhere = make_actor("uden_skole", role=Role.STAFF, schools=[])
    expected = list(access.annotate_can(school_overview(nowhere, school_year), nowhere, "edit"))
    assert school_table(nowhere, school_year) == expected == []
