"""The trained grief-group leaders page's tables, written in Python (issue 11).

At 10× the page is 60 schools' sections with ~120 rows: as template loops some 1,500 nodes,
most of the page's cost. The markup is the loops', character for character; every value is
escaped as ``{{ }}`` would (``value_html``; ``esc`` is what it calls on a plain str).
"""

from __future__ import annotations

from html import escape as esc

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trivsel.schools.renderers import value_html

SECTION = """
<section class="mb-3" aria-labelledby="skole-{pk}">
  <h2 class="h5" id="skole-{pk}">{name} <span class="badge text-bg-secondary">{count}</span></h2>
  <div class="table-responsive"><table class="table table-sm">
    <thead>{head}</thead>
    <tbody>{rows}</tbody>
  </table></div>
</section>
"""
ROW = (
    "<tr><td>{name}</td><td>{job}</td><td>{course}</td><td>{completed_on}</td>"
    '<td class="text-end">{groups_led}</td></tr>'
)


def trained_sections(schools: list[dict]) -> SafeString:
    """One ``<section>`` per school of ``selectors.trained_leaders_by_school``."""
    head = (
        f'<tr><th scope="col">{esc(_("Navn"))}</th><th scope="col">{esc(_("Stilling"))}</th>'
        f'<th scope="col">{esc(_("Kursus"))}</th><th scope="col">{esc(_("Gennemført"))}</th>'
        f'<th scope="col" class="text-end">{esc(_("Leder grupper"))}</th></tr>'
    )
    sections = []
    for school in schools:
        leaders = school["leaders"]
        rows = "".join(
            ROW.format(
                name=esc(n["name"]),
                job=esc(n["job"]),
                course=esc(n["course"]),
                completed_on=esc(n["completed_on"]),
                groups_led=esc(n["groups_led"]),
            )
            for n in leaders
        )
        pk = value_html(school["pk"])
        sections.append(
            SECTION.format(
                pk=pk, name=value_html(school["name"]), count=len(leaders), head=head, rows=rows
            )
        )
    return mark_safe("".join(sections))  # noqa: S308 - every value above is escaped
