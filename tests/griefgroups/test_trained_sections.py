"""The trained leaders page's sections, written by ``listrows.trained_sections``, are what its
template loops wrote."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives.griefgroups.listrows import trained_sections

# the loops griefgroups/trained_list.html had before listrows
LOOPS = """{% load i18n %}{% translate "Navn" as h_name %}{% translate "Stilling" as h_job %}{% translate "Kursus" as h_course %}{% translate "Gennemført" as h_done %}{% translate "Leder grupper" as h_groups %}
{% for school in schools %}
<section class="mb-3" aria-labelledby="skole-{{ school.pk }}">
  <h2 class="h5" id="skole-{{ school.pk }}">{{ school.name }} <span class="badge text-bg-secondary">{{ school.leaders|length }}</span></h2>
  <div class="table-responsive"><table class="table table-sm">
    <thead><tr><th scope="col">{{ h_name }}</th><th scope="col">{{ h_job }}</th><th scope="col">{{ h_course }}</th><th scope="col">{{ h_done }}</th><th scope="col" class="text-end">{{ h_groups }}</th></tr></thead>
    <tbody>{% for n in school.leaders %}<tr><td>{{ n.name }}</td><td>{{ n.job }}</td><td>{{ n.course }}</td><td>{{ n.completed_on }}</td><td class="text-end">{{ n.groups_led }}</td></tr>{% endfor %}</tbody>
  </table></div>
</section>
{% endfor %}"""  # noqa: E501


def _leader(name, **values):
    leader = {
        "name": name,
        "job": "Lærer",
        "course": "Sorggruppelederkursus",
        "completed_on": "09.03.2026",
        "groups_led": "0",
    }
    return {**leader, **values}


@pytest.mark.parametrize("language", ["da", "en"])
def test_trained_sections_write_what_the_template_loops_wrote(language):
    schools = [
        {
            "pk": 3,
            "name": 'Ærø <Skole> & "co"',
            "leaders": [_leader("Bo <b>"), _leader("Ib & Åse", job="Pædagog", groups_led="2")],
        },
        {"pk": None, "name": None, "leaders": [_leader("Uden skole", course="Kursus <2>")]},
    ]
    with translation.override(language):
        expected = Template(LOOPS).render(Context({"schools": schools}))
        written = Template("\n{{ sections }}").render(
            Context({"sections": trained_sections(schools)})
        )
    assert written == expected
