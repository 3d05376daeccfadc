"""Every page where people edit a record carries the record's version, and refuses a save from a
form drawn before someone else saved (``trivsel/schools/versioning.py``).

The walk goes through the access matrix: every URL of the portal that shows a form posting back
to itself, or takes POSTs only, is either an edit page in ``EDIT_PAGES`` (tested here, each as a
person who edits there: the form carries the version; after someone else's save the form is
refused with the message, nothing saved; the page as it came back then saves) or is named in
``NOT_EDITS`` with the reason. A new form page without either fails the walk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils.html import escape

from tests.access_matrix import MATRIX
from tests.conftest import login
from tests.html_forms import form_data, post_forms
from tests.test_access_matrix import url_names, world  # noqa: F401 - the matrix's world

CONFLICT = escape("Nogen har gemt ændringer, mens du redigerede")
ACTORS = ("coordinator", "leader_a", "staff_a", "consultant", "conference_admin", "superuser")


def current_version(record) -> int | None:
    model = type(record)
    return model._base_manager.filter(pk=record.pk).values_list("lock_version", flat=True).first()


def _model_record(the_world, kwargs, view_class):
    return view_class.model._base_manager.get(pk=kwargs["pk"])


def _evaluation(the_world, kwargs, view_class):
    from initiatives.griefgroups.models import Evaluation

    return Evaluation.objects.filter(group=kwargs["pk"], period=kwargs["period_pk"]).first()


def _create_evaluation(the_world, kwargs, record):
    """Someone else saves the evaluation first: it did not exist when the form was drawn."""
    from initiatives.griefgroups.models import GriefGroup
    from tests.griefgroups.factories import EvaluationFactory
    from trivsel.schools.models import Period

    EvaluationFactory(
        group=GriefGroup.objects.get(pk=kwargs["pk"]),
        period=Period.objects.get(pk=kwargs["period_pk"]),
    )


def _of(model_path: str):
    module, name = model_path.rsplit(".", 1)

    def record(the_world, kwargs, view_class):
        import importlib

        model = getattr(importlib.import_module(module), name)
        return model._base_manager.get(pk=kwargs["pk"])

    return record


def _draft_application(the_world, kwargs):
    from initiatives.openschool.models import Application, Status

    Application.objects.filter(pk=kwargs["pk"]).update(status=Status.DRAFT)


def _held_talk(the_world, kwargs):
    from initiatives.headspace.models import Talk, TalkStatus

    Talk.objects.filter(pk=kwargs["pk"]).update(status=TalkStatus.HELD)


@dataclass(frozen=True)
class Edit:
    record: Callable = _model_record  # (world, url kwargs, view class) -> the versioned record
    side: str = "a"
    # the page the form is on, when it is not the URL itself (a form on a detail page)
    form_url_name: str | None = None
    prepare: Callable | None = None  # (world, kwargs): make the record editable
    # (world, kwargs, record): another person saves the record; default: record.save()
    someone_else_saves: Callable | None = None
    fill: dict | None = None  # what the person types into a form that starts empty
    refused_status: int = 200


EDIT_PAGES: dict[str, Edit] = {
    # ScopedUpdateView: the version comes with the base view
    "schools:school_update": Edit(),
    "schools:class_update": Edit(),
    "schools:staff_update": Edit(),
    "schools:organisation_update": Edit(),
    "schools:partner_update": Edit(),
    "schools:schoolyear_update": Edit(),
    "schools:period_update": Edit(),
    "consultants:activity_update": Edit(),
    "consultants:tag_update": Edit(),
    "consultants:course_update": Edit(),
    "consultants:pit_update": Edit(),
    "consultants:case_update": Edit(),
    "openschool:application_update": Edit(prepare=_draft_application),
    "openschool:programme_update": Edit(),
    "openschool:offer_update": Edit(),
    "headspace:target_update": Edit(),
    "griefgroups:group_update": Edit(),
    "griefgroups:meeting_update": Edit(),
    "griefgroups:course_update": Edit(),
    "griefgroups:session_update": Edit(),
    "trials:trialaction_update": Edit(),
    "trials:trialaction_evaluate": Edit(
        fill={
            "learned": "Søvndagbogen gav eleverne et sprog for deres vaner.",
            "effect_pupils": "4",
            "effect_pupils_text": "Flere er udhvilede.",
            "effect_class": "3",
            "effect_class_text": "Roligere morgener.",
            "continuation": "Vi fortsætter i 7. og 8. årgang.",
            "decision": "continue",
        }
    ),
    "trials:theme_update": Edit(),
    "trials:themeday_update": Edit(),
    "trials:programmeitem_update": Edit(),
    "trials:rolloutplan_update": Edit(),
    # edit pages of their own making, with the same mechanism
    "schools:user_update": Edit(),
    "statusnote:note_texts": Edit(side="b"),  # side b: the draft (a final note is not edited)
    "griefgroups:evaluation": Edit(record=_evaluation, someone_else_saves=_create_evaluation),
    "griefgroups:session_attendance": Edit(
        record=_of("initiatives.griefgroups.models.CourseSession")
    ),
    "conference:event_update": Edit(record=_of("conference.models.Event")),
    "conference:pupil_consent": Edit(
        record=_of("conference.models.Registration"),
        fill={"guardian_name": "Forælder", "consent_date": "2024-01-10"},
    ),
    "headspace:talk_feedback": Edit(
        record=_of("initiatives.headspace.models.Talk"),
        form_url_name="headspace:talk_detail",
        prepare=_held_talk,
        fill={"feedback_score": "4"},
        refused_status=400,
    ),
}

NOT_EDITS: dict[str, str] = {
    # creating a record (a child of the object in the URL): no earlier version to lose
    "schools:class_create": "creates a class",
    "griefgroups:meeting_create": "creates a meeting",
    "griefgroups:session_create": "creates a course session",
    "griefgroups:nomination_create": "creates a nomination",
    "trials:attachment_upload": "adds a file",
    "trials:programmeitem_create": "creates a programme item",
    "trials:rolloutplan_create": "creates a roll-out plan",
    "consultants:followup_create": "creates a follow-up",
    "openschool:report_create": "creates the one report (a second is refused)",
    "conference:consent_texts": "adds a new wording as a new version; old ones never change",
    "conference:course_detail": "nominates (creates a registration) under the capacity lock",
    "conference:pupil_list": "signs pupils up (creates registrations) under the capacity lock",
    "conference:signup": "the public sign-up creates a registration",
    "conference:group_message": "sends an e-mail; stores a new message",
    "schools:user_invite": "creates a login",
    "griefgroups:hourly_rate": "adds a rate valid from a date; earlier rates never change",
    # the tablets' JSON API checks versions itself: an update carries the version it was made
    # from and gets 409 with the server's when it is older (tests/consultants/test_sync.py)
    "consultants:sync": "versioned per entry, answered in JSON",
    # deleting: the confirmation names the record; there is nothing to merge
    "schools:class_delete": "deletes",
    "consultants:activity_delete": "deletes",
    "trials:attachment_delete": "deletes",
    "trials:programmeitem_delete": "deletes",
    # actions: one step of a state machine, refused by the service when the state has moved on
    "schools:user_deactivate": "deactivates; refused when already inactive",
    "schools:user_reinvite": "sends a new invitation",
    "schools:user_activate": "activates",
    "schools:schoolyear_make_current": "switches the current year",
    "consultants:followup_done": "marks done or open: the choice is the whole change",
    "consultants:case_approve": "approves or withdraws: the choice is the whole change",
    "openschool:application_decide": "a decision only on a submitted application (state-checked)",
    "headspace:talk_status": "held or cancelled only from booked (state-checked)",
    "griefgroups:nomination_decide": "a decision under the course lock (state-checked)",
    "griefgroups:nomination_withdraw": "withdraws",
    "griefgroups:nomination_complete": "records completion: the choice is the whole change",
    "statusnote:note_redraft": "replaces the texts by a new proposal, on request",
    "statusnote:note_take_proposal": "replaces one text by the data's proposal, on request",
    "statusnote:note_keep_text": "keeps a text: only its baseline moves, under the note's row",
    "statusnote:note_send_for_approval": "sends the draft to an approver (state-checked)",
    "statusnote:note_approve": "approves a pending draft (state-checked, under the note's row)",
    "statusnote:note_return": "returns a pending draft with a comment (state-checked)",
    "statusnote:note_finalise": "freezes the note (state-checked)",
    "statusnote:note_new_version": "copies a final note into a new draft",
    "statusnote:document_create": "orders a document",
    "conference:registration_cancel": "cancels (state-checked, under the capacity lock)",
    "conference:checkin": "checks in: the tick is the whole change",
    "conference:checkin_booking": "checks in: the tick is the whole change",
    "conference:checkin_undo": "undoes a check-in",
    "conference:registration_checkin": "checks in: the tick is the whole change",
    "conference:nomination_withdraw": "takes a nominee off a course",
    "conference:manage": (
        "the registrant's own choice of days, re-checked under the capacity lock; one person "
        "holds the link"
    ),
    "conference:manage_cancel": "cancels (state-checked)",
    # security
    "security:subject_export": "a download",
    "security:subject_erase": "erases a person's data on a ticked confirmation",
}
# pages that post to themselves without editing anything stored
NOT_RECORDS = {
    "login",
    "logout",
    "csp_report",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "set_language",
    "security:otp_verify",
    "security:otp_enrol",
    "security:subject_search",
    "security:subject_email_export",
    "security:subject_email_erase",
    "schools:class_import",
    "schools:new_school_year",
}


def _actor_and_side(row, preferred_side="a"):
    for side in (preferred_side, "b"):
        codes = row.codes(side)
        for actor in ACTORS:
            if codes[actor] == 200:
                return actor, side
    return None, None


def _is_form_page(name: str, the_world, clients) -> bool:
    """A URL some role may only POST to, or whose page has a form posting back to itself."""
    row = MATRIX[name]
    if any(code == 405 for code in row.codes("a").values()):
        return True
    actor, side = _actor_and_side(row)
    if actor is None:
        return False
    url = reverse(name, kwargs=row.args(the_world, side) if row.args else None)
    response = clients.setdefault(actor, login(Client(), the_world.actors[actor])).get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return False
    return any((form.get("action") or "") in ("", url) for form in post_forms(response))


def test_every_form_page_of_the_portal_is_an_edit_page_or_says_why_not(world):  # noqa: F811
    clients: dict[str, Client] = {}
    unexplained = [
        name
        for name in sorted(url_names())
        if name not in EDIT_PAGES
        and name not in NOT_EDITS
        and name not in NOT_RECORDS
        and not name.endswith("_create")  # a new record has no earlier version to lose
        and _is_form_page(name, world, clients)
    ]
    assert not unexplained, (
        f"form pages neither in EDIT_PAGES (the version check) nor in NOT_EDITS: {unexplained}"
    )
    stale = sorted((set(EDIT_PAGES) | set(NOT_EDITS)) - set(url_names()))
    assert not stale, stale


@pytest.mark.parametrize("name", sorted(EDIT_PAGES))
def test_an_edit_page_refuses_a_form_drawn_before_someone_elses_save(world, name):  # noqa: F811
    edit = EDIT_PAGES[name]
    row = MATRIX[name]
    kwargs = row.args(world, edit.side)
    if edit.prepare:
        edit.prepare(world, kwargs)
    url = reverse(name, kwargs=kwargs)
    view_class = resolve(url).func.view_class if hasattr(resolve(url).func, "view_class") else None
    form_url = reverse(edit.form_url_name, kwargs=kwargs) if edit.form_url_name else url
    actor = next(a for a in ACTORS if row.codes(edit.side)[a] in (200, 405) and world.actors.get(a))
    client = login(Client(), world.actors[actor])
    page = client.get(form_url)
    assert page.status_code == 200, f"{name}: {page.status_code}"
    data = form_data(page, action=url if edit.form_url_name else None)
    data.update({key: [value] for key, value in (edit.fill or {}).items()})

    record = edit.record(world, kwargs, view_class)
    drawn = getattr(record, "lock_version", 1) if record is not None else 0
    assert data.get("lock_version") == [str(drawn)], f"{name}: the form carries no version"

    if edit.someone_else_saves:
        edit.someone_else_saves(world, kwargs, record)
    else:
        record.save()
    record = edit.record(world, kwargs, view_class)
    moved = current_version(record)
    assert moved > drawn

    refused = client.post(url, data)
    assert refused.status_code == edit.refused_status, f"{name}: {refused.status_code}"
    assert CONFLICT in refused.content.decode(), f"{name}: no conflict message"
    assert current_version(record) == moved, f"{name}: something was saved"

    again = client.post(url, form_data(refused, action=url if edit.form_url_name else None))
    assert again.status_code == 302, f"{name}: the page as it came back did not save"
    assert current_version(record) > moved
