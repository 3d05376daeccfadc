"""No dead end on the course page: once the course has ended or every seat is confirmed, the
«Indstil medarbejder» button gives way to a one-line reason, and the form refuses as well."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.griefgroups import services
from initiatives.griefgroups.models import Nomination, NominationStatus
from tests.factories import StaffFactory

from .factories import NominationFactory

pytestmark = pytest.mark.django_db

NOMINATE = "Indstil medarbejder"


def test_nominations_are_open_before_the_course(client_for, leader_a, course, frozen_at):
    frozen_at(date(2023, 8, 15))
    page = client_for(leader_a).get(course.get_absolute_url()).content.decode()
    assert NOMINATE in page
    assert "Kurset er afsluttet" not in page


def test_an_ended_course_offers_no_nomination_and_says_why(
    client_for, leader_a, course, school_a, frozen_at
):
    frozen_at(date(2024, 1, 15))  # the course ended 28 November 2023
    client = client_for(leader_a)
    page = client.get(course.get_absolute_url()).content.decode()
    assert f">{NOMINATE}<" not in page
    assert "Kurset er afsluttet, så der kan ikke indstilles flere." in page

    form = client.get(reverse("griefgroups:nomination_create", args=[course.pk]))
    assert form.status_code == 302 and form.url == course.get_absolute_url()
    anna = StaffFactory(school=school_a)
    response = client.post(
        reverse("griefgroups:nomination_create", args=[course.pk]), {"staff": anna.pk}
    )
    assert "Kurset er afsluttet" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_course_with_every_seat_confirmed_offers_no_nomination(
    client_for, leader_a, course, school_a, frozen_at
):
    frozen_at(date(2023, 8, 15))
    course.seats = 1
    course.save()
    NominationFactory(
        course=course, staff=StaffFactory(school=school_a), status=NominationStatus.CONFIRMED
    )
    page = client_for(leader_a).get(course.get_absolute_url()).content.decode()
    assert f">{NOMINATE}<" not in page
    assert "Alle pladser på kurset er bekræftet" in page
    with pytest.raises(ValidationError):
        services.nomination_create(
            course=course, staff=StaffFactory(school=school_a), nominated_by=leader_a
        )
