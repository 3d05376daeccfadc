"""Data-subject requests: export what the portal holds about a person; erase/anonymise."""

import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from trivsel.schools import readlog
from trivsel.schools.models import ReadLogEntry, Staff, User


def test_a_coordinator_exports_what_the_portal_holds_about_a_staff_member_as_json(
    client_for, coordinator, staff_a, school_a
):
    readlog.log_read(staff_a, school_a, "view")  # a read the person made
    readlog.log_read(coordinator, staff_a, "view")  # a read of the person's record
    response = client_for(coordinator).get(
        reverse("security:subject_export", args=[staff_a.pk]), {"format": "json"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["Bruger"][0]["brugernavn"] == "medarbejder_a"
    assert data["Medarbejder"][0]["skole"] == school_a.name
    assert len(data["Læsninger foretaget"]) == 1
    assert data["Læsninger af oplysninger om personen"][0]["læst af"] == "koordinator"
    assert "password" not in response.content.decode()
    # the export itself is a logged read
    assert ReadLogEntry.objects.filter(user=coordinator, purpose="export").exists()


def test_the_export_is_also_an_excel_file_with_a_sheet_per_section(
    client_for, coordinator, staff_a
):
    response = client_for(coordinator).get(
        reverse("security:subject_export", args=[staff_a.pk]), {"format": "xlsx"}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert "Bruger" in book.sheetnames and "Medarbejder" in book.sheetnames
    assert book["Bruger"]["A2"].value == "medarbejder_a"


def test_an_unknown_format_is_a_clear_400(client_for, coordinator, staff_a):
    response = client_for(coordinator).get(
        reverse("security:subject_export", args=[staff_a.pk]), {"format": "pdf"}
    )
    assert response.status_code == 400


def test_erasing_anonymises_the_login_staff_record_and_their_history_with_counts(
    client_for, coordinator, staff_a
):
    staff = Staff.objects.get(user=staff_a)
    staff.name = "Mads Mellemnavn"
    staff.save()
    client = client_for(coordinator)
    page = client.get(reverse("security:subject_erase", args=[staff_a.pk])).content.decode()
    assert "Anonymisér personen" in page

    response = client.post(
        reverse("security:subject_erase", args=[staff_a.pk]), {"confirm": "yes"}, follow=True
    )
    assert "Personen er anonymiseret" in response.content.decode()
    assert "medarbejdere: 1" in response.content.decode()

    user = User.objects.get(pk=staff_a.pk)
    assert user.username == f"slettet-{user.pk}" and not user.is_active and not user.email
    assert not user.has_usable_password()
    staff.refresh_from_db()
    assert staff.name == "Slettet person"
    assert not staff.history.filter(name__icontains="Mads").exists()
    assert not User.history.filter(id=user.pk, username="medarbejder_a").exists()


def test_a_superuser_or_oneself_cannot_be_erased_here(client_for, coordinator, superuser):
    client = client_for(coordinator)
    for target in (superuser, coordinator):
        client.post(reverse("security:subject_erase", args=[target.pk]), {"confirm": "yes"})
        target.refresh_from_db()
        assert target.is_active


def test_the_search_finds_people_by_name_or_email(client_for, coordinator, staff_a):
    page = client_for(coordinator).get(reverse("security:subject_search"), {"q": "medarbejder"})
    assert "medarbejder_a" in page.content.decode()
