from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.openschool.models import Application, Report, Status
from tests.factories import SchoolFactory
from tests.openschool.factories import ApplicationFactory, OfferFactory

pytestmark = pytest.mark.django_db

LIST = reverse("openschool:application_list")


def test_a_leader_applies_through_the_form(client_for, leader_a, programme, school_a, class_a):
    response = client_for(leader_a).post(
        reverse("openschool:application_create"),
        {
            "school": school_a.pk,
            "own_title": "Trivselsdag",
            "amount": "12000",
            "purpose": "Fællesskab",
            "target_classes": [class_a.pk],
            "planned_start": "2024-03-01",
            "planned_end": "2024-03-02",
            "submit": "on",
        },
    )
    app = Application.objects.get()
    assert response.status_code == 302 and response.url == app.get_absolute_url()
    assert app.status == Status.SUBMITTED


def test_bad_input_gives_danish_messages_and_saves_nothing(
    client_for, leader_a, programme, school_a
):
    response = client_for(leader_a).post(
        reverse("openschool:application_create"),
        {
            "school": school_a.pk,
            "own_title": "",
            "amount": "-1",
            "purpose": "Elev 010203-1234",
            "planned_start": "2024-03-02",
            "planned_end": "2024-03-01",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "større end 0 kr." in text
    assert "CPR-nummer" in text
    assert "før startdatoen" in text
    assert not Application.objects.exists()


def test_a_leader_cannot_pick_another_school_in_the_form(client_for, leader_a, programme, school_b):
    response = client_for(leader_a).post(
        reverse("openschool:application_create"),
        {
            "school": school_b.pk,
            "own_title": "X",
            "amount": "100",
            "purpose": "Y",
            "planned_start": "2024-03-01",
            "planned_end": "2024-03-01",
        },
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("leader_a", 200),
        ("staff_a", 200),
        ("leader_b", 404),
        ("consultant", 200),
        ("coordinator", 200),
        ("conference_admin", 403),
    ],
)
def test_the_application_page_follows_the_table(
    actors, client_for, programme, school_a, actor, status
):
    app = ApplicationFactory(programme=programme, school=school_a)
    response = client_for(actors[actor]).get(app.get_absolute_url())
    assert response.status_code == status


def test_another_leader_cannot_edit_by_id(client_for, leader_b, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a, status=Status.DRAFT)
    assert client_for(leader_b).get(app.get_edit_url()).status_code == 404


def test_a_leader_cannot_post_a_decision(client_for, leader_a, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a)
    response = client_for(leader_a).post(
        reverse("openschool:application_decide", args=[app.pk]),
        {"decision": "approve", "amount": "1000"},
    )
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_the_coordinator_decides_on_the_page_and_the_school_is_mailed(
    client_for, coordinator, leader_a, programme, school_a, django_capture_on_commit_callbacks
):
    app = ApplicationFactory(programme=programme, school=school_a, created_by=leader_a)
    client = client_for(coordinator)
    assert "Resterende budget: 100.000" in client.get(app.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("openschool:application_decide", args=[app.pk]),
            {"decision": "approve", "amount": "15000", "reason": "Delvist"},
        )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.PARTLY
    assert len(mail.outbox) == 1
    page = client_for(leader_a).get(app.get_absolute_url()).content.decode()
    assert "Delvist godkendt" in page


def test_an_over_budget_approval_on_the_page_is_refused_in_danish(
    client_for, coordinator, programme, school_a
):
    app = ApplicationFactory(programme=programme, school=school_a, amount=Decimal("100000"))
    ApplicationFactory(
        programme=programme,
        school=school_a,
        status=Status.APPROVED,
        amount=Decimal("95000"),
        approved_amount=Decimal("95000"),
    )
    response = client_for(coordinator).post(
        reverse("openschool:application_decide", args=[app.pk]),
        {"decision": "approve", "amount": "10000"},
    )
    assert response.status_code == 400
    assert "der er 5.000 kr. tilbage" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_the_leader_reports_on_the_page(client_for, leader_a, programme, school_a):
    app = ApplicationFactory(
        programme=programme,
        school=school_a,
        status=Status.APPROVED,
        approved_amount=Decimal("20000"),
    )
    response = client_for(leader_a).post(
        reverse("openschool:report_create", args=[app.pk]),
        {
            "held_from": "2024-02-01",
            "held_to": "2024-02-01",
            "class_count": "2",
            "pupil_count": "45",
            "spent_amount": "19000",
            "wellbeing_effect": "Mere ro",
            "staff_participation": "Lærerne var med",
        },
    )
    assert response.status_code == 302
    assert Report.objects.get().pupil_count == 45


def _many(programme, n):
    for i in range(n):
        school = SchoolFactory()
        ApplicationFactory(
            programme=programme, school=school, offer=OfferFactory(programme=programme)
        )
        if i % 2:
            ApplicationFactory(programme=programme, school=school, status=Status.DRAFT)


def test_the_application_list_has_a_fixed_number_of_queries(
    client_for, coordinator, programme, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(LIST)  # warm the session
    # session, user, the current year's programme, count (pagination), the rows with school,
    # offer, partner and report in one query
    for size in (2, 8):
        _many(programme, size)
        with django_assert_num_queries(5):
            response = client.get(LIST)
        assert response.status_code == 200


def test_the_overview_shows_money_per_school_and_partner_and_exports_xlsx(
    client_for, coordinator, programme, school_a, django_assert_num_queries
):
    offer = OfferFactory(programme=programme)
    ApplicationFactory(
        programme=programme,
        school=school_a,
        offer=offer,
        status=Status.APPROVED,
        approved_amount=Decimal("20000"),
    )
    client = client_for(coordinator)
    page = client.get(reverse("openschool:overview")).content.decode()
    assert "Valhøj Skole" in page and offer.partner.name in page
    assert "80.000 kr." in page  # remaining budget
    for size in (2, 6):
        _many(programme, size)
        with django_assert_num_queries(6):
            # session, user, the current year's programme, money per school, per partner, programmes
            client.get(reverse("openschool:overview"))
    response = client.get(reverse("openschool:overview") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("Pr.", "Navn", "Ansøgninger")
    assert ("Skole", "Valhøj Skole", 1, 20000, 20000, 0, 20000) in rows


def test_leaders_do_not_see_the_overview(client_for, leader_a, programme):
    assert client_for(leader_a).get(reverse("openschool:overview")).status_code == 403


def test_a_draft_is_not_an_application_in_the_economy_overview(
    client_for, coordinator, programme, school_a, school_b
):
    ApplicationFactory(programme=programme, school=school_a, status=Status.DRAFT)
    ApplicationFactory(programme=programme, school=school_b, amount=Decimal("15000"))
    response = client_for(coordinator).get(reverse("openschool:overview"))
    rows = {r["name"]: r for r in response.context["overview"]["by_school"]}
    assert school_a.name not in rows  # only a draft: nothing applied for yet
    assert (rows[school_b.name]["applications"], rows[school_b.name]["applied"]) == (1, 15000)
