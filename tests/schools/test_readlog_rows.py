"""The read log's rows, written by the ``readlog_rows`` tag, are the rows its template loop
wrote (whitespace between tags aside)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import F
from django.template import Context, Template
from django.utils import translation

from tests.factories import PartnerFactory, SchoolFactory
from trivsel.schools import readlog
from trivsel.schools.models import ReadLogEntry

# the loop schools/readlog_list.html had before the tag
TEMPLATE_LOOP = """{% load i18n %}
  {% for entry in object_list %}
  <tr>
    <td>{{ entry.at|date:"d.m.Y H:i" }}</td>
    <td>{{ entry.username|default:_("(offentligt link)") }}</td>
    <td>{{ entry.object_label }}</td>
    <td>{{ entry.purpose_label }}</td>
    <td>{{ entry.school.name|default:"" }}</td>
  </tr>
  {% endfor %}"""


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["da", "en"])
def test_readlog_rows_write_what_the_template_loop_wrote(db, class_a, consultant, language):
    school = SchoolFactory(name="Ærø <Skole> & co")
    readlog.log_read(consultant, class_a, "view")
    readlog.log_read(AnonymousUser(), school, "export")
    readlog.log_read(consultant, PartnerFactory(), "edit")  # no school
    ReadLogEntry.objects.filter(purpose="edit").update(
        purpose="gone", at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    )
    with_school = list(ReadLogEntry.objects.select_related("school"))
    with_name = list(
        ReadLogEntry.objects.annotate(school_name=F("school__name")).values_list(
            "pk", "at", "username", "object_label", "purpose", "school_name", named=True
        )
    )
    assert len(with_name) == 3
    with translation.override(language):
        expected = Template(TEMPLATE_LOOP).render(Context({"object_list": with_school}))
        actual = Template("{% load readlog_rows %}{% readlog_rows object_list %}").render(
            Context({"object_list": with_name})
        )
    assert _same(actual) == _same(expected)
