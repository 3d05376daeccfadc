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
