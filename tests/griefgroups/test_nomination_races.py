"""Every write of a nomination takes the course's lock (as confirming a seat does) and checks the
nomination as it is under it, never the copy its page loaded: a stale press is refused in Danish,
never written past the seat rules or answered with a 500."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.griefgroups import services
from initiatives.griefgroups.models import Nomination, NominationStatus
from tests.griefgroups.factories import NominationFactory

pytestmark = pytest.mark.django_db


def test_completing_a_nomination_moved_to_the_waiting_list_meanwhile_is_refused(
    course, coordinator
):
    nomination = NominationFactory(course=course, status=NominationStatus.CONFIRMED)
    stale = Nomination.objects.get(pk=nomination.pk)  # the course page: a confirmed seat
    services.nomination_set_status(
        nomination=nomination, status=NominationStatus.WAITING, decided_by=coordinator
    )
    with pytest.raises(ValidationError, match="Kun deltagere med en bekræftet plads"):
        services.nomination_complete(
            nomination=stale, completed=True, completed_on=date(2023, 11, 28)
        )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.completed) == (NominationStatus.WAITING, False)


def test_withdrawing_a_nomination_confirmed_meanwhile_is_refused(course, coordinator):
    nomination = NominationFactory(course=course)
    stale = Nomination.objects.get(pk=nomination.pk)  # the leader's page: not confirmed yet
    services.nomination_confirm(nomination=nomination, confirmed_by=coordinator)
    with pytest.raises(ValidationError, match="Pladsen er bekræftet"):
        services.nomination_withdraw(nomination=stale)
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.CONFIRMED


def test_a_decision_on_a_nomination_withdrawn_meanwhile_is_refused_in_danish(course, coordinator):
    nomination = NominationFactory(course=course)
    stale = Nomination.objects.get(pk=nomination.pk)
    services.nomination_withdraw(nomination=nomination)
    for decide in (
        lambda: services.nomination_confirm(nomination=stale, confirmed_by=coordinator),
        lambda: services.nomination_set_status(
            nomination=stale, status=NominationStatus.DECLINED, decided_by=coordinator
        ),
    ):
        with pytest.raises(ValidationError, match="Indstillingen findes ikke længere"):
            decide()


def test_confirming_twice_on_the_page_keeps_one_seat_and_says_so(client_for, coordinator, course):
    nomination = NominationFactory(course=course)
    client = client_for(coordinator)
    url = reverse("griefgroups:nomination_decide", args=[nomination.pk])
    for _ in range(2):
        response = client.post(url, {"status": NominationStatus.CONFIRMED}, follow=True)
        assert response.status_code == 200
        assert "Plads bekræftet" in response.content.decode()
    assert Nomination.objects.filter(status=NominationStatus.CONFIRMED).count() == 1
