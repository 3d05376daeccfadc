"""The application list's rows, written by ``listrows.application_rows``, are the rows its
template loop wrote."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives.openschool.listrows import application_rows
from initiatives.openschool.models import Status
from trivsel.schools.links import row_url

# the loop openschool/application_list.html had before listrows
LOOP = """{% load i18n %}{% for app in rows %}
    <tr>
      <td><a href="{{ app.url }}">{{ app.title }}</a></td>
      <td>{{ app.school__name }}</td>
      <td>{% if app.offer_id %}{{ app.offer__partner__name }}{% else %}<span class="text-body-secondary">{% translate "Egen aktivitet" %}</span>{% endif %}</td>
      <td class="text-end">{{ app.amount|floatformat:"0g" }}</td>
      <td class="text-end">{{ app.approved_amount|floatformat:"0g"|default:"–" }}</td>
      <td><span class="badge text-bg-secondary">{{ app.status_label }}</span></td>
      <td>{% if app.report__pk %}{{ app.report__held_to|date:"d.m.Y" }}{% else %}–{% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501
NEW = "{% for row in rows %}\n    {{ row }}\n  {% endfor %}"


def _row(pk, **values):
    row = {
        "pk": pk,
        "own_title": "",
        "offer__title": None,
        "school__name": "Skolen",
        "offer_id": None,
        "offer__partner__name": None,
        "amount": Decimal("1000.00"),
        "approved_amount": None,
        "status": Status.SUBMITTED,
        "report__pk": None,
        "report__held_to": None,
    }
    return {**row, **values}


@pytest.mark.parametrize("language", ["da", "en"])
def test_application_rows_write_what_the_template_loop_wrote(db, language):
    rows = [
        _row(1, own_title='Tur <til> "skoven" & mere', school__name="Ærø & Co"),
        _row(
            2,
            offer__title="Tilbud <b>",
            offer_id=5,
            offer__partner__name="Partner & <Søn>",
            amount=Decimal("12345.50"),
            approved_amount=Decimal("12000.49"),
            status=Status.APPROVED,
            report__pk=3,
            report__held_to=datetime.date(2026, 3, 9),
        ),
        _row(3, own_title="Egen", offer__title="ikke vist", offer_id=None, status="ukendt"),
        _row(4, amount=Decimal("1000"), approved_amount=Decimal("1000.00"), report__pk=9),
    ]
    detail = row_url("openschool:application_detail")
    with translation.override(language):
        labels = {status: str(label) for status, label in Status.choices}
        # what the view gave the loop
        old = [
            {
                **a,
                "url": detail(a["pk"]),
                "title": a["own_title"] or (a["offer__title"] if a["offer_id"] else ""),
                "status_label": labels.get(a["status"], a["status"]),
            }
            for a in rows
        ]
        expected = Template(LOOP).render(Context({"rows": old}))
        written = Template(NEW).render(Context({"rows": application_rows(rows)}))
    assert written == expected
    assert "12.346" in written or "12,346" in written
