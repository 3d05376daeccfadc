"""The note's pages with named actors: only the coordinator drafts, edits, generates and
finalises; school leaders (of any school) and consultants read final notes and their documents;
staff and conference admins see nothing. The page polls a fragment until the document is ready."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from trivsel.statusnote import services
from trivsel.statusnote.models import DocumentStatus, NoteDocument, NoteStatus, StatusNote

from .factories import FinalNoteFactory, NoteDocumentFactory, StatusNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db):
    return StatusNoteFactory(narratives={"headspace": "Udkastets tekst."})


YES = {"bekraeftet": "1"}  # the confirm page's «Ja»


def test_the_coordinator_drafts_a_note_from_a_chosen_period(client_for, coordinator, spring_2023):
    client = client_for(coordinator)
    response = client.post(
        reverse("statusnote:note_create"), {"period": spring_2023.pk, "as_of": ""}
    )
    note = StatusNote.objects.get(period=spring_2023, status=NoteStatus.DRAFT)
    assert response.status_code == 302 and response["Location"] == note.get_absolute_url()
    # the demo's final spring note is version 1, as of 14 April 2023: the new draft follows it
    assert (note.version, note.as_of) == (2, date(2023, 4, 14))
    assert note.created_by == coordinator
    page = client.get(note.get_absolute_url()).content.decode()
    assert "Udkastet til Statusnotat Forår 2023, version 2 er lavet" in page
    # the preview: the seed's chapters, the drafted text and the buttons
    assert "Trivselsfremmende aktiviteter i Åben Skole-regi" in page
    assert "sorggruppelederkursus i efteråret 2023" in page
    assert "Generér PDF" in page and "Generér Word" in page
    # made final only after approval
    assert "Send til godkendelse" in page and "Gør endelig" not in page


def test_an_as_of_date_before_the_period_is_refused_in_danish(client_for, coordinator, spring_2023):
    response = client_for(coordinator).post(
        reverse("statusnote:note_create"), {"period": spring_2023.pk, "as_of": "2022-12-01"}
    )
    assert response.status_code == 200
    assert "Datoen kan ikke ligge før halvårets start." in response.content.decode()
    assert not StatusNote.objects.filter(period=spring_2023, status=NoteStatus.DRAFT).exists()


def test_the_coordinator_edits_the_texts_and_a_cpr_number_is_refused(
    client_for, coordinator, draft
):
    url = reverse("statusnote:note_texts", args=[draft.pk])
    page = client_for(coordinator).get(url)
    assert page.status_code == 200 and "Udkastets tekst." in page.content.decode()
    data = {
        "as_of": "2023-06-30",
        "recipient": "Børne- og Skoleudvalget",
        "sender": "Skoleområdet",
        "introduction": "Indledning med 010203-1234.",
        "narrative_headspace": "Ny tekst.",
        "closing": "",
        "lock_version": draft.lock_version,
    }
    refused = client_for(coordinator).post(url, data)
    assert refused.status_code == 200
    assert "Skriv ikke CPR-numre i portalen." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.narratives["headspace"] == "Udkastets tekst."

    data["introduction"] = "Ny indledning."
    saved = client_for(coordinator).post(url, data)
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert (draft.introduction, draft.narratives["headspace"]) == ("Ny indledning.", "Ny tekst.")


def test_a_final_note_sends_the_coordinator_back_instead_of_editing(client_for, coordinator):
    final = FinalNoteFactory(introduction="Låst.")
    client = client_for(coordinator)
    response = client.post(
        reverse("statusnote:note_texts", args=[final.pk]),
        {"as_of": "2023-06-30", "introduction": "Ændret", "closing": ""},
    )
    assert response.status_code == 302 and response["Location"] == final.get_absolute_url()
    final.refresh_from_db()
    assert final.introduction == "Låst."
    assert "kan ikke redigeres" in client.get(final.get_absolute_url()).content.decode()


def test_only_the_coordinator_finalises_and_only_an_approved_draft(
    client_for, coordinator, approver, leader_a, consultant, draft
):
    url = reverse("statusnote:note_finalise", args=[draft.pk])
    assert client_for(leader_a).post(url).status_code == 403
    assert client_for(consultant).post(url).status_code == 403
    draft.refresh_from_db()
    assert draft.status == NoteStatus.DRAFT
    # not yet approved: refused with a Danish message, nothing changes
    client = client_for(coordinator)
    assert client.post(url, YES).status_code == 302
    draft.refresh_from_db()
    assert draft.status == NoteStatus.DRAFT
    assert (
        "skal godkendes, før det kan gøres endeligt"
        in client.get(draft.get_absolute_url()).content.decode()
    )
    services.note_send_for_approval(note=draft, approver=approver, user=coordinator)
    services.note_approve(note=draft, user=approver)
    asked = client.post(url)  # the confirm page first: nothing changes
    assert asked.status_code == 200 and "Ja, gør endelig" in asked.content.decode()
    draft.refresh_from_db()
    assert draft.status == NoteStatus.DRAFT
    assert client.post(url, YES).status_code == 302
    draft.refresh_from_db()
    assert draft.status == NoteStatus.FINAL and draft.finalised_by == coordinator


def test_only_the_coordinator_generates(
    client_for, coordinator, leader_a, consultant, draft, django_capture_on_commit_callbacks
):
    url = reverse("statusnote:document_create", args=[draft.pk])
    for outsider in (leader_a, consultant):
        assert client_for(outsider).post(url, {"format": "pdf"}).status_code == 403
    assert not NoteDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(coordinator).post(url, {"format": "docx"})
    assert response.status_code == 302
    document = NoteDocument.objects.get()
    assert (document.format, document.status, document.created_by) == (
        "docx",
        DocumentStatus.PENDING,
        coordinator,
    )
    assert len(callbacks) == 1  # enqueued on commit, not before


def test_an_unknown_format_is_refused_with_a_message(client_for, coordinator, draft):
    client = client_for(coordinator)
    response = client.post(
        reverse("statusnote:document_create", args=[draft.pk]), {"format": "exe"}
    )
    assert response.status_code == 302
    assert not NoteDocument.objects.exists()
    assert "Vælg PDF eller Word." in client.get(draft.get_absolute_url()).content.decode()


def test_leaders_of_any_school_and_consultants_read_final_notes_not_drafts(
    client_for, leader_a, leader_b, consultant, staff_a, conference_admin, draft
):
    final = FinalNoteFactory()
    for reader in (leader_a, leader_b, consultant):
        client = client_for(reader)
        assert client.get(final.get_absolute_url()).status_code == 200
        assert client.get(draft.get_absolute_url()).status_code == 404
        listing = client.get(reverse("statusnote:note_list")).content.decode()
        assert final.get_absolute_url() in listing and draft.get_absolute_url() not in listing
    for outsider in (staff_a, conference_admin):
        assert client_for(outsider).get(final.get_absolute_url()).status_code == 403


def test_a_leader_downloads_documents_of_the_final_note_but_not_of_a_draft(client_for, leader_b):
    final_document = NoteDocumentFactory(note=FinalNoteFactory())
    draft_document = NoteDocumentFactory()
    client = client_for(leader_b)
    response = client.get(reverse("statusnote:document_download", args=[final_document.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("statusnote:document_download", args=[draft_document.pk])).status_code
        == 404
    )


def test_the_documents_fragment_polls_while_a_document_is_made_and_then_offers_the_download(
    client_for, coordinator, draft
):
    document = NoteDocumentFactory(note=draft, status=DocumentStatus.RUNNING, file="")
    url = reverse("statusnote:note_documents", args=[draft.pk])
    running = client_for(coordinator).get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in running and "Genereres" in running

    NoteDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.DONE, file="statusnotater/x.pdf"
    )
    done = client_for(coordinator).get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done
    assert reverse("statusnote:document_download", args=[document.pk]) in done


def test_the_button_shows_progress_and_then_the_download_without_a_reload(
    spring_2023, client_for, coordinator, django_capture_on_commit_callbacks
):
    note = services.note_create_draft(period=spring_2023, created_by=coordinator)
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pending = client.post(
            reverse("statusnote:document_create", args=[note.pk]),
            {"format": "pdf"},
            headers={"HX-Request": "true"},
        ).content.decode()
    assert 'hx-trigger="every 1s"' in pending and "I kø" in pending
    for callback in callbacks:  # the worker picks the task up
        callback()
    fragment = client.get(reverse("statusnote:note_documents", args=[note.pk])).content.decode()
    document = NoteDocument.objects.get()
    assert document.status == DocumentStatus.DONE and document.file.name.endswith(".pdf")
    assert "hx-trigger" not in fragment
    assert reverse("statusnote:document_download", args=[document.pk]) in fragment
