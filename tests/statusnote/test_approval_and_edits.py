"""The approval before «Gør endelig»: the coordinator sends the draft to a named approver, who
approves it or returns it with a comment; a changed draft must be approved again. And the
coordinator's edited texts stay the master: a new proposal from the data never overwrites an
edited paragraph — the page shows where the data changed under it."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from initiatives.headspace.models import Talk, TargetGrade
from trivsel.statusnote import compose, services
from trivsel.statusnote.models import ApprovalStatus, NoteStatus

from .factories import StatusNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db):
    return StatusNoteFactory(narratives={"headspace": "Udkastets tekst."})


def test_the_coordinator_sends_the_draft_and_the_named_approver_approves(
    client_for, coordinator, approver, draft
):
    client = client_for(coordinator)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Send til godkendelse" in page and "Birgit Sand" in page and "Gør endelig" not in page
    response = client.post(
        reverse("statusnote:note_send_for_approval", args=[draft.pk]), {"approver": approver.pk}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.approval_status, draft.approver) == (ApprovalStatus.SENT, approver)
    assert draft.sent_for_approval_at is not None

    their_page = client_for(approver).get(draft.get_absolute_url()).content.decode()
    assert "Din godkendelse" in their_page
    response = client_for(approver).post(
        reverse("statusnote:note_approve", args=[draft.pk]), {"comment": "Fint."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.approval_status == ApprovalStatus.APPROVED and draft.approval_comment == "Fint."
    assert "Gør endelig" in client.get(draft.get_absolute_url()).content.decode()


def test_only_the_named_approver_approves_not_the_coordinator_who_sent_it(
    client_for, coordinator, approver, draft
):
    services.note_send_for_approval(note=draft, approver=approver, user=coordinator)
    # the sender is a coordinator too, but not the named approver: the access module refuses
    response = client_for(coordinator).post(reverse("statusnote:note_approve", args=[draft.pk]))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.approval_status == ApprovalStatus.SENT
    with pytest.raises(ValidationError, match="anden end dig selv"):
        services.note_send_for_approval(note=draft, approver=coordinator, user=coordinator)


def test_the_approver_returns_the_draft_with_a_comment_which_is_required(
    client_for, coordinator, approver, draft
):
    services.note_send_for_approval(note=draft, approver=approver, user=coordinator)
    client = client_for(approver)
    url = reverse("statusnote:note_return", args=[draft.pk])
    refused = client.post(url, {"comment": "  "})
    assert refused.status_code == 302
    assert "Skriv, hvad der skal rettes." in client.get(draft.get_absolute_url()).content.decode()
    draft.refresh_from_db()
    assert draft.approval_status == ApprovalStatus.SENT

    client.post(url, {"comment": "Afsnittet om Headspace mangler tallene."})
    draft.refresh_from_db()
    assert draft.approval_status == ApprovalStatus.RETURNED
    page = client_for(coordinator).get(draft.get_absolute_url()).content.decode()
    assert "Afsnittet om Headspace mangler tallene." in page
    with pytest.raises(ValidationError, match="skal godkendes"):
        services.note_finalise(note=draft, user=coordinator)


def test_a_draft_changed_after_its_approval_must_be_approved_again(coordinator, approver, draft):
    services.note_send_for_approval(note=draft, approver=approver, user=coordinator)
    services.note_approve(note=draft, user=approver)
    services.note_update_texts(note=draft, introduction="Ny indledning.", narratives={}, closing="")
    draft.refresh_from_db()
    assert draft.approval_status == ApprovalStatus.NOT_SENT
    with pytest.raises(ValidationError, match="skal godkendes"):
        services.note_finalise(note=draft, user=coordinator)
    assert draft.status == NoteStatus.DRAFT


def test_a_redraft_keeps_an_edited_paragraph_and_shows_where_the_data_changed_under_it(
    spring_2023, client_for, coordinator
):
    note = services.note_create_draft(period=spring_2023, created_by=coordinator)
    drafted_griefgroups = note.narratives["griefgroups"]
    note = services.note_update_texts(
        note=note,
        introduction=note.introduction,
        narratives={"headspace": "Vores egen tekst om Headspace."},
        closing="",
    )
    # the data under both parts change: the grade was chosen and every Headspace talk booked
    # before 14 April
    Talk.objects.update(
        created_at=Talk.objects.order_by("pk").first().created_at.replace(year=2023, month=3, day=1)
    )
    TargetGrade.history.filter(grade=8).update(
        history_date=timezone.make_aware(datetime(2023, 4, 1, 10))
    )
    note = services.note_redraft(note=note)
    assert note.narratives["headspace"] == "Vores egen tekst om Headspace."  # kept
    assert note.narratives["griefgroups"] == drafted_griefgroups  # unedited: the new proposal
    (changed,) = compose.changed_under_edits(note)
    assert changed.id == "headspace" and changed.heading == "Headspace"
    assert "har allerede bestilt et oplæg" in changed.proposal
    assert ("new", "Syv af de otte klasser har allerede bestilt et oplæg.") in changed.changes

    client = client_for(coordinator)
    page = client.get(note.get_absolute_url()).content.decode()
    assert "Tallene har ændret sig under afsnit, du har rettet" in page
    assert "<ins>Syv af de otte klasser har allerede bestilt et oplæg.</ins>" in page
    # keeping the text: the page stops pointing at it
    client.post(reverse("statusnote:note_keep_text", args=[note.pk, "headspace"]))
    note.refresh_from_db()
    assert note.narratives["headspace"] == "Vores egen tekst om Headspace."
    assert compose.changed_under_edits(note) == []


def test_the_coordinator_can_take_the_new_proposal_for_an_edited_part(
    spring_2023, client_for, coordinator
):
    note = services.note_create_draft(period=spring_2023, created_by=coordinator)
    note = services.note_update_texts(
        note=note, introduction="", narratives={"headspace": "Egen tekst."}, closing=""
    )
    client_for(coordinator).post(
        reverse("statusnote:note_take_proposal", args=[note.pk, "headspace"])
    )
    note.refresh_from_db()
    assert note.narratives["headspace"].startswith("Et eksempel på et praksisnært samarbejde")
    assert "headspace" not in compose.edited_parts(note)


def test_an_unknown_part_is_refused_with_a_message(client_for, coordinator, draft):
    client = client_for(coordinator)
    response = client.post(reverse("statusnote:note_take_proposal", args=[draft.pk, "x.y"]))
    assert response.status_code == 302
    assert "Notatet har ikke det afsnit." in client.get(draft.get_absolute_url()).content.decode()
