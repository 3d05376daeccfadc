"""The rows of the consultants' busiest lists, written in Python (issue 11).

A Django template spends a few microseconds on every tag; rows of a dozen tags each, 50 to a page,
cost more than the rest of the page. These functions fill the markup the list templates wrote
before with plain values, every value escaped (``esc`` is what Django's ``escape`` calls), the
translated labels fetched once per page and each row's URLs made from one ``reverse()`` per page
(``trivsel.schools.links.row_url``).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as esc

from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trivsel.schools.links import row_url

from .models import ActivityKind, ActivityStatus


def person(row: dict, via: str = "") -> str:
    """``str(consultant)`` from a row with ``selectors.CONSULTANT_NAME`` (behind ``via``, e.g.
    ``"activity__"``): the full name, else the username."""
    full = f"{row[f'{via}consultant__first_name']} {row[f'{via}consultant__last_name']}".strip()
    return full or row[f"{via}consultant__username"]


def school_class(row: dict, via: str = "") -> str:
    """``school_class.label|default:"—"``, escaped."""
    grade = row[f"{via}school_class__grade"]
    return "—" if grade is None else esc(f"{grade}.{row[f'{via}school_class__letter']}")


ACTIVITY_ROW = """<tr>
      <td data-label="{l_date}"><a href="{url}">{date}</a>{planned}</td>
      <td data-label="{l_kind}">{kind}</td>
      <td data-label="{l_school}">{school}</td>
      <td data-label="{l_class}">{school_class}</td>
      <td data-label="{l_tags}">{tags}</td>
      <td class="d-none d-lg-table-cell" data-label="{l_consultant}">{consultant}</td>
      <td class="text-end">{edit}</td>
    </tr>"""
TAG = '<span class="badge text-bg-light border me-1">{}</span>'
PLANNED = ' <span class="badge text-bg-warning">{}</span>'
EDIT = (
    '<a class="btn btn-sm btn-outline-primary" href="{url}">{text}'
    '<span class="visually-hidden"> {label}</span></a>'
)


def activity_rows(activities: Iterable[dict]) -> list[SafeString]:
    """One ``<tr>`` per activity of the activity list (``selectors.list_rows``)."""
    detail, edit = row_url("consultants:activity_detail"), row_url("consultants:activity_update")
    kinds = {value: esc(str(label)) for value, label in ActivityKind.choices}
    labels = {
        "l_date": esc(_("Dato")),
        "l_kind": esc(_("Type")),
        "l_school": esc(_("Skole")),
        "l_class": esc(_("Klasse")),
        "l_tags": esc(_("Udfordringer")),
        "l_consultant": esc(_("Konsulent")),
    }
    planned, edit_text = PLANNED.format(esc(_("Planlagt"))), esc(_("Redigér"))
    rows = []
    for a in activities:
        kind, school = kinds.get(a["kind"]) or esc(a["kind"]), esc(a["school__name"])
        date = f"{a['date']:%d.%m.%Y}"
        row = ACTIVITY_ROW.format(
            **labels,
            url=detail(a["pk"]),
            date=date,
            planned=planned if a["status"] == ActivityStatus.PLANNED else "",
            kind=kind,
            school=school,
            school_class=school_class(a),
            tags="".join(TAG.format(esc(name)) for name in a["tags"]),
            consultant=esc(person(a)),
            # the hidden text is str(activity), as on the activity's own page
            edit=EDIT.format(url=edit(a["pk"]), text=edit_text, label=f"{kind} · {school} · {date}")
            if a["can_edit"]
            else "",
        )
        rows.append(mark_safe(row))  # every value above is escaped
    return rows


COURSE_ROW = (
    '<tr><td><a href="{url}">{topic}</a></td><td>{school}</td><td>{school_class}</td>'
    '<td>{start}</td><td class="text-end">{held} / {planned}</td><td>{consultant}</td></tr>'
)


def course_rows(courses: Iterable[dict]) -> list[SafeString]:
    """One ``<tr>`` per wellbeing course (``selectors.course_list_rows``)."""
    detail = row_url("consultants:course_detail")
    return [
        mark_safe(  # every value is escaped
            COURSE_ROW.format(
                url=detail(c["pk"]),
                topic=esc(c["topic"]),
                school=esc(c["school__name"]),
                school_class=school_class(c),
                start=f"{c['start_date']:%d.%m.%Y}",
                held=localize(c["held_sessions"]),
                planned=localize(c["planned_sessions"]),
                consultant=esc(person(c)),
            )
        )
        for c in courses
    ]


PIT_ROW = """<tr>
      <td data-label="{l_date}">{date}</td>
      <td data-label="{l_school}">{school}</td>
      <td data-label="{l_consultant}">{consultant}</td>
      <td data-label="{l_cases}">{cases}</td>
      <td data-label="{l_themes}">{themes}</td>
      <td class="text-end">{edit}</td>
    </tr>"""


def pit_rows(meetings: Iterable[dict], columns) -> list[SafeString]:
    """One ``<tr>`` per PIT meeting (``selectors.pit_list_rows``), the cells labelled with the
    view's column headings (date, school, consultant, cases, themes)."""
    edit = row_url("consultants:pit_update")
    labels = dict(
        zip(
            ("l_date", "l_school", "l_consultant", "l_cases", "l_themes"),
            (esc(str(heading)) for _path, heading in columns),
            strict=True,
        )
    )
    edit_text = esc(_("Redigér"))
    dates: dict = {}  # the page's few dates, each formatted once
    rows = []
    for m in meetings:
        day = m["date"]
        if day not in dates:
            dates[day] = esc(date_format(day))
        school = esc(m["school__name"])
        row = PIT_ROW.format(
            **labels,
            date=dates[day],
            school=school,
            consultant=esc(person(m)),
            cases=localize(m["cases_discussed"]),
            themes=esc(m["themes"]),
            # the hidden text is str(meeting)
            edit=EDIT.format(
                url=edit(m["pk"]), text=edit_text, label=f"PIT · {school} · {day:%d.%m.%Y}"
            )
            if m["can_edit"]
            else "",
        )
        rows.append(mark_safe(row))  # every value above is escaped
    return rows


