"""The trial-action list's rows, rendered in Python.

The list shows 50 rows of nine cells, each with links, badges and translated labels; through the
template engine that was most of the page's cost (a few microseconds per tag, thousands of tags).
Here each row is one string, written once with the same markup the template had and every value
escaped; the template keeps the table's frame, its headings and the group headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trivsel.schools.links import row_url
from trivsel.schools.models import GradeBand
from trivsel.schools.renderers import value_html as esc  # what {{ value }} writes

from .models import Decision, Status, TrialAction


@dataclass(frozen=True)
class ListGroup:
    is_own: bool  # «Egen skole» or «Hele netværket»
    html: SafeString  # its rows


def list_groups(actions) -> list[ListGroup]:
    """One page of ``selectors.for_list`` as display rows, grouped own school /
    network (the list is ordered that way). Two queries: the page's themes and its classes."""
    actions = list(actions)
    ids = [a["pk"] for a in actions]
    themes: dict[int, list[str]] = {pk: [] for pk in ids}
    for action_id, name in (
        TrialAction.themes.through.objects.filter(trialaction_id__in=ids)
        .order_by("theme__name")
        .values_list("trialaction_id", "theme__name")
    ):
        themes[action_id].append(name)
    classes: dict[int, list[str]] = {pk: [] for pk in ids}
    for action_id, grade, letter in (
        TrialAction.classes.through.objects.filter(trialaction_id__in=ids)
        .order_by("schoolclass__grade", "schoolclass__letter")
        .values_list("trialaction_id", "schoolclass__grade", "schoolclass__letter")
    ):
        classes[action_id].append(f"{grade}.{letter}")
    render = _RowRenderer()
    groups: list[tuple[bool, list[str]]] = []
    for action in actions:
        if not groups or groups[-1][0] != action["is_own"]:
            groups.append((action["is_own"], []))
        groups[-1][1].append(render(action, themes[action["pk"]], classes[action["pk"]]))
    # every value in the rows is escaped by _RowRenderer
    return [ListGroup(is_own, mark_safe("".join(rows))) for is_own, rows in groups]  # noqa: S308


class _RowRenderer:
    """What is the same for every row (URLs, labels in the current language), computed once."""

    def __init__(self):
        self.detail_url = row_url("trials:trialaction_detail")
        self.edit_url = row_url("trials:trialaction_update")
        self.statuses = {value: esc(label) for value, label in Status.choices}
        self.decisions = {value: esc(label) for value, label in Decision.choices}
        self.edit = esc(_("Redigér"))
        self.bands = {value: str(label) for value, label in GradeBand.choices}

    def __call__(self, a: dict, themes: list[str], classes: list[str]) -> str:
        pk, bands, title = a["pk"], a["grade_bands"], esc(a["title"])
        target = ", ".join(self.bands[band] for band in bands)  # normalised: in band order
        if classes:
            target += ("; " if bands else "") + ", ".join(classes)
        badges = "".join(
            f'<span class="badge text-bg-light border me-1">{esc(name)}</span>' for name in themes
        )
        effect = f"{a['effect_pupils']} / {a['effect_class']}" if a["effect_pupils"] else "—"
        edit = (
            f'<a class="btn btn-sm btn-outline-primary" href="{self.edit_url(pk)}">{self.edit}'
            f'<span class="visually-hidden"> {title}</span></a>'
            if a["can_edit"]
            else ""
        )
        return (
            "\n    <tr>"
            f'\n      <td><a href="{self.detail_url(pk)}">{title}</a></td>'
            f"\n      <td>{esc(a['school__name'])}</td>"
            f"\n      <td>{badges or '—'}</td>"
            f"\n      <td>{esc(target)}</td>"
            f'\n      <td class="text-nowrap">{a["start"]:%d.%m.%Y}–{a["end"]:%d.%m.%Y}</td>'
            f'\n      <td><span class="badge status-{esc(a["status"])}">'
            f"{self.statuses.get(a['status']) or esc(a['status'])}</span></td>"
            f"\n      <td>{self.decisions.get(a['decision']) or '—'}</td>"
            f'\n      <td class="text-end">{esc(effect)}</td>'
            f'\n      <td class="text-end">{edit}</td>'
            "\n    </tr>\n    "
        )
