"""The PDFs (WeasyPrint), read back with pypdf: name badges on A4 sheets, 2 × 4 per page, and
the participant list of one day."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conference import services
from conference.models import ParticipantKind
from tests.conference.factories import ConsentTextFactory, EventDayFactory, EventFactory
from tests.factories import OrganisationFactory
from trivsel.schools import clock
from trivsel.schools.models import ReadLogEntry


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Rødovre Lærerforening")


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], title="Du og jeg")


def pdf_pages(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]


def test_badges_are_a4_sheets_of_eight_with_name_organisation_and_kind(
    client_for, conference_admin, event, org, staff_a, school_a, class_a
):
    day = EventDayFactory(event=event, capacity=20)
    ConsentTextFactory(event=event)
    for i in range(9):
        services.registration_create(
            event=event,
            name=f"Deltager{i:02d} Hansen",
            email=f"d{i}@rk.dk",
            organisation=org,
            days=[day],
        )
    services.registration_create(
        event=event,
        kind=ParticipantKind.PUPIL,
        name="Ida",
        school=school_a,
        school_class=class_a,
        days=[day],
        created_by=staff_a,
        guardian_name="Hanne",
        consent_given_at=clock.now(),
    )
    services.registration_create(  # no consent: no place, no badge
        event=event,
        kind=ParticipantKind.PUPIL,
        name="Noah",
        school=school_a,
        school_class=class_a,
        days=[day],
        created_by=staff_a,
    )
    response = client_for(conference_admin).get(
        reverse("conference:badges", kwargs={"pk": event.pk})
    )
    pages = pdf_pages(response)
    assert len(pages) == 2  # 10 badges: 8 + 2
    reader = PdfReader(BytesIO(response.content))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert (
        pages[0].count("Rødovre Lærerforening") == 8 and "MEDARBEJDER" in pages[0]
    )  # kind in capitals
    text = "\n".join(pages)
    assert "Deltager08" in text
    assert "Ida" in text and "Valhøj Skole, 7.A" in text and "ELEV" in text
    assert "Noah" not in text
    assert ReadLogEntry.objects.filter(purpose="pdf").count() == 1  # Ida's registration


def test_the_participant_list_of_a_day_has_the_confirmed_participants_only(
    client_for, coordinator, event, org
):
    day = EventDayFactory(event=event, capacity=2)
    other_day = EventDayFactory(event=event, capacity=5)
    for name in ("Anne Andersen", "Bo Berg", "Carla Christensen"):  # Carla waits
        services.registration_create(
            event=event,
            name=name,
            email=f"{name.split()[0]}@rk.dk",
            organisation=org,
            days=[day],
            dietary_needs="Vegetar" if name == "Bo Berg" else "",
        )
    services.registration_create(
        event=event, name="Dennis Dahl", email="dennis@rk.dk", organisation=org, days=[other_day]
    )
    response = client_for(coordinator).get(
        reverse("conference:day_list_pdf", kwargs={"pk": event.pk, "day_pk": day.pk})
    )
    text = "\n".join(pdf_pages(response))
    assert "Deltagerliste" in text and "Du og jeg" in text and "2 deltagere" in text
    assert "Anne Andersen" in text and "Bo Berg" in text and "Vegetar" in text
    assert "Carla" not in text and "Dennis" not in text


def test_a_school_leader_gets_no_pdf(client_for, leader_a, event):
    day = EventDayFactory(event=event)
    client = client_for(leader_a)
    assert client.get(reverse("conference:badges", kwargs={"pk": event.pk})).status_code == 403
    url = reverse("conference:day_list_pdf", kwargs={"pk": event.pk, "day_pk": day.pk})
    assert client.get(url).status_code == 403
