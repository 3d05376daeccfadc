"""The rows of the conference admin's registration list, written in Python (issue 11).

A Django template spends a few microseconds on every tag; the list's rows (a cancel form with
a translated confirmation, the days with their statuses) cost several times the rest of the page.
This fills the markup the template wrote before with plain values, every value escaped (``esc`` is
what Django's ``escape`` calls), the translated texts fetched once per page and the cancel URL made
from one ``reverse()`` (``trivsel.schools.links.row_url``).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as esc

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trivsel.schools.links import row_url

from .models import (
    BookingStatus,
    ParticipantKind,
    RegistrationStatus,
    registration_status_label,
)
from .selectors import ListRow

ROW = """<tr>
    <td>{name}{email}</td>
    <td>{kind}</td>
    <td>{workplace}</td>
    <td class="small">{days}</td>
    <td>{status}</td>
    <td class="text-end">{cancel}</td>
  </tr>"""
EMAIL = '<br><span class="small text-body-secondary">{}</span>'
CANCEL = """
      <form method="post" action="{url}"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
        <button type="submit" class="btn btn-sm btn-outline-danger" data-confirm="{confirm}">{text}<span class="visually-hidden"> {name}</span></button>
      </form>"""  # noqa: E501 - the markup as the template had it


def registration_rows(
    registrations: Iterable[ListRow],
    days: Iterable,
    *,
    csrf_token: str,
) -> list[SafeString]:
    """One ``<tr>`` per registration (``selectors.list_rows`` with their active bookings;
    ``days``: the event's days)."""
    # |date:"j.n"; a day added since the (cached) day table was read: «?» for one request
    dates = {day.pk: f"{day.date.day}.{day.date.month}" for day in days}
    kinds = {value: esc(str(label)) for value, label in ParticipantKind.choices}
    statuses = {value: esc(str(label)) for value, label in BookingStatus.choices}
    cancel_url = row_url("conference:registration_cancel")
    cancel_text, csrf = esc(_("Afmeld")), esc(csrf_token)
    confirm = _("Afmeld %(name)s fra alle dage? Pladserne går videre til ventelisten.")
    labels: dict[tuple, str] = {}  # (status, the bookings' statuses): the label, escaped
    rows = []
    for r in registrations:
        name = esc(r.name)
        workplace = esc(r.workplace)
        if r.school_class_id is not None:
            workplace += f" {esc(r.class_label)}"
        booked = "".join(
            f"{dates.get(b.day_id, '?')}: {statuses.get(b.status) or esc(b.status)}"
            f"{' ✓' if b.checked_in else ''}<br>"
            for b in r.bookings
        )
        cancel = ""
        if r.can_edit and r.status != RegistrationStatus.CANCELLED:
            cancel = CANCEL.format(
                url=cancel_url(r.pk),
                csrf=csrf,
                confirm=confirm % {"name": name},  # as {% blocktranslate %}: the name escaped
                text=cancel_text,
                name=name,
            )
        key = (r.status, frozenset(b.status for b in r.bookings))
        if (status := labels.get(key)) is None:
            status = labels[key] = esc(registration_status_label(r.status, r.bookings))
        row = ROW.format(
            name=name,
            email=EMAIL.format(esc(r.email)) if r.email else "",
            kind=kinds.get(r.kind) or esc(r.kind),
            workplace=workplace,
            days=booked,
            status=status,
            cancel=cancel,
        )
        rows.append(mark_safe(row))  # every value above is escaped
    return rows
