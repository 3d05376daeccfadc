"""A coordinator's decision that loses the race (another coordinator decided first) or is pressed
twice gets the application's page again, as it is now, with «Ansøgningen er allerede behandlet»
— never a bare 400 — and changes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from initiatives.openschool import services, views
from initiatives.openschool.models import Application, Status
from tests.conftest import make_actor
from tests.openschool.factories import ApplicationFactory
from trivsel.schools.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return make_actor("koordinator2", role=Role.COORDINATOR, first_name="Kim", last_name="Holm")


def _decide(client, app, **data):
    return client.post(reverse("openschool:application_decide", args=[app.pk]), data, follow=True)


def test_an_approval_that_lost_the_race_shows_the_page_as_it_is_now(
    client_for, coordinator, colleague, programme, school_a, monkeypatch
):
    app = ApplicationFactory(programme=programme, school=school_a, amount=Decimal("20000"))
    stale = Application.objects.get(pk=app.pk)  # what the page loaded: still submitted
    services.allocation_approve(application=app, amount=Decimal("15000"), approved_by=colleague)
    monkeypatch.setattr(views.ApplicationDecideView, "get_object", lambda self: stale)
    response = _decide(client_for(coordinator), app, decision="approve", amount="20000")
    assert response.redirect_chain == [(app.get_absolute_url(), 302)]
    page = response.content.decode()
    assert (
        "Ansøgningen er allerede behandlet: Delvist godkendt af Kim Holm. Din afgørelse er ikke "
        "gemt." in page
    )
    assert "15.000,00 kr." in page  # the current state: what the colleague approved
    assert "Gem afgørelse" not in page  # no form to decide again
    app.refresh_from_db()
    assert (app.status, app.approved_amount, app.decided_by) == (
        Status.PARTLY,
        Decimal("15000"),
        colleague,
    )


@pytest.mark.parametrize(
    "second",
    [
        {"decision": "approve", "amount": "20000"},
        {"decision": "reject", "reason": "For sent"},
        {"decision": "reject"},  # an invalid form too: the page shows no form to show it on
    ],
)
def test_a_decision_pressed_twice_gets_the_page_and_a_danish_message(
    client_for, coordinator, programme, school_a, second
):
    app = ApplicationFactory(programme=programme, school=school_a, amount=Decimal("20000"))
    client = client_for(coordinator)
    first = _decide(client, app, decision="reject", reason="Ikke sundhed og trivsel")
    assert "Afgørelsen er gemt" in first.content.decode()
    again = _decide(client, app, **second)
    assert again.redirect_chain == [(app.get_absolute_url(), 302)]
    assert "Ansøgningen er allerede behandlet: Afvist af" in again.content.decode()
    app.refresh_from_db()
    assert (app.status, app.decision_reason) == (Status.REJECTED, "Ikke sundhed og trivsel")
