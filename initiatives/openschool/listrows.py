"""The rows of the Åben Skole application list, written in Python (issue 11).

As a template loop each of the 50 rows was some fifteen tags and filters (two ``floatformat``s,
a ``date``); here the same markup is filled with the row's values, every value escaped as
``{{ }}`` would (``value_html``), each amount formatted once per page by the same filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import date, floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trivsel.schools.links import row_url
from trivsel.schools.renderers import value_html

from .models import Status

ROW = """<tr>
      <td><a href="{url}">{title}</a></td>
      <td>{school}</td>
      <td>{partner}</td>
      <td class="text-end">{amount}</td>
      <td class="text-end">{approved}</td>
      <td><span class="badge text-bg-secondary">{status}</span></td>
      <td>{report}</td>
    </tr>"""


def application_rows(applications: Iterable[dict]) -> list[SafeString]:
    """One ``<tr>`` per application (``selectors.application_rows_for``)."""
    detail = row_url("openschool:application_detail")
    statuses = {value: value_html(str(label)) for value, label in Status.choices}
    own = f'<span class="text-body-secondary">{value_html(_("Egen aktivitet"))}</span>'
    amounts: dict = {}

    def money(value) -> str:  # {{ value|floatformat:"0g" }}, once per distinct amount
        if value not in amounts:
            amounts[value] = value_html(floatformat(value, "0g"))
        return amounts[value]

    rows = []
    for a in applications:
        title = a["own_title"] or (a["offer__title"] if a["offer_id"] else "")
        status = statuses.get(a["status"]) or value_html(a["status"])
        report = value_html(date(a["report__held_to"], "d.m.Y")) if a["report__pk"] else "–"
        row = ROW.format(
            url=value_html(detail(a["pk"])),
            title=value_html(title),
            school=value_html(a["school__name"]),
            partner=value_html(a["offer__partner__name"]) if a["offer_id"] else own,
            amount=money(a["amount"]),
            approved=money(a["approved_amount"]) or "–",
            status=status,
            report=report,
        )
        rows.append(mark_safe(row))  # noqa: S308 - every value above is escaped
    return rows
