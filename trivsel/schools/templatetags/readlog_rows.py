"""The rows of the read log (``schools/readlog_list.html``), written in Python: the template
loop's markup, every value escaped as ``{{ }}`` would (``value_html``). As a loop, 50 rows of
five cells cost about as much as the rest of the page."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from trivsel.schools.models import ReadLogEntry
from trivsel.schools.renderers import value_html
from trivsel.schools.templatetags.dense_dates import date

register = template.Library()


@register.simple_tag
def readlog_rows(entries) -> str:
    """The entries are rows with the columns shown and ``school_name`` (``ReadLogListView``)."""
    public_link = value_html(_("(offentligt link)"))
    purposes: dict[str, str] = {}  # purpose → its label, escaped (a handful per page)
    rows = []
    for entry in entries:
        if entry.purpose not in purposes:
            label = ReadLogEntry(purpose=entry.purpose).purpose_label
            purposes[entry.purpose] = value_html(label)
        rows.append(
            f"<tr><td>{date(template_localtime(entry.at), 'd.m.Y H:i')}</td>"
            f"<td>{value_html(entry.username) if entry.username else public_link}</td>"
            f"<td>{value_html(entry.object_label)}</td>"
            f"<td>{purposes[entry.purpose]}</td>"
            f"<td>{value_html(entry.school_name or '')}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - built from escaped parts (dates: digits)
