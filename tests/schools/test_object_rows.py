"""The generic list's rows, written by the ``object_rows`` tag, are the rows the template loop
wrote (whitespace between tags aside)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from trivsel.schools.models import Job, Organisation, Partner, School, Staff

# the loop portal/object_list.html had before the tag
TEMPLATE_LOOP = """{% load i18n portal %}{% for row in object_list %}
    <tr>
      {% for path, heading in columns %}
        {% if forloop.counter0 == link_column and row.get_absolute_url %}
        <td data-label="{{ heading }}"><a href="{{ row.get_absolute_url }}">{{ row|attr:path }}</a></td>
        {% else %}<td data-label="{{ heading }}">{{ row|attr:path }}</td>{% endif %}
      {% endfor %}
      <td class="text-end">{% if row.can_edit and row.get_edit_url %}<a class="btn btn-sm btn-outline-primary" href="{{ row.get_edit_url }}">{% translate "Redigér" %}<span class="visually-hidden"> {{ row }}</span></a>{% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501
TAG = "{% load portal %}{% object_rows object_list columns link_column %}"


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


class Thing:
    """Not a model: no get_absolute_url, a method, a date, a decimal."""

    def __init__(self, name, **extra):
        self.name = name
        self.__dict__.update(extra)

    def shout(self):
        return self.name.upper()

    def __str__(self):
        return f"Ting «{self.name}»"


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("link_column", [0, 1, None])
def test_object_rows_write_what_the_template_loop_wrote(db, school_a, language, link_column):
    organisation = Organisation.objects.create(name="PPR & <Co>")
    rows = [
        School(pk=7, name='Ærø <Skole> & "co"'),
        Staff(pk=3, name="Bo", job=Job.TEACHER, school=school_a, is_active=False),
        Staff(pk=4, name="Ib", job="gone", organisation=organisation),
        Partner(pk=5, name="Fond"),
        Thing("a<b", when=datetime.date(2026, 11, 26), amount=Decimal("1234.5"), can_edit=True),
        Thing("c", when=None, amount=7, can_edit=False),
    ]
    rows[0].can_edit = True
    rows[1].can_edit = True
    rows[2].can_edit = False
    columns = [
        ("name", "Navn"),
        ("job", "Stilling <x>"),
        ("workplace", "Arbejdssted"),
        ("is_active", "Aktiv"),
        ("school.name", "Skole"),
        ("shout", "Råb"),
        ("when", "Dato"),
        ("amount", "Beløb"),
        ("missing.deeper", "Intet"),
    ]
    context = {"object_list": rows, "columns": columns, "link_column": link_column}
    with translation.override(language):
        expected = Template(TEMPLATE_LOOP).render(Context(context))
        actual = Template(TAG).render(Context(context))
    assert _same(actual) == _same(expected)
    assert 'data-label="Stilling &lt;x&gt;"' in actual
