"""The rows of the school tables (the school list, the network's home page), written in Python.

As a template loop, 60 schools with a link, three counts and an edit button cost more than the
rest of the page; the markup here is the loop's, tag for tag, every value escaped as ``{{ }}``
would (``value_html``). The schools come from ``views.school_overview`` (with the counts).
"""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from trivsel.schools.renderers import value_html

register = template.Library()


@register.simple_tag
def school_rows(schools, *, edit_buttons: bool = False) -> str:
    """``<tr>``: the school's name linking to it, its classes, pupils and staff, and — with
    ``edit_buttons`` — a «Redigér» button (with the school's name for screen readers) on the
    schools the user may edit."""
    edit = value_html(_("Redigér"))
    rows = []
    for school in schools:
        name = value_html(school.name)
        row = (
            f'<tr><td><a href="{value_html(school.get_absolute_url())}">{name}</a></td>'
            f'<td class="text-end">{value_html(school.class_count)}</td>'
            f'<td class="text-end">{value_html(intcomma(school.pupil_count or 0))}</td>'
            f'<td class="text-end">{value_html(school.staff_count)}</td>'
        )
        if edit_buttons:
            button = (
                f'<a class="btn btn-sm btn-outline-primary" href="{value_html(school.get_edit_url())}">'
                f'{edit}<span class="visually-hidden"> {name}</span></a>'
                if school.can_edit
                else ""
            )
            row += f'<td class="text-end">{button}</td>'
        rows.append(f"{row}</tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 - built from escaped parts


@register.simple_tag
def class_badges(classes, school_id: int) -> str:
    """The badges of one school's classes on a leader's or staff member's home: «8.A (22)».
    ``classes`` are ``(school_id, grade, letter, pupil_count)`` rows (``views.own_class_rows``);
    as a template loop over the class models this was a third of the page."""
    return mark_safe(  # noqa: S308 - built from escaped parts
        "".join(
            f'<span role="listitem" class="badge text-bg-light border fs-6">'
            f"{value_html(f'{grade}.{letter}')} "
            f'<span class="text-body-secondary">({value_html(pupils)})</span></span>'
            for school, grade, letter, pupils in classes
            if school == school_id
        )
    )