FOLLOW_UP_ROW = """<tr>
    <td class="text-danger fw-semibold">{due}</td>
    <td><a href="{url}">{what}</a></td><td>{who}</td>
    <td>{school}</td>
    <td>{consultant}</td>
    <td class="text-end">{done}</td>
  </tr>"""
DONE = (
    '<form method="post" action="{url}"><input type="hidden" name="csrfmiddlewaretoken" '
    'value="{csrf}"><input type="hidden" name="done" value="1"><input type="hidden" name="next" '
    'value="{next}"><button class="btn btn-sm btn-success" type="submit">{text}'
    '<span class="visually-hidden"> {what}</span></button></form>'
)


def follow_up_rows(follow_ups: Iterable[dict], *, csrf_token: str, path: str) -> list[SafeString]:
    """One ``<tr>`` per overdue follow-up (``selectors.overdue_rows``); ``path``: the page's, where
    «Udført» comes back to."""
    activity, done = row_url("consultants:activity_detail"), row_url("consultants:followup_done")
    csrf, back, text = esc(csrf_token), esc(path), esc(_("Udført"))
    rows = []
    for f in follow_ups:
        what, klass = esc(f["what"]), school_class(f, "activity__")
        row = FOLLOW_UP_ROW.format(
            due=f"{f['due']:%d.%m.%Y}",
            url=activity(f["activity_id"]),
            what=what,
            who=esc(f["who"]) or "—",
            school=esc(f["activity__school__name"]) + ("" if klass == "—" else f" · {klass}"),
            consultant=esc(person(f, "activity__")),
            done=DONE.format(url=done(f["pk"]), csrf=csrf, next=back, text=text, what=what)
            if f["can_edit"]
            else "",
        )
        rows.append(mark_safe(row))  # every value above is escaped
    return rows
