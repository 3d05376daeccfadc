"""Rows of the shared model's lists written from plain values (issue 11).

``object_rows`` (``portal/object_list.html``) writes any list from model instances; for the
staff list (300 rows at 10×, 50 to a page) building a Staff, a School and an Organisation per row
and following dotted paths through them cost more than the rest of the page. Here a page reads
the few columns it shows (``values()``) and writes the same markup, every value escaped as
``{{ }}`` would (``esc`` is what Django's ``escape`` calls on a plain str).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as esc

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .links import row_url
from .models import Job

STAFF_FIELDS = ("pk", "name", "job", "school__name", "organisation__name", "email", "is_active")

EDIT = (
    '<a class="btn btn-sm btn-outline-primary" href="{url}">{text}'
    '<span class="visually-hidden"> {name}</span></a>'
)


def staff_rows(rows: Iterable[dict], columns) -> SafeString:
    """The ``<tr>``s ``object_rows`` writes for ``StaffListView`` (its ``columns``: name, job,
    workplace, e-mail, active; no detail link) from ``STAFF_FIELDS`` and ``can_edit``."""
    name_l, job_l, place_l, email_l, active_l = (esc(str(heading)) for _path, heading in columns)
    edit_url, edit_text = row_url("schools:staff_update"), esc(gettext("Redigér"))
    jobs = {value: esc(str(label)) for value, label in Job.choices}
    out = []
    for s in rows:
        name = esc(s["name"])
        place = s["school__name"] or s["organisation__name"]  # Staff.workplace
        button = (
            EDIT.format(url=edit_url(s["pk"]), text=edit_text, name=name) if s["can_edit"] else ""
        )
        out.append(
            f'<tr><td data-label="{name_l}">{name}</td>'
            f'<td data-label="{job_l}">{jobs.get(s["job"]) or esc(s["job"])}</td>'
            f'<td data-label="{place_l}">{esc(place) if place else ""}</td>'
            f'<td data-label="{email_l}">{esc(s["email"])}</td>'
            f'<td data-label="{active_l}">{"Ja" if s["is_active"] else "Nej"}</td>'
            f'<td class="text-end">{button}</td></tr>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 - built from escaped parts above
