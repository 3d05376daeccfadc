"""Bad input is refused with a clear Danish message, and nothing is saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.trials.models import Attachment, TrialAction
from initiatives.trials.uploads import MAX_SIZE
from tests.factories import StaffFactory
from tests.trials.test_workflow import EVALUATION, form_data


def post_create(client, data):
    return client.post(reverse("trials:trialaction_create"), data)


def errors_of(response) -> str:
    return str(response.context["form"].errors)


def test_an_end_before_the_start_is_refused(client_for, leader_a, school_a, sleep):
    response = post_create(
        client_for(leader_a), form_data(school_a, sleep, start="2023-05-01", end="2023-04-01")
    )
    assert response.status_code == 200
    assert "Slutdatoen ligger før startdatoen." in errors_of(response)
    assert not TrialAction.objects.exists()


def test_a_class_of_another_school_is_refused_for_a_leader(
    client_for, leader_a, school_a, class_b, sleep
):
    response = post_create(client_for(leader_a), form_data(school_a, sleep, classes=[class_b.pk]))
    assert response.status_code == 200
    assert "kun egen skoles klasser" in errors_of(response)
    assert not TrialAction.objects.exists()


def test_a_class_of_another_school_is_refused_for_a_coordinator(
    client_for, coordinator, school_a, class_b, sleep
):
    response = post_create(
        client_for(coordinator), form_data(school_a, sleep, classes=[class_b.pk])
    )
    assert response.status_code == 200
    assert "hører ikke til Valhøj Skole" in errors_of(response)
    assert not TrialAction.objects.exists()


def test_staff_of_another_school_is_refused(client_for, coordinator, school_a, school_b, sleep):
    outsider = StaffFactory(school=school_b, name="Bent Udefra")
    response = post_create(client_for(coordinator), form_data(school_a, sleep, staff=[outsider.pk]))
    assert "Bent Udefra arbejder ikke på Valhøj Skole" in errors_of(response)
    assert not TrialAction.objects.exists()


def test_the_service_refuses_a_foreign_class_even_without_the_form(action_a, class_b):
    from django.core.exceptions import ValidationError

    from initiatives.trials.services import trial_action_save

    with pytest.raises(ValidationError) as error:
        trial_action_save(trial_action=action_a, themes=[], classes=[class_b], staff=[])
    assert "hører ikke til" in str(error.value)
    assert list(action_a.classes.values_list("pk", flat=True)) != [class_b.pk]


def test_a_missing_title_is_refused(client_for, leader_a, school_a, sleep):
    response = post_create(client_for(leader_a), form_data(school_a, sleep, title=""))
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not TrialAction.objects.exists()


def test_no_target_group_is_refused(client_for, leader_a, school_a, sleep):
    response = post_create(client_for(leader_a), form_data(school_a, sleep, grade_bands=[]))
    assert "Vælg mindst ét klassetrin" in errors_of(response)
    assert not TrialAction.objects.exists()


@pytest.mark.parametrize("field", ["title", "aim", "activities"])
def test_a_cpr_number_in_a_text_field_is_refused(client_for, leader_a, school_a, sleep, field):
    data = form_data(school_a, sleep)
    data[field] = f"{data[field]} eleven 010203-1234"
    response = post_create(client_for(leader_a), data)
    assert response.status_code == 200
    assert "CPR-nummer" in str(response.context["form"].errors[field])
    assert not TrialAction.objects.exists()


def test_a_cpr_number_in_the_evaluation_is_refused(client_for, leader_a, action_a):
    data = {**EVALUATION, "effect_pupils_text": "Eleven 1101051234 sover bedre"}
    response = client_for(leader_a).post(
        reverse("trials:trialaction_evaluate", args=[action_a.pk]), data
    )
    assert "CPR-nummer" in str(response.context["form"].errors["effect_pupils_text"])
    action_a.refresh_from_db()
    assert action_a.status == "running"


def upload(client, action, name, content):
    return client.post(
        reverse("trials:attachment_upload", args=[action.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_an_oversized_file_is_refused(client_for, leader_a, action_a):
    response = upload(client_for(leader_a), action_a, "stor.pdf", b"%PDF-" + b"0" * MAX_SIZE)
    assert response.status_code == 200
    assert "Filen er for stor" in str(response.context["form"].errors)
    assert not Attachment.objects.exists()


def test_a_file_type_that_is_not_allowed_is_refused(client_for, leader_a, action_a):
    response = upload(client_for(leader_a), action_a, "virus.exe", b"MZ\x90\x00")
    assert "Filtypen «.exe» er ikke tilladt" in str(response.context["form"].errors)
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("rapport.pdf", b"<html><script>alert(1)</script></html>"),
        ("billede.png", b"%PDF-1.4 not a png"),
        ("referat.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused(
    client_for, leader_a, action_a, name, content
):
    response = upload(client_for(leader_a), action_a, name, content)
    assert "Filens indhold passer ikke til filtypen" in str(response.context["form"].errors)
    assert not Attachment.objects.exists()


def test_a_real_office_file_is_accepted(client_for, leader_a, action_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    response = upload(client_for(leader_a), action_a, "referat.docx", buffer.getvalue())
    assert response.status_code == 302
    assert Attachment.objects.get().name == "referat.docx"
