"""A leader logs, edits and evaluates a trial action in the browser; the history shows who did
what; attachments go up, come down through the access module, and are deleted."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.trials.models import Attachment, Status, TrialAction
from tests.factories import StaffFactory
from trivsel.schools.versioning import current_version

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def form_data(school, sleep, **extra):
    data = {
        "school": school.pk,
        "title": "Søvnuge i 8. årgang",
        "themes": [sleep.pk],
        "grade_bands": ["udskoling"],
        "start": "2023-02-01",
        "end": "2023-05-31",
        "aim": "Bedre søvn, bedre trivsel.",
        "activities": "Søvndagbog og forældremøde.",
        "status": "running",
    }
    data.update(extra)
    return data


EVALUATION = {
    "learned": "Søvndagbogen gav eleverne et sprog for deres vaner.",
    "effect_pupils": "4",
    "effect_pupils_text": "Flere er udhvilede.",
    "effect_class": "3",
    "effect_class_text": "Roligere morgener.",
    "continuation": "Vi fortsætter i 7. og 8. årgang.",
    "decision": "continue",
}


def test_a_leader_logs_a_trial_action_for_their_school_with_classes_and_staff(
    client_for, leader_a, school_a, class_a, sleep
):
    teacher = StaffFactory(school=school_a, name="Lars Bech")
    client = client_for(leader_a)
    assert client.get(reverse("trials:trialaction_create")).status_code == 200
    response = client.post(
        reverse("trials:trialaction_create"),
        form_data(school_a, sleep, classes=[class_a.pk], staff=[teacher.pk]),
        follow=True,
    )
    action = TrialAction.objects.get(title="Søvnuge i 8. årgang")
    assert response.redirect_chain[-1][0] == action.get_absolute_url()
    assert "er oprettet" in response.content.decode()
    assert action.school == school_a
    assert action.created_by == leader_a
    assert list(action.classes.all()) == [class_a]
    assert list(action.staff.all()) == [teacher]
    assert list(action.themes.all()) == [sleep]
    assert action.grade_bands == ["udskoling"]
    assert action.status == Status.RUNNING


def test_a_coordinator_logs_a_trial_action_for_any_school(client_for, coordinator, school_b, sleep):
    response = client_for(coordinator).post(
        reverse("trials:trialaction_create"), form_data(school_b, sleep)
    )
    assert response.status_code == 302
    assert TrialAction.objects.get().school == school_b


def test_evaluating_marks_the_action_evaluated_with_its_decision(client_for, leader_a, action_a):
    client = client_for(leader_a)
    url = reverse("trials:trialaction_evaluate", args=[action_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {**EVALUATION, "lock_version": current_version(action_a)}, follow=True
    )
    assert "Evalueringen" in response.content.decode()
    action_a.refresh_from_db()
    assert action_a.status == Status.EVALUATED
    assert (action_a.effect_pupils, action_a.effect_class) == (4, 3)
    assert action_a.get_decision_display() == "Videreføres"
    assert action_a.evaluated_at is not None


@pytest.mark.parametrize("missing", ["learned", "effect_pupils", "effect_class_text", "decision"])
def test_a_trial_action_cannot_be_marked_evaluated_without_its_evaluation(
    client_for, leader_a, action_a, missing
):
    data = {**EVALUATION, missing: "", "lock_version": current_version(action_a)}
    response = client_for(leader_a).post(
        reverse("trials:trialaction_evaluate", args=[action_a.pk]), data
    )
    assert response.status_code == 200
    assert "Skal udfyldes for at evaluere." in response.context["form"].errors[missing]
    action_a.refresh_from_db()
    assert action_a.status == Status.RUNNING


def test_the_database_refuses_an_evaluated_status_without_an_evaluation(action_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TrialAction.objects.filter(pk=action_a.pk).update(status=Status.EVALUATED)


def test_the_edit_form_cannot_set_evaluated_directly(
    client_for, leader_a, action_a, school_a, sleep
):
    response = client_for(leader_a).post(
        action_a.get_edit_url(),
        {**form_data(school_a, sleep, status="evaluated"), "lock_version": action_a.lock_version},
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    action_a.refresh_from_db()
    assert action_a.status == Status.RUNNING


def test_the_history_on_the_page_shows_who_changed_what_and_when(
    client_for, leader_a, action_a, school_a, sleep
):
    client = client_for(leader_a)
    edit = {**form_data(school_a, sleep, title="Søvnuge 2.0"), "lock_version": 1}
    assert client.post(action_a.get_edit_url(), edit).status_code == 302
    evaluation = {**EVALUATION, "lock_version": current_version(action_a)}
    url = reverse("trials:trialaction_evaluate", args=[action_a.pk])
    assert client.post(url, evaluation).status_code == 302
    page = client.get(action_a.get_absolute_url()).content.decode()
    history = page.split("Ændringshistorik")[1]
    assert "Lea" in history  # leader_a's first name
    assert "titel" in history and "Søvnuge 2.0" in history
    assert "status" in history and "Evalueret" in history


def test_a_leader_uploads_downloads_and_deletes_an_attachment(
    client_for, leader_a, action_a, django_capture_on_commit_callbacks
):
    client = client_for(leader_a)
    upload = SimpleUploadedFile("evaluering.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("trials:attachment_upload", args=[action_a.pk]), {"file": upload}, follow=True
    )
    assert "er tilføjet" in response.content.decode()
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.size, attachment.uploaded_by) == (
        "evaluering.pdf",
        len(PDF),
        leader_a,
    )
    download = client.get(attachment.get_download_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("trials:attachment_delete", args=[attachment.pk]), follow=True
        )
    assert "er slettet" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not os.path.exists(path)  # the file goes once the deletion is committed


def test_leader_b_downloads_school_as_attachment_but_cannot_delete_it(
    client_for, leader_b, action_a
):
    from tests.trials.factories import AttachmentFactory

    attachment = AttachmentFactory(trial_action=action_a)
    client = client_for(leader_b)
    assert client.get(attachment.get_download_url()).status_code == 200
    assert client.post(reverse("trials:attachment_delete", args=[attachment.pk])).status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()
